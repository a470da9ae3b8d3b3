"""No secret reaches the change log (issue 17, High 1): device keys, password hashes, session keys,
tokens. The auditor read a TOTP key at /accounts/audit/?model=totpdevice and logged in with it."""
import importlib
import re

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.sessions.models import Session
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.models import AccessEvent, PasswordHistory

# Written here, not imported from the code under test: a field whose name says it holds a secret
# (key, api_key, session_key, password, id_number_hash, token, …) — a value, not a flag or a date
# about one (must_change_password, password_changed_at).
SECRET_NAME = re.compile(
    r"(^|_)(key|secret|password|passwd|pwd|token|hash|digest|salt|seed|otp|pin|nonce|credential|session|"
    r"signature|private)s?(_(key|data|value|hash|digest|token))?$", re.I)
NOT_A_SECRET_VALUE = {"BooleanField", "DateField", "DateTimeField"}


def is_secret(field) -> bool:
    return (bool(SECRET_NAME.search(field.name)) and not field.is_relation
            and field.get_internal_type() not in NOT_A_SECRET_VALUE)
SETUP = "/accounts/otp/setup/"


def logged_fields(model) -> list[str]:
    """The fields auditlog may write to the change log for `model`, by its registry's rules
    (include_fields, when given, limits them; exclude_fields removes): every field and relation
    of the model, even those auditlog leaves out today on its own."""
    rules = auditlog.get_model_fields(model)
    return [field for field in model._meta.get_fields(include_hidden=True)
            if not (rules["include_fields"] and field.name not in rules["include_fields"])
            and field.name not in rules["exclude_fields"]]


def test_no_audited_model_logs_a_field_named_like_a_secret():
    models = auditlog.get_models()
    assert len(models) > 40  # every business model is audited: the walk must cover them
    leaks = [f"{m._meta.label}.{field.name}" for m in models for field in logged_fields(m) if is_secret(field)]
    assert leaks == []


def test_no_audited_model_serializes_its_whole_row():
    # serialize_data copies every field into LogEntry.serialized_data, past exclude_fields.
    assert [m._meta.label for m in auditlog.get_models()
            if auditlog.get_serialize_options(m)["serialize_data"]] == []


def test_the_walk_sees_the_known_secret_fields():
    """The test above would pass on a registry that lost the models: these are the secrets it must
    see and find excluded."""
    from accounts.models import User
    registered = set(auditlog.get_models())
    assert TOTPDevice in registered and User in registered
    assert PasswordHistory not in registered  # old password hashes: not audited at all
    def names(model):
        return {field.name for field in logged_fields(model)}

    assert is_secret(TOTPDevice._meta.get_field("key")) and is_secret(User._meta.get_field("password"))
    assert not is_secret(User._meta.get_field("must_change_password"))
    assert "key" not in names(TOTPDevice)
    assert "password" not in names(User)
    assert "confirmed" in names(TOTPDevice)  # the device itself stays audited
    assert Session not in registered


def all_log_text() -> str:
    return "\n".join(f"{e.object_repr} {e.changes} {e.changes_text} {e.serialized_data} {e.additional_data}"
                     for e in LogEntry.objects.all())


def test_enrolment_logs_the_device_but_never_its_key(client_for, world):
    client = client_for(world.carol)
    assert client.post(SETUP).status_code == 302
    device = TOTPDevice.objects.get(user=world.carol)
    entry = LogEntry.objects.get_for_object(device).get()
    assert entry.action == LogEntry.Action.CREATE and "key" not in entry.changes_dict
    assert device.key not in all_log_text()
    # …and the auditor's page does not show it either.
    page = client_for(world.erin).get(reverse("accounts:audit_log"), {"model": "totpdevice"}).content.decode()
    assert "默认验证器" in page and device.key not in page


def test_password_changes_log_no_hash(world):
    from accounts.models import PasswordSetupCode
    from conftest import make_user
    services.user_change_own_password(user=world.alice, new_password="Gar-2024-new")
    admin_half = services.user_reset_password(actor=world.sam, user=world.bob)
    officer_half = services.setup_code_decide(actor=make_user("olga", "security_officer"),
                                              code=PasswordSetupCode.objects.get(user=world.bob), approve=True)
    services.password_set_with_code(username="bob", first_half=admin_half, second_half=officer_half,
                                    new_password="Pul-2024-own")
    world.alice.refresh_from_db()
    world.bob.refresh_from_db()
    text = all_log_text()
    assert LogEntry.objects.get_for_object(world.alice).filter(action=LogEntry.Action.UPDATE).exists()
    for user in (world.alice, world.bob):
        assert user.password not in text
        assert user.password.split("$")[-1] not in text  # not even the digest part
        for old in PasswordHistory.objects.filter(user=user).values_list("password", flat=True):
            assert old.split("$")[-1] not in text


# Enrolment is a POST: a GET (a link, a prefetch, an image tag on another page) creates nothing.

def test_get_shows_a_button_and_creates_no_device(client_for, world):
    response = client_for(world.carol).get(SETUP)
    assert response.status_code == 200
    assert TOTPDevice.objects.count() == 0
    assert 'method="post"' in response.content.decode() and "开始绑定" in response.content.decode()


