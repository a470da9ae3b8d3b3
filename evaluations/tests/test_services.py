"""Writes: bad input is refused with a Chinese message and leaves nothing half-saved."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ..models import (
    CampaignReopening, EvaluationCampaign, EvaluationResult, FollowUp, HeartToHeartTalk, MeetingAttendance,
    NotEvaluated, OrganizationLifeMeeting, Rating,
)
from ..services import (
    AttendanceRow, campaign_close, campaign_create, campaign_reopen, followup_update, meeting_create,
    meeting_set_attendance, not_evaluated_create, result_create, result_delete, result_update, talk_create,
)
from .factories import bulk_members, kind

D = datetime.date


def messages_of(error) -> str:
    return "；".join(error.value.messages)


@pytest.fixture
def campaign(world):
    return campaign_create(actor=world.alice, organization=world.org_a1, year=2022)


# --- the bad input ---------------------------------------------------------------------

def test_it_refuses_a_second_rating_for_the_same_member_and_year(world, campaign):
    member = bulk_members(world.org_a1, 1)[0]
    result_create(actor=world.alice, campaign=campaign, member=member, rating=Rating.QUALIFIED)
    with pytest.raises(ValidationError) as error:
        result_create(actor=world.alice, campaign=campaign, member=member, rating=Rating.UNQUALIFIED)
    assert "该党员本年度已有民主评议结果，同一党员每年只能评定一次" in messages_of(error)
    assert EvaluationResult.objects.count() == 1
    assert EvaluationResult.objects.get().rating == Rating.QUALIFIED
    assert not FollowUp.objects.exists()  # the refused 不合格 opened nothing


def test_it_refuses_a_rating_for_a_member_of_another_organization(world, campaign):
    outsider = bulk_members(world.org_a2, 1)[0]
    with pytest.raises(ValidationError) as error:
        result_create(actor=world.alice, campaign=campaign, member=outsider, rating=Rating.UNQUALIFIED)
    assert "2022年度不在“加木村党支部”" in messages_of(error)
    assert not EvaluationResult.objects.exists() and not FollowUp.objects.exists()


def test_it_refuses_a_rating_for_a_member_admitted_after_that_year(world, campaign):
    late = bulk_members(world.org_a1, 1, stage=4, admitted_on=D(2023, 2, 1))[0]
    with pytest.raises(ValidationError) as error:
        result_create(actor=world.alice, campaign=campaign, member=late, rating=Rating.UNGRADED)
    assert "在2022年12月31日前还不是预备党员或正式党员" in messages_of(error)
    assert not EvaluationResult.objects.exists()


def test_it_refuses_a_rating_for_a_member_who_left_before_that_year(world, campaign):
    gone = bulk_members(world.org_a1, 1)[0]
    gone.status, gone.status_changed_on = "transferred_out", D(2021, 8, 1)
    gone.save()
    with pytest.raises(ValidationError) as error:
        result_create(actor=world.alice, campaign=campaign, member=gone, rating=Rating.QUALIFIED)
    assert "不在“加木村党支部”" in messages_of(error)


def test_it_refuses_a_meeting_dated_before_the_organization_was_founded(world):
    world.org_a1.founded_on = D(2020, 1, 1)
    world.org_a1.save()
    present, absent = bulk_members(world.org_a1, 2)
    with pytest.raises(ValidationError) as error:
        meeting_create(actor=world.alice, organization=world.org_a1, kind=kind("branch_assembly"),
                       held_on=D(2019, 12, 1), topic="党员大会",
                       attendance=[AttendanceRow(present), AttendanceRow(absent, False, "sick")])
    assert "召开日期不能早于该党组织的成立日期（2020-01-01）" in messages_of(error)
    assert not OrganizationLifeMeeting.objects.exists() and not MeetingAttendance.objects.exists()


def test_it_refuses_a_meeting_in_the_future(world):
    with pytest.raises(ValidationError) as error:
        meeting_create(actor=world.alice, organization=world.org_a1, kind=kind("party_lecture"),
                       held_on=datetime.date.today() + datetime.timedelta(days=3), topic="党课")
    assert "召开日期不能晚于今天" in messages_of(error)


# --- meetings and attendance ---------------------------------------------------------------------

def test_it_records_a_meeting_with_its_roll(world):
    a, b, c = bulk_members(world.org_a1, 3)
    meeting = meeting_create(actor=world.alice, organization=world.org_a1, kind=kind("branch_assembly"),
                             held_on=D(2022, 3, 1), topic="党员大会",
                             attendance=[AttendanceRow(a), AttendanceRow(b),
                                         AttendanceRow(c, False, "grazing", "夏季草场")])
    meeting.refresh_from_db()
    assert (meeting.expected_count, meeting.present_count, meeting.absent_count) == (3, 2, 1)
    assert meeting.attendance.get(present=False).absence_reason == "grazing"


def test_it_refuses_an_absence_without_reason_and_keeps_the_old_roll(world):
    a, b = bulk_members(world.org_a1, 2)
    meeting = meeting_create(actor=world.alice, organization=world.org_a1, kind=kind("party_lecture"),
                             held_on=D(2022, 3, 1), topic="党课", attendance=[AttendanceRow(a)])
    with pytest.raises(ValidationError) as error:
        meeting_set_attendance(actor=world.alice, meeting=meeting,
                               rows=[AttendanceRow(a), AttendanceRow(b, present=False)])
    assert "缺席的党员必须填写缺席原因" in messages_of(error)
    assert list(meeting.attendance.values_list("member_id", flat=True)) == [a.pk]


def test_it_refuses_a_member_of_another_organization_on_the_roll(world):
    mine = bulk_members(world.org_a1, 1)[0]
    other = bulk_members(world.org_a2, 1)[0]
    with pytest.raises(ValidationError) as error:
        meeting_create(actor=world.alice, organization=world.org_a1, kind=kind("party_lecture"),
                       held_on=D(2022, 3, 1), topic="党课", attendance=[AttendanceRow(mine), AttendanceRow(other)])
    assert "不是“加木村党支部”的党员" in messages_of(error)
    assert not OrganizationLifeMeeting.objects.exists()


def test_it_refuses_writes_outside_scope_and_for_read_only(world):
    with pytest.raises(Http404):
        meeting_create(actor=world.bob, organization=world.org_a1, kind=kind("party_lecture"),
                       held_on=D(2022, 3, 1), topic="越权")
    with pytest.raises(PermissionDenied):
        meeting_create(actor=world.dave, organization=world.org_a1, kind=kind("party_lecture"),
                       held_on=D(2022, 3, 1), topic="只读")
    assert not OrganizationLifeMeeting.objects.exists()


# --- democratic evaluation -------------------------------------------------------------------------

def test_an_unqualified_rating_opens_a_follow_up_and_a_correction_drops_it(world, campaign):
    member = bulk_members(world.org_a1, 1)[0]
    result = result_create(actor=world.alice, campaign=campaign, member=member, rating=Rating.UNQUALIFIED)
    assert FollowUp.objects.get().result == result
    result_update(actor=world.alice, result=result, rating=Rating.BASICALLY_QUALIFIED)
    assert not FollowUp.objects.exists()
    result_update(actor=world.alice, result=result, rating=Rating.UNQUALIFIED)
    follow_up = FollowUp.objects.get()
    followup_update(actor=world.alice, follow_up=follow_up, measure="correct", status="open")
    with pytest.raises(ValidationError) as error:
        result_update(actor=world.alice, result=result, rating=Rating.QUALIFIED)
    assert "组织处置已在进行或已办结" in messages_of(error)
    assert EvaluationResult.objects.get().rating == Rating.UNQUALIFIED


def test_a_closed_campaign_is_locked_until_reopened_with_a_reason(world, campaign):
    first, second = bulk_members(world.org_a1, 2)
    result = result_create(actor=world.alice, campaign=campaign, member=first, rating=Rating.EXCELLENT)
    campaign_close(actor=world.alice, campaign=campaign)
    for attempt in (
        lambda: result_create(actor=world.alice, campaign=campaign, member=second, rating=Rating.QUALIFIED),
        lambda: result_update(actor=world.alice, result=result, rating=Rating.QUALIFIED),
        lambda: result_delete(actor=world.alice, result=result),
        lambda: not_evaluated_create(actor=world.alice, campaign=campaign, member=second, reason="away"),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert "该民主评议活动已结束，结果已锁定" in messages_of(error)
    assert EvaluationResult.objects.get().rating == Rating.EXCELLENT and not NotEvaluated.objects.exists()

    with pytest.raises(ValidationError) as error:
        campaign_reopen(actor=world.alice, campaign=campaign, reason="  ")
    assert "请填写重新开启的原因" in messages_of(error)
    assert EvaluationCampaign.objects.get().is_closed and not CampaignReopening.objects.exists()

    campaign_reopen(actor=world.carol, campaign=campaign, reason="县委组织部复核发现漏评")
    reopening = CampaignReopening.objects.get()
    assert (reopening.reopened_by, reopening.reason) == (world.carol, "县委组织部复核发现漏评")
    result_update(actor=world.alice, result=result, rating=Rating.QUALIFIED)
    assert EvaluationResult.objects.get().rating == Rating.QUALIFIED


def test_a_member_is_either_rated_or_listed_as_not_evaluated(world, campaign):
    member = bulk_members(world.org_a1, 1)[0]
    not_evaluated_create(actor=world.alice, campaign=campaign, member=member, reason="away", note="外出务工")
    with pytest.raises(ValidationError) as error:
        result_create(actor=world.alice, campaign=campaign, member=member, rating=Rating.QUALIFIED)
    assert "已列为未参加评议" in messages_of(error)
    assert not EvaluationResult.objects.exists()


def test_it_refuses_a_second_campaign_for_the_same_year(world, campaign):
    with pytest.raises(ValidationError) as error:
        campaign_create(actor=world.alice, organization=world.org_a1, year=2022)
    assert "该党组织本年度已有民主评议活动" in messages_of(error)


# --- talks -----------------------------------------------------------------------------------------

def test_a_talk_needs_a_counterpart_and_not_oneself(world):
    a = bulk_members(world.org_a1, 1)[0]
    with pytest.raises(ValidationError) as error:
        talk_create(actor=world.alice, organization=world.org_a1, held_on=D(2022, 5, 1), topic="谈心", initiator=a)
    assert "请选择谈话对象" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        talk_create(actor=world.alice, organization=world.org_a1, held_on=D(2022, 5, 1), topic="谈心",
                    initiator=a, counterparts=[a])
    assert "谈话对象不能是谈话人本人" in messages_of(error)
    assert not HeartToHeartTalk.objects.exists()
