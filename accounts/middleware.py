"""The account security policy applied to every request (one place, not per view)."""
from django.contrib.auth import logout
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .security import SESSION_ABSOLUTE_LIFETIME, otp_required, password_expired

SESSION_STARTED_KEY = "session_started_at"


class AccountPolicyMiddleware:
    """In order: end sessions older than 12 hours; require the second factor for the roles that
    need it; require a password change when the password is new, reset, or older than 90 days."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith("/static/"):
            return self.get_response(request)
        now = timezone.now().timestamp()
        started = request.session.setdefault(SESSION_STARTED_KEY, now)
        if now - started > SESSION_ABSOLUTE_LIFETIME.total_seconds():
            logout(request)
            messages.info(request, _("登录已超过12小时，请重新登录。"))
            return redirect("accounts:login")
        exempt = {reverse("accounts:logout")}
        if otp_required(user) and not user.is_verified():
            exempt |= {reverse("accounts:otp_verify"), reverse("accounts:otp_setup")}
            if request.path not in exempt:
                return redirect("accounts:otp_verify")
            return self.get_response(request)
        if user.must_change_password or password_expired(user):
            exempt.add(reverse("accounts:password_change"))
            if request.path not in exempt:
                return redirect("accounts:password_change")
        return self.get_response(request)