def test_post_creates_one_unconfirmed_device_then_get_shows_its_code(client_for, world):
    client = client_for(world.carol)
    assert client.post(SETUP).url == SETUP
    client.post(SETUP)  # a second press reuses the device
    device = TOTPDevice.objects.get(user=world.carol)
    assert not device.confirmed
    import base64
    assert base64.b32encode(device.bin_key).decode() in client.get(SETUP).content.decode()
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post(SETUP, {"token": token}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed


# The leaked keys: a data migration re-keys every device and asks for a new enrolment.

RESET_MESSAGE = "您的动态口令设备已因安全原因重置，请重新绑定。"


def rekey_migration():
    return importlib.import_module("accounts.migrations.0005_rekey_totp_devices")


def test_migration_rekeys_every_device_and_asks_for_re_enrolment(client, world):
    from django.apps import apps
    leaked = {}
    for user in (world.carol, world.dave):
        device = TOTPDevice.objects.create(user=user, name="默认验证器", confirmed=True)
        leaked[device.pk] = device.key
    client.force_login(world.carol)
    assert Session.objects.exists()
    logged_before = LogEntry.objects.count()

    rekey_migration().rekey_totp_devices(apps, None)

    devices = TOTPDevice.objects.in_bulk(list(leaked))
    assert {pk: d.key != leaked[pk] and len(d.key) == 40 and not d.confirmed for pk, d in devices.items()} == \
        {pk: True for pk in leaked}
    assert devices[min(leaked)].key != devices[max(leaked)].key
    assert not Session.objects.exists()  # sessions verified by a leaked code end
    assert LogEntry.objects.count() == logged_before  # the new keys are not logged either
    world.carol.refresh_from_db()
    world.alice.refresh_from_db()
    assert world.carol.otp_reset_pending and not world.alice.otp_reset_pending


def test_reset_user_sees_the_message_at_next_login_until_re_enrolled(client, world, settings):
    settings.OTP_REQUIRED = True
    TOTPDevice.objects.create(user=world.carol, name="默认验证器", confirmed=False)
    world.carol.otp_reset_pending = True
    world.carol.save()
    response = client.post(reverse("accounts:login"), {"username": "carol", "password": "Passw0rd!x"}, follow=True)
    assert response.redirect_chain[-1][0] == SETUP
    assert RESET_MESSAGE in response.content.decode()
    device = TOTPDevice.objects.get(user=world.carol)
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post(SETUP, {"token": token}).status_code == 302
    world.carol.refresh_from_db()
    assert not world.carol.otp_reset_pending
    client.post(reverse("accounts:logout"))
    response = client.post(reverse("accounts:login"), {"username": "carol", "password": "Passw0rd!x"}, follow=True)
    assert RESET_MESSAGE not in response.content.decode()


def test_message_is_in_english_too():
    from django.utils import translation
    with translation.override("en"):
        assert translation.gettext(RESET_MESSAGE) != RESET_MESSAGE


# An admin resets another user's device (lost phone); never their own.

def reset_url(user):
    return reverse("accounts:user_reset_otp", args=[user.pk])


def test_admin_resets_another_users_device_and_it_is_a_security_event(client_for, world):
    TOTPDevice.objects.create(user=world.carol, name="默认验证器", confirmed=True)
    client = client_for(world.sam)
    assert client.get(reset_url(world.carol)).status_code == 200
    assert TOTPDevice.objects.filter(user=world.carol).exists()  # the GET only asks
    assert client.post(reset_url(world.carol)).status_code == 302
    assert not TOTPDevice.objects.filter(user=world.carol).exists()
    world.carol.refresh_from_db()
    assert world.carol.otp_reset_pending
    event = AccessEvent.objects.get(kind="otp_reset")
    assert (event.user, event.username, event.success) == (world.sam, "sam", True)
    assert "carol" in event.target


def test_reset_device_no_longer_verifies_a_session(client, world, settings):
    settings.OTP_REQUIRED = True
    device = TOTPDevice.objects.create(user=world.carol, name="默认验证器", confirmed=True)
    from django_otp import DEVICE_ID_SESSION_KEY
    client.force_login(world.carol)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get(reverse("branches:index")).status_code == 200
    services.user_reset_otp(actor=world.sam, user=world.carol)
    assert client.get(reverse("branches:index")).url == reverse("accounts:otp_verify")


def test_admin_cannot_reset_own_device(client_for, world):
    TOTPDevice.objects.create(user=world.sam, name="默认验证器", confirmed=True)
    client = client_for(world.sam)
    assert client.get(reset_url(world.sam)).status_code == 403
    assert client.post(reset_url(world.sam)).status_code == 403
    assert TOTPDevice.objects.filter(user=world.sam).exists()
    assert not AccessEvent.objects.filter(kind="otp_reset", success=True).exists()
    assert AccessEvent.objects.filter(kind="otp_reset", success=False, username="sam").count() == 1  # the POST


@pytest.mark.parametrize("persona", ["alice", "carol", "erin"])
def test_only_admins_reset_devices(client_for, world, persona):
    TOTPDevice.objects.create(user=world.dave, name="默认验证器", confirmed=True)
    assert client_for(getattr(world, persona)).post(reset_url(world.dave)).status_code == 403
    assert TOTPDevice.objects.filter(user=world.dave).exists()
