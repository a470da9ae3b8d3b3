"""The system admin's journey (demo account admin): create a county-clerk account (no password, the
role only asked for) and hand over half a one-time code; the security officer (demo account
security) approves the role and the code and gets the other half; the clerk sets their own password
with both halves, logs in, and cannot reach another county's records."""
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

NEW = "Gar#Clerk2026x"


def test_it_lets_an_admin_create_a_clerk_whom_the_security_officer_approves_and_who_stays_in_the_county(
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
    expect(page.locator("input[type=password]")).to_have_count(0)  # the admin sets no password
    admin.screenshot("accounts-user-form")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("账户 gaer_e2e 已创建")).to_be_visible()
    admin_half = page.locator("#code-half").inner_text().strip()
    admin.screenshot("accounts-code-half")
    user = User.objects.get(username="gaer_e2e")
    assert user.role == "none" and not user.has_usable_password()
    admin.goto("/accounts/users/")
    expect(page.locator("tr", has_text="gaer_e2e")).to_contain_text("噶尔县")  # the pending grant
    admin.logout()

    # The security officer approves the role and the code, and gets the other half.
    officer = open_session()
    page = officer.login("security").page
    expect(page.get_by_role("heading", name="授权审批")).to_be_visible()
    officer.screenshot("accounts-approvals")
    with page.expect_navigation():
        page.locator("tr", has_text="gaer_e2e").first.get_by_role("button", name="批准", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("button", name="批准并显示另一半验证码").click()
    officer_half = page.locator("#code-half").inner_text().strip()
    officer.logout()
    user.refresh_from_db()
    assert user.role == "county_clerk" and user.scope_area_id == gaer.pk

    # The new clerk sets their own password with both halves, then logs in.
    clerk = open_session()
    clerk.goto("/accounts/login/")
    page = clerk.page
    with page.expect_navigation():
        page.get_by_role("link", name="新账户或重置密码后，用一次性验证码设置密码").click()
    page.locator("#id_username").fill("gaer_e2e")
    page.locator("#id_first_half").fill(admin_half)
    page.locator("#id_second_half").fill(officer_half)
    page.locator("#id_new_password1").fill(NEW)
    page.locator("#id_new_password2").fill(NEW)
    clerk.screenshot("accounts-password-setup")
    with page.expect_navigation():
        page.get_by_role("button", name="设置密码").click()
    expect(page.get_by_text("密码已设置，请用新密码登录。")).to_be_visible()
    clerk.login("gaer_e2e", NEW)
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
