"""三权分立 that holds (issue 17 item 5): no single person obtains business-data access alone.

The attacks of the issue: an admin created an account with a business role and an initial password
of their own, logged in with it and exported the members; two admins changed each other's roles; an
admin reset a clerk's password and logged in as the clerk. Now a role takes effect only when a
security officer (neither the admin who asked nor the user) approves it, and a password is set only
by the user, with a one-time code whose two halves are shown to two different people."""
import re
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.auth.hashers import check_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import AccessEvent, PasswordSetupCode, RoleGrant, User
from ali_party.scoping import Role
from conftest import make_user

LOGIN = "/accounts/login/"
NEW_PASSWORD = "Own-Pass-2024x"


@pytest.fixture
def olga(world):
    """The security officer (安全管理员)."""
    return make_user("olga", Role.SECURITY_OFFICER)


@pytest.fixture
def otto(world):
    """A second security officer."""
    return make_user("otto", Role.SECURITY_OFFICER)


@pytest.fixture
def tom(world):
    """A second system admin."""
    return make_user("tom", Role.ADMIN)


def shown_half(response) -> str:
    assert response.status_code == 200, response.content.decode()[:500]
    return re.search(r'id="code-half">([^<]+)<', response.content.decode()).group(1).strip()


def kinds(**filters) -> list[str]:
    """The security events other than logins and logouts (force_login records one too)."""
    return list(AccessEvent.objects.filter(**filters).exclude(kind__in=["login", "logout"]).order_by("pk")
                .values_list("kind", flat=True))


def create_clerk(client_for, world, username="newclerk"):
    response = client_for(world.sam).post(reverse("accounts:user_create"), {
        "username": username, "full_name": "新录入员", "role": Role.COUNTY_CLERK, "scope_area": world.county_b.pk})
    return User.objects.get(username=username), shown_half(response)


def approve_code(client, user) -> str:
    code = PasswordSetupCode.objects.get(user=user, state=PasswordSetupCode.State.PENDING)
    return shown_half(client.post(reverse("accounts:code_decide", args=[code.pk]), {"decision": "approve"}))


def setup_password(client, username, first, second, password=NEW_PASSWORD, **extra):
    return client.post(reverse("accounts:password_setup"), {
        "username": username, "first_half": first, "second_half": second,
        "new_password1": password, "new_password2": password}, **extra)


# Creating an account: no password the admin knows, no role before the approval.

def test_admin_creates_an_account_with_no_role_and_no_password_it_knows(client_for, world):
    user, half = create_clerk(client_for, world)
    assert user.role == Role.NONE and user.scope_area is None
    assert not user.has_usable_password()
    grant = RoleGrant.objects.get(user=user)
    assert (grant.role, grant.scope_area, grant.requested_by, grant.decision) == \
        (Role.COUNTY_CLERK, world.county_b, world.sam, RoleGrant.Decision.PENDING)
    code = PasswordSetupCode.objects.get(user=user)
    assert code.state == PasswordSetupCode.State.PENDING and code.requested_by == world.sam
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", half)
    assert half not in code.admin_half_hash and check_password(half.replace("-", ""), code.admin_half_hash)
    assert kinds(username="sam") == ["grant_request", "code_request"]


def test_the_create_form_has_no_password_field(client_for, world):
    body = client_for(world.sam).get(reverse("accounts:user_create")).content.decode()
    assert 'type="password"' not in body


