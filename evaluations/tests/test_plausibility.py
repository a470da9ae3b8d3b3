"""A meeting cannot expect more people than the organization had party members that day; record
books and follow-ups are not dated after today. Through the services and the page."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from branches.models import PartyOrganization
from cadres.models import OrganizationTransfer, PartyMember

from ..models import OrganizationLifeMeeting, Rating, RecordBookIssue
from ..services import (
    AttendanceRow, campaign_create, followup_update, meeting_create, meeting_set_attendance, meeting_update,
    recordbook_create, result_create,
)
from .factories import bulk_members, kind

D = datetime.date
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def _meeting(world, expected, present=0, *, organization=None, held_on=D(2022, 5, 1)):
    return meeting_create(actor=world.alice, organization=organization or world.org_a1, kind=kind("party_lecture"),
                          held_on=held_on, topic="党课", expected_count=expected, present_count=present)


def test_it_refuses_more_expected_than_members_and_names_both_numbers(world):
    bulk_members(world.org_a1, 3)
    with pytest.raises(ValidationError) as error:
        _meeting(world, 4, 3)
    assert error.value.message_dict["expected_count"] == [
        "应到人数（4人）不能多于加木村党支部在2022-05-01的党员人数（3人）。"]
    assert not OrganizationLifeMeeting.objects.exists()
    assert _meeting(world, 3, 3).expected_count == 3


def test_members_are_counted_as_they_were_on_the_meeting_day(world):
    # 3 members since 2010; 1 admitted after the meeting; 1 who died before it; 1 who died after it;
    # 1 who came from 昆莎一村 before it, 1 who left for 昆莎一村 after it, and an applicant: 6 that day.
    bulk_members(world.org_a1, 3)
    bulk_members(world.org_a1, 1, stage=PartyMember.Stage.PROBATIONARY, admitted_on=D(2022, 6, 1))
    died_before, died_after = bulk_members(world.org_a1, 2)
    PartyMember.objects.filter(pk=died_before.pk).update(status="deceased", status_changed_on=D(2022, 4, 1))
    PartyMember.objects.filter(pk=died_after.pk).update(status="deceased", status_changed_on=D(2022, 7, 1))
    came, left = bulk_members(world.org_a1, 1)[0], bulk_members(world.org_a2, 1)[0]
    OrganizationTransfer.objects.create(member=came, from_organization=world.org_a2, to_organization=world.org_a1,
                                        transferred_on=D(2022, 3, 1))
    OrganizationTransfer.objects.create(member=left, from_organization=world.org_a1, to_organization=world.org_a2,
                                        transferred_on=D(2022, 9, 1))
    bulk_members(world.org_a1, 1, stage=PartyMember.Stage.ACTIVIST, admitted_on=None)
    with pytest.raises(ValidationError) as error:
        _meeting(world, 7)
    assert "党员人数（6人）" in error.value.message_dict["expected_count"][0]
    assert _meeting(world, 6).expected_count == 6


def test_a_committees_meeting_counts_the_members_of_its_branches(world):
    committee = PartyOrganization.objects.create(name="狮泉河镇党委", kind="committee", area=world.township_a)
    world.org_a1.parent = committee
    world.org_a1.save()
    bulk_members(world.org_a1, 4)
    bulk_members(committee, 1)
    assert _meeting(world, 5, organization=committee).expected_count == 5
    with pytest.raises(ValidationError) as error:
        _meeting(world, 6, organization=committee)
    assert error.value.message_dict["expected_count"] == [
        "应到人数（6人）不能多于狮泉河镇党委在2022-05-01的党员人数（5人）。"]


def test_an_edit_and_a_roll_are_held_to_the_same_count(world):
    a, b = bulk_members(world.org_a1, 2)
    meeting = _meeting(world, 2)
    with pytest.raises(ValidationError) as error:
        meeting_update(actor=world.alice, meeting=meeting, expected_count=3)
    assert "党员人数（2人）" in error.value.message_dict["expected_count"][0]
    # A roll naming someone admitted after the meeting counts more than there were members that day.
    late = bulk_members(world.org_a1, 1, stage=PartyMember.Stage.PROBATIONARY, admitted_on=D(2022, 8, 1))[0]
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        meeting_set_attendance(actor=world.alice, meeting=meeting,
                               rows=[AttendanceRow(a), AttendanceRow(b), AttendanceRow(late)])
    assert "应到人数（3人）不能多于加木村党支部在2022-05-01的党员人数（2人）。" in error.value.messages
    meeting.refresh_from_db()
    assert meeting.expected_count == 2 and not meeting.attendance.exists()


def test_the_page_refuses_more_expected_than_members(client_for, world):
    bulk_members(world.org_a1, 9)
    response = client_for(world.alice).post(reverse("evaluations:meeting_create"), {
        "organization": world.org_a1.pk, "kind": kind("party_lecture").pk, "held_on": "2022-05-01",
        "topic": "党课", "expected_count": 10, "present_count": 8})
    assert response.status_code == 200
    assert "应到人数（10人）不能多于加木村党支部在2022-05-01的党员人数（9人）。" in response.content.decode()
    assert not OrganizationLifeMeeting.objects.exists()


def test_record_books_and_a_closed_follow_up_are_not_dated_tomorrow(world):
    with pytest.raises(ValidationError) as error:
        recordbook_create(actor=world.alice, organization=world.org_a1, year=TOMORROW.year, books=5, boards=0,
                          issued_on=TOMORROW)
    assert error.value.message_dict["issued_on"] == ["发放日期不能晚于今天。"]
    assert not RecordBookIssue.objects.exists()
    member = bulk_members(world.org_a1, 1)[0]
    campaign = campaign_create(actor=world.alice, organization=world.org_a1, year=2022)
    result = result_create(actor=world.alice, campaign=campaign, member=member, rating=Rating.UNQUALIFIED)
    with pytest.raises(ValidationError) as error:
        followup_update(actor=world.alice, follow_up=result.follow_up, measure="correct", status="closed",
                        closed_on=TOMORROW)
    assert error.value.message_dict["closed_on"] == ["办结日期不能晚于今天。"]
