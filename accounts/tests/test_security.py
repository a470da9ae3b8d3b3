"""The account security policy: password age and reuse, session lifetime, second factor, audit."""
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.middleware import SESSION_STARTED_KEY
from accounts.models import AccessEvent


def test_expired_password_must_be_changed(client_for, world):
    world.alice.password_changed_at = timezone.now() - timedelta(days=91)
    world.alice.save()
    response = client_for(world.alice).get(reverse("branches:index"))
    assert response.status_code == 302 and response.url == reverse("accounts:password_change")


def test_none_of_the_last_five_passwords_is_reused(world):
    passwords = [f"Pass-word-{i}x" for i in range(6)]
    for p in passwords[:5]:
        services.user_change_own_password(user=world.alice, new_password=p)
    from django.core.exceptions import ValidationError
    for old in passwords[:4]:
        with pytest.raises(ValidationError, match="最近5次"):
            services.user_change_own_password(user=world.alice, new_password=old)
    services.user_change_own_password(user=world.alice, new_password=passwords[5])
    # The oldest of six has left the window of five.
    services.user_change_own_password(user=world.alice, new_password=passwords[0])


def test_session_ends_after_twelve_hours_whatever_the_activity(client_for, world):
    client = client_for(world.alice)
    assert client.get(reverse("branches:index")).status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = timezone.now().timestamp() - 12 * 3600 - 1
    session.save()
    response = client.get(reverse("branches:index"))
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    assert client.get(reverse("branches:index")).status_code == 302  # logged out for good


def test_idle_timeout_is_thirty_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST


def test_logout_deletes_the_session(client_for, world):
    from django.contrib.sessions.models import Session
    client = client_for(world.alice)
    client.get(reverse("branches:index"))
    key = client.session.session_key
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=key).exists()
    assert AccessEvent.objects.filter(username="alice", kind="logout").exists()


def test_prefecture_staff_needs_second_factor(client_for, world, settings):
    settings.OTP_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp slows retries after a wrong code; not under test here
    client = client_for(world.carol)
    response = client.get(reverse("branches:index"))
    assert response.status_code == 302 and response.url == reverse("accounts:otp_verify")
    # No device yet: enrol.
    assert client.get(reverse("accounts:otp_verify")).url == reverse("accounts:otp_setup")
    assert client.get(reverse("accounts:otp_setup")).status_code == 200
    assert client.post(reverse("accounts:otp_setup")).status_code == 302  # enrolment starts with a POST
    device = TOTPDevice.objects.get(user=world.carol)
    assert client.post(reverse("accounts:otp_setup"), {"token": "000000"}).status_code == 200
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post(reverse("accounts:otp_setup"), {"token": token}).status_code == 302
    assert client.get(reverse("branches:index")).status_code == 200


def test_county_clerk_does_not_need_second_factor(client_for, world, settings):
    settings.OTP_REQUIRED = True
    assert client_for(world.alice).get(reverse("branches:index")).status_code == 200


@pytest.mark.postgres
def test_audit_rows_cannot_be_altered_in_postgresql(world):
    event = AccessEvent.objects.create(username="alice", kind="login")
    for statement in (f"UPDATE accounts_accessevent SET username='x' WHERE id={event.pk}",
                      f"DELETE FROM accounts_accessevent WHERE id={event.pk}"):
        with pytest.raises(Exception, match="审计记录只能追加"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement)
    assert AccessEvent.objects.get(pk=event.pk).username == "alice"
