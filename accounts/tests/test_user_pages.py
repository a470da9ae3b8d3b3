"""The admin's account pages (issue 18 item 10): no role preselected on the new-account form,
plain Chinese labels and help, and a user list with search, 最后登录 and 状态."""
import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from accounts.models import RoleGrant, User
from ali_party.scoping import Role
from conftest import make_user

CREATE = reverse("accounts:user_create")
LIST = reverse("accounts:user_list")
# Session and user; count and page of users; their pending grants, open codes, lock states; the
# session saved again (savepoint, update, release).
QUERIES = 10


def test_it_preselects_no_role(client_for, world):
    body = client_for(world.sam).get(CREATE).content.decode()
    select = body[body.index('<select name="role"'):].split("</select>")[0]
    # The empty choice first and none selected: the browser shows 请选择角色, not 系统管理员.
    assert select.index('<option value="">请选择角色</option>') < select.index('value="admin"')
    assert "selected" not in select and " required " in select


def test_it_refuses_an_account_without_a_role(client_for, world):
    response = client_for(world.sam).post(CREATE, {"username": "norole", "full_name": "无角色", "role": ""})
    assert response.status_code == 200
    assert "请选择要授予的角色。" in response.content.decode()
    assert not User.objects.filter(username="norole").exists()
    assert not RoleGrant.objects.exists()


def test_it_labels_the_account_fields_in_chinese(client_for, world):
    client = client_for(world.sam)
    body = client.get(CREATE).content.decode() + client.get(reverse("accounts:user_update", args=[world.bob.pk])
                                                            ).content.decode()
    for text in ("登录时使用，创建后不能修改", "使用人的真实姓名", "启用该账户", "取消勾选即停用"):
        assert text in body
    for stock in ("Designates whether", "Required. 150 characters", "Active"):
        assert stock not in body


def test_it_finds_users_by_user_name_or_full_name(client_for, world):
    world.bob.full_name = "扎西次仁"
    world.bob.save()
    client = client_for(world.sam)
    body = client.get(LIST, {"q": "次仁"}).content.decode()
    assert "bob" in body and "alice" not in body
    body = client.get(LIST, {"q": "ALI"}).content.decode()
    assert "alice" in body and "bob" not in body
    assert "没有符合条件的账户。" in client.get(LIST, {"q": "nobody"}).content.decode()


def test_it_shows_last_login_and_status(client, client_for, world):
    world.alice.last_login = timezone.make_aware(timezone.datetime(2026, 3, 4, 5, 6))
    world.alice.is_active = False
    world.alice.save()
    RoleGrant.objects.create(user=world.bob, role=Role.COUNTY_CLERK, scope_area=world.county_a,
                             requested_by=world.sam)
    for _ in range(5):
        client.post("/accounts/login/", {"username": "tess", "password": "wrong"}, REMOTE_ADDR="10.4.4.4")
    body = client_for(world.sam).get(LIST).content.decode()
    assert "最后登录" in body and "2026-03-04 05:06" in body and "从未登录" in body

    def row(username):
        return body[body.index(f"<td>{username}</td>"):].split("</tr>")[0]

    assert "停用" in row("alice") and "角色待批准" not in row("alice")
    assert "启用" in row("bob") and "角色待批准" in row("bob")
    assert "已锁定" in row("tess") and "已锁定" not in row("bob")


@pytest.mark.parametrize("role", [Role.SECURITY_OFFICER, Role.AUDITOR, Role.COUNTY_CLERK])
def test_account_pages_refuse_other_roles(client_for, world, role):
    persona = make_user("persona", role, world.county_a if role == Role.COUNTY_CLERK else None)
    client = client_for(persona)
    assert client.get(LIST, {"q": "sam"}).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {"username": "z", "full_name": "z", "role": Role.ADMIN}).status_code == 403
    assert client.get(reverse("accounts:user_update", args=[world.bob.pk])).status_code == 403
    assert not User.objects.filter(username="z").exists()


def _add_users(world, count):
    """`count` users, every other one with a pending role grant and a failed login, so each row's
    pending grant and lock state are read."""
    for i in range(count):
        user = make_user(f"user{User.objects.count()}", Role.NONE)
        if i % 2:
            RoleGrant.objects.create(user=user, role=Role.COUNTY_CLERK, scope_area=world.county_a,
                                     requested_by=world.sam)
            AccessAttempt.objects.create(username=user.username, ip_address="10.5.5.5", user_agent="t",
                                         failures_since_start=1, attempt_time=timezone.now())


@pytest.mark.parametrize("params", [{}, {"q": "user"}])
def test_list_query_count_is_flat(client_for, world, django_assert_num_queries, params):
    User.objects.exclude(pk=world.sam.pk).delete()
    _add_users(world, 2)
    client = client_for(world.sam)
    assert User.objects.count() == 3
    with django_assert_num_queries(QUERIES):
        assert client.get(LIST, params).status_code == 200
    _add_users(world, 37)
    assert User.objects.count() == 40
    with django_assert_num_queries(QUERIES):  # the same with 13× the users
        assert client.get(LIST, params).status_code == 200

