"""Small helpers shared by the pillar's function views (the class views use ali_party.generic)."""
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from accounts.services import reveal_record
from accounts.signals import client_address
from ali_party.generic import NestedCreateView, get_return_url, safe_return_url
from ali_party.scoping import can_write
from ali_party.views import apply_validation_error


class ChildCreateView(NestedCreateView):
    """A row under a record of the pillar (a sent cadre's work log, a committee member's assessment):
    a plain ModelForm on an instance that already names its parent; the title names the parent
    (`title_format`, "%s：…")."""

    parent_url_kwarg = "pk"
    template_name = "cadres/form.html"
    title_format = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        del kwargs["user"]  # not a ScopedModelForm: it has no related-row choices
        kwargs["instance"] = self.model(**{self.parent_kwarg: self.parent})
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("title", self.title_format % self.parent.name)
        return super().get_context_data(**kwargs)


def form_action(request, *, form, call, success, message, title, context=None,
                template="cadres/form.html"):
    """Validate `form`, run `call(cleaned_data)` (a service), show its ValidationError on the form;
    then to a safe ?return_url=, else to `success` (an object or a URL), which is also where 返回 goes."""
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, message)
            return redirect(safe_return_url(request) or success)
    return render(request, template, {"form": form, "title": title,
                                      "return_url": get_return_url(request, default=success), **(context or {})})


def post_delete(request, *, obj, call, success, message):
    """POST-only delete of a child row (a log, an assessment)."""
    if request.method != "POST":
        return redirect(success)
    try:
        call()
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, message)
    return redirect(success)


class RevealMixin:
    """"查看完整信息": a POST-only variant of a detail view that shows the full ID number and phone
    on this one response, for roles that may change the record, and records the display as an
    AccessEvent(kind="reveal") first. Order of refusals as for a write: 403 without a business role,
    404 outside the scope, 403 for a read-only role; a refused request records nothing. Past
    REVEAL_LIMIT_PER_HOUR reveals in the last hour the page stays masked (429) and the refusal is
    recorded (accounts.services.reveal_record).
    Mix in before the detail view class; the template gets `revealed=True`."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()  # visible_to(user): 404 outside the scope
        if not can_write(request.user):
            raise PermissionDenied
        if not reveal_record(actor=request.user, target=f"{self.object._meta.label_lower} {self.object.pk}",
                             remote_addr=client_address(request)):
            messages.error(request, _("为保护个人信息，每位用户1小时内最多查看%(n)d次完整信息，请稍后再试。") % {
                "n": settings.REVEAL_LIMIT_PER_HOUR})
            response = self.render_to_response(self.get_context_data(object=self.object), status=429)
            add_never_cache_headers(response)
            return response
        response = self.render_to_response(self.get_context_data(object=self.object, revealed=True))
        add_never_cache_headers(response)  # the full values must not stay in any cache
        return response
