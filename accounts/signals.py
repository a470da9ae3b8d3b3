"""Login, logout and failed-login events go to the security log (AccessEvent)."""
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from ali_party.client_address import client_address  # noqa: F401  (the one place; imported from here too)

from .models import AccessEvent


def record_access(*, request, kind, user=None, username="", target="", success=True) -> AccessEvent:
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return AccessEvent.objects.create(
        user=user, username=username or (user.get_username() if user else ""), kind=kind,
        remote_addr=client_address(request), target=target[:300], success=success,
    )


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    record_access(request=request, kind=AccessEvent.Kind.LOGIN, user=user)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record_access(request=request, kind=AccessEvent.Kind.LOGOUT, user=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    record_access(request=request, kind=AccessEvent.Kind.LOGIN_FAILED,
                  username=str(credentials.get("username", ""))[:150], success=False)
