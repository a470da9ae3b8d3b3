"""The attendance page (meetings/<pk>/attendance/): present by default, one click per absentee, the
"全部出席" submit, scope (404 / 403), a refused save keeps the old roll, a flat query count."""
import datetime

import pytest
from django.urls import reverse

from cadres.models import OrganizationTransfer, PartyMember

from ..models import MeetingAttendance
from ..services import AttendanceRow, meeting_create, meeting_set_attendance
from .factories import bulk_members, kind

D = datetime.date
HELD_ON = D(2022, 3, 1)


@pytest.fixture
def meeting(world):
    return meeting_create(actor=world.alice, organization=world.org_a1, kind=kind("branch_assembly"),
                          held_on=HELD_ON, topic="党员大会")


@pytest.fixture
def branch(world):
    """加木村党支部 on 2022-03-01: 4 正式党员 and 1 预备党员 are expected (5); not expected are an
    applicant, a member admitted after the meeting, a member of 昆莎一村党支部, and a member who moved
    in from 昆莎一村党支部 after the meeting (the count rule counts him in 昆莎一村 on that day)."""
    full = bulk_members(world.org_a1, 4)
    probationary = bulk_members(world.org_a1, 1, stage=PartyMember.Stage.PROBATIONARY)
    bulk_members(world.org_a1, 1, stage=PartyMember.Stage.APPLICANT)
    bulk_members(world.org_a1, 1, admitted_on=D(2022, 6, 1), full_member_on=D(2023, 6, 1))
    bulk_members(world.org_a2, 1)
    mover = bulk_members(world.org_a1, 1)[0]
    OrganizationTransfer.objects.create(member=mover, from_organization=world.org_a2, to_organization=world.org_a1,
                                        transferred_on=D(2022, 4, 1))
    return full + probationary


def url(meeting):
    return reverse("evaluations:meeting_attendance", args=[meeting.pk])


def as_submitted(response) -> dict:
    """What the browser sends for the page as shown: each row's checked radio and its note."""
    form = response.context["form"]
    data = {}
    for _member, status, note in form.rows_for_template():
        data[status.html_name] = status.value()
        data[note.html_name] = note.value() or ""
    return data


def counts(meeting):
    meeting.refresh_from_db()
    return meeting.expected_count, meeting.present_count


def test_it_lists_the_members_on_the_meeting_day_all_present(client_for, world, meeting, branch):
    response = client_for(world.alice).get(url(meeting))
    assert response.status_code == 200
    form = response.context["form"]
    assert {m.pk for m in form.members} == {m.pk for m in branch}
    assert all(status.value() == "present" for _, status, _ in form.rows_for_template())
    assert "<select" not in response.content.decode()
    assert "全部出席" in response.content.decode()


def test_it_saves_the_default_roll_as_all_present(client_for, world, meeting, branch):
    client = client_for(world.alice)
    response = client.post(url(meeting), as_submitted(client.get(url(meeting))))
    assert response.status_code == 302
    assert counts(meeting) == (5, 5)
    assert set(meeting.attendance.values_list("member_id", "present")) == {(m.pk, True) for m in branch}


def test_it_records_one_absentee_with_a_reason(client_for, world, meeting, branch):
    client = client_for(world.alice)
    data = as_submitted(client.get(url(meeting)))
    absentee = branch[2]
    data[f"status_{absentee.pk}"] = "grazing"
    data[f"note_{absentee.pk}"] = "夏季草场"
    assert client.post(url(meeting), data).status_code == 302
    assert counts(meeting) == (5, 4)
    row = meeting.attendance.get(present=False)
    assert (row.member_id, row.absence_reason, row.absence_note) == (absentee.pk, "grazing", "夏季草场")
    # Reopened, the page shows the saved roll, not the all-present default.
    statuses = {m.pk: s.value() for m, s, _ in client.get(url(meeting)).context["form"].rows_for_template()}
    assert statuses[absentee.pk] == "grazing" and list(statuses.values()).count("present") == 4


def test_all_present_records_everyone_listed_as_present(client_for, world, meeting, branch):
    a, b, c = branch[:3]
    meeting_set_attendance(actor=world.alice, meeting=meeting,
                           rows=[AttendanceRow(a), AttendanceRow(b, False, "sick", "住院")])
    assert counts(meeting) == (2, 1)
    response = client_for(world.alice).post(url(meeting), {"all_present": "1", f"status_{b.pk}": "sick"})
    assert response.status_code == 302
    assert counts(meeting) == (5, 5)
    assert not meeting.attendance.filter(present=False).exists()
    assert meeting.attendance.get(member=b).absence_note == ""


def test_a_refused_save_keeps_the_saved_roll(client_for, world, meeting, branch):
    a, b = branch[:2]
    meeting_set_attendance(actor=world.alice, meeting=meeting, rows=[AttendanceRow(a), AttendanceRow(b, False, "sick")])
    b.organization = world.org_a2  # moved away since: listed (on the roll) but no longer allowed on it
    b.save(update_fields=["organization"])
    response = client_for(world.alice).post(url(meeting), {"all_present": "1"})
    assert response.status_code == 200
    assert "不是“加木村党支部”的党员" in response.content.decode()
    assert counts(meeting) == (2, 1)
    assert set(meeting.attendance.values_list("member_id", "present", "absence_reason")) == {
        (a.pk, True, ""), (b.pk, False, "sick")}


