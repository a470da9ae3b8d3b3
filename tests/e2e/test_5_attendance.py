"""The attendance journey (issue 18, item 11): a county clerk opens a branch meeting's attendance page,
finds everyone present by default, records 全部出席, then marks one absentee with a reason and a note;
the meeting page shows the counts, and the auditor's change log has one entry per save, in words.
At a phone's 390×844 the absentee's reason is not cut."""
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _gaer_meeting():
    """A 2022 meeting of a 噶尔县 village branch with at least five members on the day and no roll."""
    from django.db.models import Count

    from branches.models import Area
    from evaluations.models import OrganizationLifeMeeting
    from evaluations.selectors import meeting_roll_members

    gaer = Area.objects.get(name="噶尔县", level=Area.Level.COUNTY)
    meetings = (OrganizationLifeMeeting.objects.filter(
        organization__area__path__startswith=gaer.path, organization__area__level=Area.Level.VILLAGE,
        held_on__year=2022).annotate(rolled=Count("attendance")).filter(rolled=0)
        .select_related("organization").order_by("organization_id", "held_on", "pk"))
    tried = set()
    for meeting in meetings:
        if meeting.organization_id in tried:
            continue
        tried.add(meeting.organization_id)
        members = list(meeting_roll_members(meeting))
        if 5 <= len(members) <= 60:
            return meeting, members
    raise AssertionError("no meeting to take the roll of")


def _counts(page) -> str:
    return page.locator("dt", has_text="应到 / 实到 / 缺席").locator("xpath=following-sibling::dd[1]").inner_text()


def test_a_clerk_takes_the_roll_and_the_auditor_reads_one_entry(open_session, dbq):
    from auditlog.models import LogEntry

    meeting, members = _gaer_meeting()
    n = len(members)
    absentee = members[1]
    clerk = open_session()
    page = clerk.login("gaer").page

    # 1. The meeting's page → its attendance page: everyone listed, everyone present.
    clerk.goto(f"/evaluations/meetings/{meeting.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="登记参会名单").click()
    rows = page.locator(".attendance-row")
    expect(rows).to_have_count(n)
    expect(page.locator('.attendance-row input[value="present"]:checked')).to_have_count(n)

    # 2. 全部出席 saves at once: n / n / 0.
    entries_before = LogEntry.objects.count()
    with page.expect_navigation():
        page.get_by_role("button", name="全部出席").click()
    expect(page.get_by_text("参会名单已保存。")).to_be_visible()
    expect(page.locator("dt", has_text="应到 / 实到 / 缺席").locator("xpath=following-sibling::dd[1]")) \
        .to_have_text(f"{n} / {n} / 0")
    assert LogEntry.objects.count() - entries_before == 1

    # 3. One absentee: one click on the reason, the note appears, save.
    with page.expect_navigation():
        page.get_by_role("link", name="登记参会名单").click()
    row = page.locator(".attendance-row", has_text=absentee.name)
    note = row.locator(".attendance-note")
    expect(note).to_be_hidden()
    row.locator("label", has_text="外出放牧").click()
    expect(note).to_be_visible()
    note.fill("夏季草场")
    entries_before = LogEntry.objects.count()
    with page.expect_navigation():
        page.get_by_role("button", name="保存", exact=True).click()
    assert _counts(page) == f"{n} / {n - 1} / 1"
    absent_row = page.locator("tbody tr", has_text=absentee.name)
    expect(absent_row).to_contain_text("缺席")
    expect(absent_row).to_contain_text("外出放牧")
    expect(absent_row).to_contain_text("夏季草场")
    assert LogEntry.objects.count() - entries_before == 1, "one entry for the whole roll"
    meeting.refresh_from_db()
    assert (meeting.expected_count, meeting.present_count) == (n, n - 1)

    # 4. At 390×844 the absentee's reason is whole, on the meeting page and on the attendance page.
    page.set_viewport_size(PHONE)
    clerk.screenshot_at("attendance-meeting-phone", PHONE)
    cell_cut = absent_row.evaluate(
        "tr => [...tr.cells].some(td => td.scrollWidth > td.clientWidth + 1)")
    assert not cell_cut
    with page.expect_navigation():
        page.get_by_role("link", name="登记参会名单").click()
    clerk.screenshot_at("attendance-form-phone", PHONE)
    checked = page.locator(".attendance-row", has_text=absentee.name).locator("input:checked + label")
    expect(checked).to_have_text("外出放牧")
    assert checked.evaluate("el => el.scrollWidth <= el.clientWidth + 1 && "
                            "el.getBoundingClientRect().right <= document.documentElement.clientWidth")

    # 5. The auditor: one entry for that save, in words; the filters read as words.
    auditor = open_session()
    audit = auditor.login("auditor").page
    auditor.goto("/accounts/audit/?username=gaer&model=organizationlifemeeting")
    expect(audit.locator('[data-testid="active-filters"]')).to_contain_text("用户：gaer")
    expect(audit.locator('[data-testid="active-filters"]')).to_contain_text("数据类型：组织生活记录")
    summary = f"出席 {n - 1}，缺席 1（{absentee.name} 外出放牧：夏季草场）"
    entry_rows = audit.locator("tbody tr", has_text=str(meeting))
    expect(entry_rows).to_have_count(2)  # 全部出席, then the absentee: one row per save
    expect(entry_rows.first).to_contain_text(f"参会登记：出席 {n}，缺席 0 → {summary}")
    expect(entry_rows.first).to_contain_text(f"实到人数：{n} → {n - 1}")
    operation = entry_rows.first.locator("td").nth(3)
    expect(operation).to_have_text("修改")
    assert operation.evaluate("td => td.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(td).lineHeight) + 12")
    auditor.screenshot("audit-log-changes", tablet=False)
    auditor.screenshot_at("audit-log-phone", PHONE)
    # On a phone the table scrolls sideways; its object and change cells keep a readable width.
    widths = entry_rows.first.evaluate("tr => [tr.cells[5].clientWidth, tr.cells[6].clientWidth]")
    assert widths[0] >= 150 and widths[1] >= 300, widths
