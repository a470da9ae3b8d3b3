"""Project-wide view helpers and the home page."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from ali_party.scoping import Role, has_role


def apply_validation_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def home_view(request):
    user = request.user
    if has_role(user, Role.ADMIN):
        return redirect("accounts:user_list")
    if has_role(user, Role.AUDITOR):
        return redirect("accounts:audit_log")
    if has_role(user, Role.SECURITY_OFFICER):
        return redirect("accounts:approval_list")
    if has_role(user, Role.NONE):  # a role asked for but not approved yet
        return render(request, "accounts/no_role.html", {})
    return render(request, "home.html", {})