def test_the_whole_journey_takes_three_people(client, client_for, world, olga):
    user, admin_half = create_clerk(client_for, world)
    # The admin alone: half a code sets nothing.
    assert "用户名或验证码不正确" in setup_password(client, "newclerk", admin_half, admin_half).content.decode()
    # The security officer approves the role and the code, and gets the other half.
    officer = client_for(olga)
    grant = RoleGrant.objects.get(user=user)
    assert officer.post(reverse("accounts:grant_decide", args=[grant.pk]), {"decision": "approve"}).status_code == 302
    officer_half = approve_code(officer, user)
    officer.post(reverse("accounts:logout"))
    assert officer_half != admin_half
    # Neither half alone, nor one half twice, sets the password.
    for first, second in ((officer_half, officer_half), (admin_half, "ABCD-EFGH"), ("ABCD-EFGH", officer_half)):
        assert setup_password(client, "newclerk", first, second).status_code == 200
    user.refresh_from_db()
    assert not user.has_usable_password()
    # The user, with both (in either order, as typed), sets their own password and works.
    response = setup_password(client, "newclerk", officer_half.lower(), admin_half.replace("-", " "))
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    assert client.post(LOGIN, {"username": "newclerk", "password": NEW_PASSWORD}).status_code == 302
    assert client.get(reverse("cadres:member_list")).status_code == 200
    user.refresh_from_db()
    assert (user.role, user.scope_area, user.must_change_password) == (Role.COUNTY_CLERK, world.county_b, False)
    assert kinds(username="olga") == ["grant_approve", "code_approve"]
    assert kinds(username="newclerk", success=True) == ["code_use"]
    assert AccessEvent.objects.filter(kind="code_use", success=False).count() == 4


def test_an_account_sees_nothing_before_its_role_is_approved(client, client_for, world, olga):
    user, admin_half = create_clerk(client_for, world)
    officer_half = approve_code(client_for(olga), user)  # the code, but not the role
    client.post(reverse("accounts:logout"))
    assert setup_password(client, "newclerk", admin_half, officer_half).status_code == 302
    assert client.post(LOGIN, {"username": "newclerk", "password": NEW_PASSWORD}).status_code == 302
    for name in ("cadres:member_list", "branches:index", "dataexchange:index"):
        assert client.get(reverse(name)).status_code == 403, name
    assert "账户尚未授权" in client.get(reverse("home")).content.decode()


def test_a_refused_grant_changes_nothing(client_for, world, olga):
    user, _half = create_clerk(client_for, world)
    grant = RoleGrant.objects.get(user=user)
    client_for(olga).post(reverse("accounts:grant_decide", args=[grant.pk]), {"decision": "refuse"})
    grant.refresh_from_db()
    user.refresh_from_db()
    assert grant.decision == RoleGrant.Decision.REFUSED and grant.decided_by == olga
    assert user.role == Role.NONE
    assert kinds(username="olga") == ["grant_refuse"]


# Changing roles: never at once, never approved by the one who asked or the one who gets it.

def test_admins_cannot_change_each_others_roles(client_for, world, tom):
    response = client_for(world.sam).post(reverse("accounts:user_update", args=[tom.pk]), {
        "full_name": "tom", "role": Role.PREFECTURE_STAFF, "scope_area": world.root.pk, "is_active": "on"})
    assert response.status_code == 302
    tom.refresh_from_db()
    assert tom.role == Role.ADMIN and tom.scope_area is None
    assert RoleGrant.objects.get(user=tom).decision == RoleGrant.Decision.PENDING
    # …and tom cannot approve what sam asked for him (nor anything: approving is not an admin's).
    grant = RoleGrant.objects.get(user=tom)
    assert client_for(tom).post(reverse("accounts:grant_decide", args=[grant.pk]),
                                {"decision": "approve"}).status_code == 403
    tom.refresh_from_db()
    assert tom.role == Role.ADMIN


def test_a_change_of_area_also_waits_for_approval(world, olga):
    grant = services.user_update(actor=world.sam, user=world.alice, full_name="alice", role=Role.COUNTY_CLERK,
                                 scope_area=world.county_b, is_active=True)
    world.alice.refresh_from_db()
    assert world.alice.scope_area == world.county_a and grant.scope_area == world.county_b
    services.role_grant_decide(actor=olga, grant=grant, approve=True)
    world.alice.refresh_from_db()
    assert world.alice.scope_area == world.county_b


def test_name_and_deactivation_change_at_once(world):
    assert services.user_update(actor=world.sam, user=world.alice, full_name="阿丽斯", role=Role.COUNTY_CLERK,
                                scope_area=world.county_a, is_active=False) is None
    world.alice.refresh_from_db()
    assert world.alice.full_name == "阿丽斯" and not world.alice.is_active
    assert not RoleGrant.objects.exists()


