"""The system admin's journey (demo account admin): create a county-clerk account, log out; the new
clerk logs in, must change the temporary password first, and cannot reach another county's records."""
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

TEMPORARY = "Temp@2026ngari"
NEW = "Gar#Clerk2026x"


def test_it_lets_an_admin_create_a_clerk_who_must_change_the_password_and_stays_in_the_county(
        open_session, dbq):
    from accounts.models import User
    from branches.models import Area, PartyOrganization

    gaer = Area.objects.get(name="噶尔县", level=Area.Level.COUNTY)
    pulan = Area.objects.get(name="普兰县", level=Area.Level.COUNTY)
    other_org = PartyOrganization.objects.filter(area__path__startswith=pulan.path).order_by("pk").first()
    own_org = PartyOrganization.objects.filter(area__path__startswith=gaer.path).order_by("pk").first()

    admin = open_session()
    page = admin.login("admin").page
    with page.expect_navigation():
        page.get_by_role("link", name="账户管理").click()
    expect(page.get_by_role("heading", name="账户管理")).to_be_visible()
    admin.screenshot("accounts-user-list")
    with page.expect_navigation():
        page.get_by_role("link", name="新建账户").click()
    page.locator("#id_username").fill("gaer_e2e")
    page.locator("#id_full_name").fill("噶尔县新录入员")
    page.locator("#id_role").select_option(label="县委组织部录入员")
    page.locator("#id_scope_area").select_option(value=str(gaer.pk))
    page.locator("#id_password").fill(TEMPORARY)
    admin.screenshot("accounts-user-form")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("账户 gaer_e2e 已创建。")).to_be_visible()
    expect(page.locator("tr", has_text="gaer_e2e")).to_contain_text("噶尔县")
    user = User.objects.get(username="gaer_e2e")
    assert user.must_change_password and user.scope_area_id == gaer.pk
    admin.logout()
    expect(page.get_by_role("button", name="登录")).to_be_visible()

    # The new clerk: the temporary password works once, only to set a new one.
    clerk = open_session()
    page = clerk.login("gaer_e2e", TEMPORARY).page
    assert page.url.endswith("/accounts/password/")
    expect(page.get_by_text("首次登录或密码已被重置，请先设置新密码。")).to_be_visible()
    clerk.screenshot("accounts-password-change")
    clerk.goto("/cadres/members/")  # anything else leads back to the password form
    assert page.url.endswith("/accounts/password/")
    page.locator("#id_old_password").fill(TEMPORARY)
    page.locator("#id_new_password1").fill(NEW)
    page.locator("#id_new_password2").fill(NEW)
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("密码已修改。")).to_be_visible()
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password(NEW)

    # Own county: reachable. Another county's organization: 404, and it is listed nowhere.
    clerk.goto(f"/branches/organizations/{own_org.pk}/")
    expect(page.locator("main")).to_contain_text(own_org.name)
    clerk.goto(f"/branches/organizations/{other_org.pk}/", expect_status=404)
    clerk.goto(f"/branches/organizations/{other_org.pk}/edit/", expect_status=404)
    clerk.goto(f"/dashboard/area/{pulan.pk}/", expect_status=404)
    # BUG (reported): there is no templates/404.html, so with DEBUG off the clerk gets Django's bare
    # English "Not Found" page, without the navigation bar. Once templates/404.html exists, check it:
    # expect(page.locator("main")).to_contain_text("页面不存在")
    clerk.screenshot("error-404", tablet=False)
    clerk.goto(f"/branches/organizations/?name={quote(other_org.name)}")
    expect(page.locator("main table")).to_be_visible()
    expect(page.locator(f'main a[href="/branches/organizations/{other_org.pk}/"]')).to_have_count(0)
