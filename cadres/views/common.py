"""Small helpers shared by the pillar's function views (the class views use ali_party.generic)."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from ali_party.scoping import can_write, scope_path
from ali_party.views import apply_validation_error


def get_for_write(request, queryset, pk):
    """The object if the user may change it: 403 without a business role, 404 outside the scope,
    403 for a read-only role (in that order, as in ScopedUpdateView)."""
    if scope_path(request.user) is None:
        raise PermissionDenied
    obj = get_object_or_404(queryset.visible_to(request.user), pk=pk)
    if not can_write(request.user):
        raise PermissionDenied
    return obj


def form_action(request, *, form, call, success, message, title, context=None,
                template="cadres/form.html"):
    """Validate `form`, run `call(cleaned_data)` (a service), show its ValidationError on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, message)
            return redirect(success)
    return render(request, template, {"form": form, "title": title, **(context or {})})


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