def test_a_new_request_supersedes_the_pending_one_and_asking_for_the_current_role_withdraws_it(world):
    first = services.role_grant_request(actor=world.sam, user=world.alice, role=Role.COUNTY_CLERK,
                                        scope_area=world.county_b)
    second = services.role_grant_request(actor=world.sam, user=world.alice, role=Role.PREFECTURE_VIEWER,
                                         scope_area=world.root)
    first.refresh_from_db()
    assert first.decision == RoleGrant.Decision.SUPERSEDED and second.decision == RoleGrant.Decision.PENDING
    services.user_update(actor=world.sam, user=world.alice, full_name="alice", role=Role.COUNTY_CLERK,
                         scope_area=world.county_a, is_active=True)
    second.refresh_from_db()
    assert second.decision == RoleGrant.Decision.SUPERSEDED
    assert kinds(username="sam") == ["grant_request", "grant_request", "grant_request"]


def test_no_one_approves_a_grant_for_themselves(world, olga, otto):
    grant = services.role_grant_request(actor=world.sam, user=olga, role=Role.AUDITOR, scope_area=None)
    with pytest.raises(PermissionDenied):
        services.role_grant_decide(actor=olga, grant=grant, approve=True)
    olga.refresh_from_db()
    assert olga.role == Role.SECURITY_OFFICER
    assert AccessEvent.objects.filter(username="olga", kind="grant_approve", success=False).count() == 1
    services.role_grant_decide(actor=otto, grant=grant, approve=True)
    olga.refresh_from_db()
    assert olga.role == Role.AUDITOR


def test_no_one_approves_their_own_request_even_after_a_change_of_role(world, tom, olga):
    grant = services.role_grant_request(actor=tom, user=world.alice, role=Role.PREFECTURE_STAFF, scope_area=world.root)
    services.role_grant_decide(actor=olga, grant=services.role_grant_request(
        actor=world.sam, user=tom, role=Role.SECURITY_OFFICER, scope_area=None), approve=True)
    tom.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.role_grant_decide(actor=tom, grant=grant, approve=True)
    world.alice.refresh_from_db()
    assert world.alice.role == Role.COUNTY_CLERK


def test_no_one_asks_for_a_role_for_themselves(world):
    with pytest.raises(PermissionDenied):
        services.role_grant_request(actor=world.sam, user=world.sam, role=Role.PREFECTURE_STAFF, scope_area=world.root)


@pytest.mark.parametrize("persona", ["sam", "erin", "alice", "carol"])
def test_only_security_officers_decide(client_for, world, persona):
    grant = services.role_grant_request(actor=world.sam, user=world.bob, role=Role.PREFECTURE_STAFF,
                                        scope_area=world.root)
    client = client_for(getattr(world, persona))
    assert client.get(reverse("accounts:approval_list")).status_code == 403
    assert client.post(reverse("accounts:grant_decide", args=[grant.pk]), {"decision": "approve"}).status_code == 403
    grant.refresh_from_db()
    assert grant.decision == RoleGrant.Decision.PENDING


def test_the_approval_page_lists_what_waits(client_for, world, olga):
    create_clerk(client_for, world)
    body = client_for(olga).get(reverse("accounts:approval_list")).content.decode()
    assert "newclerk" in body and "县委组织部录入员" in body and "普兰县" in body and "新建账户" in body


def test_security_officer_sees_no_business_data_and_no_audit_log(client_for, world, olga):
    client = client_for(olga)
    assert client.get(reverse("home")).url == reverse("accounts:approval_list")
    for name in ("cadres:member_list", "branches:index", "accounts:audit_log", "accounts:user_list"):
        assert client.get(reverse(name)).status_code == 403, name


def test_security_officer_needs_the_second_factor(client_for, world, olga, settings):
    settings.OTP_REQUIRED = True
    response = client_for(olga).get(reverse("accounts:approval_list"))
    assert response.status_code == 302 and response.url == reverse("accounts:otp_verify")


# Resetting a password: the admin never learns a password, nor a whole code.

