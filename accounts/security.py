"""Account security policy (等保2.0 三级): password age and reuse, session lifetime, second factor."""
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ali_party.scoping import Role

PASSWORD_MAX_AGE = timedelta(days=90)
PASSWORD_HISTORY_DEPTH = 5
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)
OTP_ROLES = {Role.ADMIN, Role.SECURITY_OFFICER, Role.PREFECTURE_STAFF, Role.PREFECTURE_VIEWER}


def password_expired(user) -> bool:
    changed = user.password_changed_at
    return changed is None or timezone.now() - changed > PASSWORD_MAX_AGE


def otp_required(user) -> bool:
    """The roles above, and any superuser or staff account whatever its role (createsuperuser)."""
    return getattr(settings, "OTP_REQUIRED", True) and (
        user.role in OTP_ROLES or user.is_superuser or user.is_staff)


def check_not_reused(user, raw_password: str) -> None:
    recent = user.password_history.values_list("password", flat=True)[:PASSWORD_HISTORY_DEPTH]
    if any(check_password(raw_password, encoded) for encoded in recent):
        raise ValidationError(_("新密码不能与最近%(n)d次使用过的密码相同。") % {"n": PASSWORD_HISTORY_DEPTH},
                              code="password_reused")


def remember_password(user) -> None:
    """Store the user's current hash in the history (call after set_password() and save())."""
    from .models import PasswordHistory
    PasswordHistory.objects.create(user=user, password=user.password)
    stale = user.password_history.values_list("pk", flat=True)[PASSWORD_HISTORY_DEPTH:]
    PasswordHistory.objects.filter(pk__in=list(stale)).delete()
