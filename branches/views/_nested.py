"""Creating a record under a parent (a post under an organization, a measure under a case …)."""
from django.shortcuts import get_object_or_404

from ali_party.generic import ScopedCreateView
from ali_party.scoping import scope_path


class NestedCreateView(ScopedCreateView):
    """Looks the parent up in the user's scope (404 outside), then calls
    `service(actor=user, <parent_kwarg>=parent, **form.cleaned_data)`."""

    parent_model = None
    parent_kwarg = ""
    template_name = "branches/form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and scope_path(request.user) is not None:
            self.parent = get_object_or_404(self.parent_model.objects.visible_to(request.user),
                                            pk=kwargs["parent_pk"])
        return super().dispatch(request, *args, **kwargs)

    def call_service(self, form):
        return type(self).service(actor=self.request.user, **{self.parent_kwarg: self.parent},
                                  **form.cleaned_data)

    def get_success_url(self):
        return self.parent.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parent"] = self.parent
        context.setdefault("title", f"{self.parent} · {self.extra_title}")
        return context