def test_admin_who_resets_a_clerk_cannot_log_in_as_the_clerk(client, client_for, world, olga):
    admin = client_for(world.sam)
    assert admin.get(reverse("accounts:user_reset_password", args=[world.alice.pk])).status_code == 200
    admin_half = shown_half(admin.post(reverse("accounts:user_reset_password", args=[world.alice.pk])))
    admin.post(reverse("accounts:logout"))
    world.alice.refresh_from_db()
    assert world.alice.check_password("Passw0rd!x")  # nothing changes before the approval
    # The admin tries their half (and guesses) for the clerk: refused.
    assert setup_password(client, "alice", admin_half, admin_half).status_code == 200
    officer_half = approve_code(client_for(olga), world.alice)
    client.post(reverse("accounts:logout"))
    world.alice.refresh_from_db()
    assert not world.alice.has_usable_password()  # the old password stops at the approval
    assert client.post(LOGIN, {"username": "alice", "password": "Passw0rd!x"}).status_code == 200
    assert setup_password(client, "alice", admin_half, admin_half).status_code == 200
    # The clerk, with both halves.
    assert setup_password(client, "alice", admin_half, officer_half).status_code == 302
    assert client.post(LOGIN, {"username": "alice", "password": NEW_PASSWORD}).status_code == 302
    assert kinds(username="sam") == ["code_request"]
    assert kinds(username="olga") == ["code_approve"]
    assert kinds(username="alice", success=True) == ["code_use"]


def test_approving_a_reset_ends_the_users_sessions(client_for, world, olga):
    clerk = client_for(world.alice)
    assert clerk.get(reverse("cadres:member_list")).status_code == 200
    services.user_reset_password(actor=world.sam, user=world.alice)
    assert clerk.get(reverse("cadres:member_list")).status_code == 200
    code = PasswordSetupCode.objects.get(user=world.alice)
    services.setup_code_decide(actor=olga, code=code, approve=True)
    assert clerk.get(reverse("cadres:member_list")).status_code == 302  # logged out


def test_admin_cannot_reset_their_own_password(client_for, world):
    client = client_for(world.sam)
    assert client.post(reverse("accounts:user_reset_password", args=[world.sam.pk])).status_code == 403
    assert not PasswordSetupCode.objects.exists()


def test_the_requester_or_the_user_cannot_approve_a_code(world, olga, otto):
    services.user_reset_password(actor=world.sam, user=olga)
    code = PasswordSetupCode.objects.get(user=olga)
    with pytest.raises(PermissionDenied):
        services.setup_code_decide(actor=olga, code=code, approve=True)
    with pytest.raises(PermissionDenied):
        services.setup_code_decide(actor=world.sam, code=code, approve=True)
    code.refresh_from_db()
    assert code.state == PasswordSetupCode.State.PENDING
    assert services.setup_code_decide(actor=otto, code=code, approve=True)


def issued_code(world, olga, user=None):
    user = user or world.alice
    admin_half = services.user_reset_password(actor=world.sam, user=user)
    officer_half = services.setup_code_decide(actor=olga, code=PasswordSetupCode.objects.get(
        user=user, state=PasswordSetupCode.State.PENDING), approve=True)
    return admin_half, officer_half


def test_a_code_is_used_once(world, olga):
    admin_half, officer_half = issued_code(world, olga)
    services.password_set_with_code(username="alice", first_half=admin_half, second_half=officer_half,
                                    new_password=NEW_PASSWORD)
    with pytest.raises(ValidationError):
        services.password_set_with_code(username="alice", first_half=admin_half, second_half=officer_half,
                                        new_password="Other-Pass-2024")
    world.alice.refresh_from_db()
    assert world.alice.check_password(NEW_PASSWORD)


def test_a_code_expires_after_a_day(world, olga):
    admin_half, officer_half = issued_code(world, olga)
    code = PasswordSetupCode.objects.get(state=PasswordSetupCode.State.ISSUED)
    assert code.expires_at - code.decided_at == timedelta(hours=24)
    PasswordSetupCode.objects.filter(pk=code.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError, match="已过期"):
        services.password_set_with_code(username="alice", first_half=admin_half, second_half=officer_half,
                                        new_password=NEW_PASSWORD)


