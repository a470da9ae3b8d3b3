"""The county clerk's journey (噶尔县, demo account gaer): log in through the form, add a party member
(a wrong ID number first), record a 主题党日 with attendees, import activities from Excel through
preview and confirm, and see the county dashboard change after the prefecture's recompute."""
import datetime
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from .conftest import SLOW_TIMEOUT_MS

pytestmark = pytest.mark.e2e

YEAR = 2022
THEME = "activities.theme_party_days"


def _card_value(page, code) -> int:
    return int(page.locator(f'[data-code="{code}"] .kpi-value').inner_text().strip())


def _free_id_number(birth) -> str:
    from cadres.models import PartyMember
    from cadres.validators import make_id_number

    for n in range(450, 500):  # the clerk registers a woman (次仁卓玛)
        number = make_id_number("542521", birth, n, gender="F")
        if not PartyMember.objects.with_id_number(number).exists():
            return number
    raise AssertionError("no free ID number")


def _gaer_branch():
    """A village branch of 噶尔县 with at least three members (for the attendees)."""
    from django.db.models import Count

    from branches.models import Area, PartyOrganization

    gaer = Area.objects.get(name="噶尔县", level=Area.Level.COUNTY)
    return (PartyOrganization.objects.filter(area__path__startswith=gaer.path, area__level=Area.Level.VILLAGE)
            .annotate(n=Count("members")).filter(n__gte=3).select_related("area").order_by("pk").first()), gaer


def _village_label(village) -> str:
    from branches.models import Area

    return "/".join(a.name for a in Area.objects.get_ancestors(village) if a.level != Area.Level.PREFECTURE) \
        + "/" + village.name


