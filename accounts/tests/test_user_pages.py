"""The admin's account pages (issue 18 item 10): no role preselected on the new-account form,
plain Chinese labels and help."""
import pytest
from django.urls import reverse

from accounts.models import RoleGrant, User
from ali_party.scoping import Role
from conftest import make_user

CREATE = reverse("accounts:user_create")
LIST = reverse("accounts:user_list")


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


@pytest.mark.parametrize("role", [Role.SECURITY_OFFICER, Role.AUDITOR, Role.COUNTY_CLERK])
def test_account_pages_refuse_other_roles(client_for, world, role):
    persona = make_user("persona", role, world.county_a if role == Role.COUNTY_CLERK else None)
    client = client_for(persona)
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {"username": "z", "full_name": "z", "role": Role.ADMIN}).status_code == 403
    assert client.get(reverse("accounts:user_update", args=[world.bob.pk])).status_code == 403
    assert not User.objects.filter(username="z").exists()