def test_a_new_request_voids_the_old_code(world, olga):
    admin_half, officer_half = issued_code(world, olga)
    services.user_reset_password(actor=world.sam, user=world.alice)
    with pytest.raises(ValidationError):
        services.password_set_with_code(username="alice", first_half=admin_half, second_half=officer_half,
                                        new_password=NEW_PASSWORD)


def test_the_new_password_follows_the_rules(world, olga):
    admin_half, officer_half = issued_code(world, olga)
    with pytest.raises(ValidationError):
        services.password_set_with_code(username="alice", first_half=admin_half, second_half=officer_half,
                                        new_password="abcdefgh1")
    assert PasswordSetupCode.objects.get(user=world.alice).state == PasswordSetupCode.State.ISSUED  # still usable


def test_wrong_codes_are_refused_after_five_from_one_address(client, world, olga):
    admin_half, officer_half = issued_code(world, olga)
    for _ in range(5):
        setup_password(client, "alice", admin_half, "WRON-GWRO", REMOTE_ADDR="10.0.0.1")
    response = setup_password(client, "alice", admin_half, officer_half, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 200 and "错误次数过多" in response.content.decode()
    assert setup_password(client, "alice", admin_half, officer_half, REMOTE_ADDR="10.0.0.2").status_code == 302
    assert AccessEvent.objects.filter(kind="code_use", success=False, remote_addr="10.0.0.1").count() == 6


def test_no_code_half_or_its_hash_is_in_the_change_log_or_the_events(client, client_for, world, olga):
    user, admin_half = create_clerk(client_for, world)
    services.role_grant_decide(actor=olga, grant=RoleGrant.objects.get(user=user), approve=True)
    officer_half = approve_code(client_for(olga), user)
    code = PasswordSetupCode.objects.get(user=user)
    hashes = [code.admin_half_hash, code.officer_half_hash]
    setup_password(client, "newclerk", admin_half, officer_half)
    assert PasswordSetupCode not in set(auditlog.get_models())
    text = "\n".join(f"{e.object_repr} {e.changes} {e.serialized_data} {e.additional_data}"
                     for e in LogEntry.objects.all())
    text += "\n".join(AccessEvent.objects.values_list("target", flat=True))
    for secret in [admin_half, officer_half, admin_half.replace("-", ""), officer_half.replace("-", "")] + \
            [h.split("$")[-1] for h in hashes]:
        assert secret not in text
    # The grant itself is in the change log (who got which role), like any account change.
    assert LogEntry.objects.get_for_object(RoleGrant.objects.get(user=user)).exists()


# The first accounts of an installation.

def test_create_account_makes_a_security_officer_with_a_code(world, capsys):
    call_command("create_account", "first_officer", "--role", "security_officer", "--full-name", "安全员")
    halves = re.findall(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", capsys.readouterr().out)
    user = User.objects.get(username="first_officer")
    assert user.role == Role.SECURITY_OFFICER and not user.has_usable_password() and len(halves) == 2
    services.password_set_with_code(username="first_officer", first_half=halves[0], second_half=halves[1],
                                    new_password=NEW_PASSWORD)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert AccessEvent.objects.filter(kind="code_approve", username="（系统）", target__contains="first_officer").exists()


def test_create_account_refuses_business_roles(world):
    with pytest.raises(CommandError):
        call_command("create_account", "sneaky", "--role", "county_clerk")
    assert not User.objects.filter(username="sneaky").exists()


def test_new_messages_are_in_english_too():
    from django.utils import translation
    with translation.override("en"):
        for text in ("账户尚未授权", "授权审批", "申请授予角色", "用一次性验证码设置密码",
                     "角色或管辖范围的修改已提交，须经安全管理员批准后生效。", "解除登录锁定"):
            assert translation.gettext(text) != text, text


@pytest.mark.parametrize("value", ["", "\x00", "x" * 5000, "<script>alert(1)</script>", "１２３４-ＡＢＣＤ"])
def test_the_password_setup_page_answers_any_input_with_a_page(client, world, value):
    response = client.post(reverse("accounts:password_setup"), {
        "username": value, "first_half": value, "second_half": value, "new_password1": value, "new_password2": value})
    assert response.status_code == 200
    world.alice.refresh_from_db()
    assert world.alice.check_password("Passw0rd!x")