def test_it_takes_a_county_clerk_from_login_to_a_changed_dashboard(open_session, dbq, tmp_path):
    from activities.models import Activity
    from cadres.models import PartyMember

    branch, gaer = _gaer_branch()
    attendees = list(branch.members.order_by("pk")[:3])
    birth = datetime.date(1996, 4, 18)
    good_number = _free_id_number(birth)
    bad_number = good_number[:-1] + ("0" if good_number[-1] != "0" else "1")  # wrong check digit
    activities_before = Activity.objects.filter(organization=branch).count()

    clerk = open_session()
    page = clerk.login("gaer").page
    expect(page.get_by_text("噶尔县录入员")).to_be_visible()

    # The county dashboard before anything changes.
    clerk.goto(f"/dashboard/area/{gaer.pk}/?year={YEAR}")
    expect(page.get_by_role("heading", name=re.compile(f"噶尔县 {YEAR}年度"))).to_be_visible()
    theme_days_before = _card_value(page, THEME)

    # 1. A new member (入党申请人) with a wrong ID number: refused, the Chinese error beside the field.
    clerk.goto("/cadres/members/new/")
    page.locator("#id_name").fill("次仁卓玛")
    page.locator("#id_gender").select_option(label="女")
    page.locator("#id_birth_date").fill(birth.isoformat())
    page.locator("#id_id_number").fill(bad_number)
    page.locator("#id_occupation").select_option(label="其他")
    clerk.pick("id_organization", branch.name, branch.pk)
    page.locator("#id_stage").select_option(label="入党申请人")
    page.locator("#id_applied_on").fill("2022-05-04")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    id_field = page.locator("#id_id_number")
    expect(id_field).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#div_id_id_number")).to_contain_text("身份证号码校验位不正确，请核对。")
    assert page.locator(".is-invalid").count() == 1, "only the ID number is wrong"
    assert not PartyMember.objects.filter(name="次仁卓玛").exists()
    clerk.screenshot("form-member-error", tablet=False)

    # …corrected: saved, and the number is shown masked.
    id_field.fill(good_number)
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    member = PartyMember.objects.get(name="次仁卓玛")
    assert page.url.endswith(f"/cadres/members/{member.pk}/")
    assert member.organization_id == branch.pk and member.id_number == good_number
    expect(page.locator("main")).to_contain_text(good_number[:6])
    assert good_number not in page.locator("main").inner_text(), "the full ID number must not be shown"

    # 2. A 主题党日 with three attendees, each found by typing part of the name into 参加党员 (a
    # search picker narrowed to the chosen organization's members: the form holds no list).
    clerk.goto("/activities/records/new/")
    page.locator("#id_kind").select_option(label="主题党日")
    page.locator("#id_held_on").fill("2022-07-01")
    clerk.pick("id_organization", branch.name, branch.pk)
    clerk.pick("id_village", branch.area.name, branch.area_id)
    page.locator("#id_participants").fill("12")
    page.locator("#id_person_times").fill("12")
    for i, m in enumerate(attendees):
        clerk.pick("id_attendees", m.name[-2:], m.pk)
        if i == 0:
            clerk.screenshot("form-activity-picker", tablet=False)
    page.locator("#id_note").fill("重温入党誓词")
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("活动已保存。")).to_be_visible()
    activity = Activity.objects.get(organization=branch, held_on=datetime.date(2022, 7, 1), note="重温入党誓词")
    assert sorted(activity.attendees.values_list("pk", flat=True)) == sorted(m.pk for m in attendees)
    for m in attendees:
        expect(page.locator("main")).to_contain_text(m.name)

    # 3. Two more 主题党日 from Excel: template → preview → confirm.
    clerk.goto("/activities/records/")
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="导入").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载导入模板").click()
    template = tmp_path / "template.xlsx"
    download.value.save_as(template)
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    headers = [str(c.value).rstrip("*") for c in sheet[1] if c.value]
    assert headers[:4] == ["活动类型", "活动日期", "组织单位(党组织)", "活动村(社区)"]
    village = _village_label(branch.area)
    rows = [
        {"活动类型": "主题党日", "活动日期": "2022-08-01", "组织单位(党组织)": branch.name, "活动村(社区)": village,
         "参加人数": 20, "参加人次": 20, "解决急难愁盼问题(件)": 1, "简要说明": "e2e 导入一"},
        {"活动类型": "主题党日", "活动日期": "2022年9月1日", "组织单位(党组织)": branch.name, "活动村(社区)": village,
         "参加人数": 18, "参加人次": 18, "解决急难愁盼问题(件)": 0, "简要说明": "e2e 导入二"},
    ]
    for r, row in enumerate(rows, start=2):
        for c, header in enumerate(headers, start=1):
            sheet.cell(row=r, column=c, value=row.get(header))
    upload = tmp_path / "主题党日.xlsx"
    workbook.save(upload)
    page.locator("input[type=file]").set_input_files(upload)
    with page.expect_navigation():
        page.get_by_role("button", name="上传并校验").click()
    # Validation runs as a task; the page polls and reloads until the preview is there.
    expect(page.locator("#job-status")).to_have_text("已校验，待确认", timeout=SLOW_TIMEOUT_MS)
    expect(page.locator("main")).to_contain_text("新增 2")
    assert Activity.objects.filter(organization=branch).count() == activities_before + 1, "nothing before confirm"
    clerk.screenshot("import-preview")
    with page.expect_navigation():
        page.get_by_role("button", name="确认导入").click()
    expect(page.locator("#job-status")).to_have_text("导入完成", timeout=SLOW_TIMEOUT_MS)
    assert Activity.objects.filter(organization=branch).count() == activities_before + 3

    # 4. The dashboard still shows the last computed figures, and a clerk has no 重新计算 (prefecture
    #    staff only, issue 17); after the prefecture's recompute it has the three new ones.
    clerk.goto(f"/dashboard/area/{gaer.pk}/?year={YEAR}")
    assert _card_value(page, THEME) == theme_days_before
    expect(page.get_by_role("button", name="重新计算")).to_have_count(0)
    staff = open_session()
    staff_page = staff.login("prefecture").page
    staff.goto(f"/dashboard/area/{gaer.pk}/?year={YEAR}")
    with staff_page.expect_navigation(timeout=SLOW_TIMEOUT_MS):
        staff_page.get_by_role("button", name="重新计算").click()
    expect(staff_page.get_by_text("已提交重新计算")).to_be_visible()
    # The run is done when the status badge is gone (the page polls and reloads until then).
    expect(staff_page.locator("#run-status")).to_have_count(0, timeout=SLOW_TIMEOUT_MS)
    assert staff_page.url.endswith(f"/dashboard/area/{gaer.pk}/?year={YEAR}")
    clerk.goto(f"/dashboard/area/{gaer.pk}/?year={YEAR}")
    expect(page.locator(f'[data-code="{THEME}"] .kpi-value')).to_have_text(str(theme_days_before + 3))
