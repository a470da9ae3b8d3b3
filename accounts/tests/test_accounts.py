import pytest
from django.urls import reverse

from accounts.models import AccessEvent, User
from ali_party.scoping import Role

LOGIN = "/accounts/login/"


def post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_it_shows_login_page_in_chinese(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "阿里地区农牧区党组织标准化规范化管理系统" in response.content.decode()
    assert "用户名" in response.content.decode()


def test_it_logs_in_and_records_event(client, world):
    response = post_login(client, "alice", "Passw0rd!x")
    assert response.status_code == 302
    assert AccessEvent.objects.filter(username="alice", kind="login", success=True).count() == 1


def test_wrong_password_gives_chinese_message_and_is_logged(client, world):
    response = post_login(client, "alice", "wrong")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()
    assert AccessEvent.objects.filter(username="alice", kind="login_failed", success=False).count() == 1


def test_it_locks_user_name_after_five_failures(client, world):
    for _ in range(5):
        post_login(client, "alice", "wrong")
    response = post_login(client, "alice", "Passw0rd!x")  # right password, but locked
    assert response.status_code == 429
    assert "已被锁定30分钟" in response.content.decode()
    # Another user name from the same address is not locked.
    assert post_login(client, "bob", "Passw0rd!x").status_code == 302


def test_new_user_must_change_password_first(client, world):
    world.alice.must_change_password = True
    world.alice.save()
    client.force_login(world.alice)
    response = client.get("/branches/")
    assert response.status_code == 302 and response.url == reverse("accounts:password_change")
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "Passw0rd!x", "new_password1": "Gar-2024-new", "new_password2": "Gar-2024-new"})
    assert response.status_code == 302
    world.alice.refresh_from_db()
    assert not world.alice.must_change_password
    assert client.get("/branches/").status_code == 200


@pytest.mark.parametrize("password,ok", [
    ("short1A!", True),        # 8 characters, 4 classes
    ("abcdefgh1", False),      # 2 classes
    ("Gar4Xyzq", True),       # 3 classes
    ("Ab1!", False),           # too short
])
def test_password_rules(world, password, ok):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    try:
        validate_password(password, world.alice)
        assert ok
    except ValidationError as error:
        assert not ok, error.messages


def test_admin_creates_county_clerk(client_for, world):
    """The role waits for a security officer (accounts/tests/test_separation_of_duties.py)."""
    client = client_for(world.sam)
    response = client.post(reverse("accounts:user_create"), {
        "username": "newclerk", "full_name": "新录入员", "role": Role.COUNTY_CLERK,
        "scope_area": world.county_b.pk})
    assert response.status_code == 200 and "一次性验证码" in response.content.decode()
    user = User.objects.get(username="newclerk")
    assert user.role == Role.NONE and not user.has_usable_password()
    grant = user.role_grants.get()
    assert (grant.role, grant.scope_area) == (Role.COUNTY_CLERK, world.county_b)


def test_county_clerk_must_be_bound_to_a_county(client_for, world):
    client = client_for(world.sam)
    response = client.post(reverse("accounts:user_create"), {
        "username": "x1", "full_name": "x", "role": Role.COUNTY_CLERK,
        "scope_area": world.township_a.pk})
    assert response.status_code == 200
    assert "该角色必须绑定一个县级区域" in response.content.decode()
    assert not User.objects.filter(username="x1").exists()


def test_admin_cannot_change_own_role(client_for, world):
    client = client_for(world.sam)
    response = client.post(reverse("accounts:user_update", args=[world.sam.pk]), {
        "full_name": "sam", "role": Role.PREFECTURE_STAFF, "scope_area": world.root.pk, "is_active": "on"})
    assert response.status_code == 403
    world.sam.refresh_from_db()
    assert world.sam.role == Role.ADMIN


@pytest.mark.parametrize("persona", ["alice", "carol", "erin"])
def test_account_pages_are_for_admins_only(client_for, world, persona):
    client = client_for(getattr(world, persona))
    assert client.get(reverse("accounts:user_list")).status_code == 403
    assert client.post(reverse("accounts:user_create"), {"username": "z"}).status_code == 403
    assert not User.objects.filter(username="z").exists()


def test_auditor_sees_changes_with_old_and_new_values(client_for, world):
    from branches import services
    services.organization_update(actor=world.alice, organization=world.org_a1, name="加木村第一党支部")
    client = client_for(world.erin)
    body = client.get(reverse("accounts:audit_log"), {"model": "partyorganization"}).content.decode()
    assert "加木村党支部 → 加木村第一党支部" in body


def test_only_auditor_reads_audit_log(client_for, world):
    assert client_for(world.sam).get(reverse("accounts:audit_log")).status_code == 403


def test_ui_is_chinese_even_for_an_english_browser(client, db):
    body = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "用户名" in body and "Username" not in body


def test_the_audit_log_has_a_tab_per_log_and_names_data_kinds_in_chinese(client_for, world):
    """Issue 18, item 9: security events in their own tab (with the filters kept), the data-kind
    filter a choice of Chinese model names, Django's unused name fields not logged."""
    from auditlog.context import set_actor

    from accounts.models import AccessEvent
    from branches.services import organization_create
    with set_actor(world.alice):  # as the middleware does for a request
        organization_create(actor=world.alice, name="新支部", kind="branch", area=world.village_a2)
    AccessEvent.objects.create(kind=AccessEvent.Kind.LOGIN, username="alice", success=True)
    client = client_for(world.erin)
    changes = client.get(reverse("accounts:audit_log"), {"username": "alice"}).content.decode()
    assert "新支部" in changes and 'href="?username=alice&amp;tab=events"' in changes
    assert '<option value="partyorganization">党组织</option>' in changes
    assert "first_name" not in changes and "名字" not in changes
    events = client.get(reverse("accounts:audit_log"), {"username": "alice", "tab": "events"}).content.decode()
    assert "新支部" not in events and str(AccessEvent.Kind.LOGIN.label) in events