def test_it_is_404_for_another_countys_clerk(client_for, world, meeting, branch):
    client = client_for(world.bob)
    assert client.get(url(meeting)).status_code == 404
    assert client.post(url(meeting), {"all_present": "1"}).status_code == 404
    assert not MeetingAttendance.objects.exists()


def test_it_is_403_for_a_read_only_role(client_for, world, meeting, branch):
    client = client_for(world.dave)
    assert client.get(url(meeting)).status_code == 403
    assert client.post(url(meeting), {"all_present": "1"}).status_code == 403
    assert not MeetingAttendance.objects.exists()


@pytest.mark.parametrize("members", [5, 60])
def test_the_page_query_count_is_flat(client_for, world, meeting, django_assert_max_num_queries, members):
    client = client_for(world.alice)
    roll = bulk_members(world.org_a1, members)
    meeting_set_attendance(actor=world.alice, meeting=meeting,
                           rows=[AttendanceRow(m) for m in roll[:-1]] + [AttendanceRow(roll[-1], False, "duty")])
    with django_assert_max_num_queries(9):
        response = client.get(url(meeting))
    assert len(response.context["form"].members) == members


# --- the change log: one entry per roll saved (issue 18, item 9) -----------------------------------

def meeting_entries(meeting):
    from auditlog.models import LogEntry
    return LogEntry.objects.get_for_object(meeting).order_by("pk")


def test_saving_the_roll_of_five_is_one_change_log_entry_on_the_meeting(client_for, world, meeting, branch):
    from auditlog.models import LogEntry
    client = client_for(world.alice)
    data = as_submitted(client.get(url(meeting)))
    absentee = branch[2]
    data[f"status_{absentee.pk}"] = "grazing"
    data[f"note_{absentee.pk}"] = "夏季草场"
    before = LogEntry.objects.count()
    assert client.post(url(meeting), data).status_code == 302
    assert LogEntry.objects.count() - before == 1  # not 5 rows added (and, next time, 5 deleted)
    entry = meeting_entries(meeting).last()
    assert (entry.action, entry.actor) == (LogEntry.Action.UPDATE, world.alice)
    assert entry.changes_dict == {
        "expected_count": ["0", "5"], "present_count": ["0", "4"],
        "attendance": ["None", f"出席 4，缺席 1（{absentee.name} 外出放牧：夏季草场）"]}
    # The auditor reads it in one line, by the roll's Chinese name.
    body = client_for(world.erin).get(reverse("accounts:audit_log")).content.decode()
    assert f"<b>参会登记</b>：（空） → 出席 4，缺席 1（{absentee.name} 外出放牧：夏季草场）" in body
    assert "<b>应到人数</b>：0 → 5" in body and "<b>实到人数</b>：0 → 4" in body


def test_changing_the_roll_logs_before_and_after_and_an_unchanged_one_nothing(world, meeting, branch):
    from auditlog.models import LogEntry
    a, b = sorted(branch[:2], key=lambda m: m.name)
    meeting_set_attendance(actor=world.alice, meeting=meeting, rows=[AttendanceRow(a), AttendanceRow(b)])
    before = LogEntry.objects.count()
    meeting_set_attendance(actor=world.alice, meeting=meeting,
                           rows=[AttendanceRow(b, False, "sick", "住院"), AttendanceRow(a, False, "duty")])
    assert LogEntry.objects.count() - before == 1
    assert meeting_entries(meeting).last().changes_dict == {
        "present_count": ["2", "0"],
        "attendance": ["出席 2，缺席 0", f"出席 0，缺席 2（{a.name} 公务外出；{b.name} 病假：住院）"]}
    meeting_set_attendance(actor=world.alice, meeting=meeting,
                           rows=[AttendanceRow(a, False, "duty"), AttendanceRow(b, False, "sick", "住院")])
    assert LogEntry.objects.count() - before == 1  # the same roll again: no change to record


def test_deleting_a_meeting_with_its_roll_is_one_entry(world, meeting, branch):
    from auditlog.models import LogEntry

    from ..services import meeting_delete
    meeting_set_attendance(actor=world.alice, meeting=meeting, rows=[AttendanceRow(m) for m in branch])
    before, pk = LogEntry.objects.count(), meeting.pk
    meeting_delete(actor=world.alice, meeting=meeting)
    assert LogEntry.objects.count() - before == 1
    entry = LogEntry.objects.latest("pk")
    assert (entry.action, entry.object_id, entry.object_repr) == (LogEntry.Action.DELETE, pk, "2022-03-01 支部党员大会 党员大会")
    assert entry.changes_dict["attendance"] == ["出席 5，缺席 0", "None"]
    assert entry.changes_dict["topic"] == ["党员大会", "None"]
