"""Every write of the 基本制度 pillar. One transaction each; a refused write leaves nothing behind."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.audit import deleted_row_changes, log_change
from ali_party.files import check_upload
from ali_party.scoping import require_editable
from ali_party.services import scoped_create, scoped_update

from . import selectors
from .models import (
    AbsenceReason, CampaignReopening, EvaluationCampaign, EvaluationResult, FiveGoals, FollowUp, HeartToHeartTalk,
    MeetingAttendance, NotEvaluated, OrganizationLifeMeeting, Rating, RecordBookIssue, Reminder,
)
from .periods import REMIND_DAYS_BEFORE, period_bounds

# --- organization-life meetings -------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceRow:
    member: object  # cadres.PartyMember
    present: bool = True
    absence_reason: str = ""
    absence_note: str = ""


def attendance_summary(rows) -> str:
    """A roll in one line, for the change log: "出席 60，缺席 5（张三 病假；李四 外出放牧：去日土）".
    `rows`: MeetingAttendance rows (or AttendanceRow), in the order to name the absentees."""
    present = sum(1 for row in rows if row.present)
    absent = [row for row in rows if not row.present]
    text = _("出席 %(present)s，缺席 %(absent)s") % {"present": present, "absent": len(absent)}
    if absent:
        reasons = dict(AbsenceReason.choices)
        text += "（%s）" % "；".join(
            f"{row.member.name} {reasons.get(row.absence_reason, row.absence_reason)}"
            + (f"：{row.absence_note}" if row.absence_note else "") for row in absent)
    return text


def _save_attendance(meeting: OrganizationLifeMeeting, rows) -> None:
    """Replace the roll. The change log gets one entry on the meeting (the totals and the roll in
    one line, before → after), not one per member deleted and added."""
    before_rows = _roll_order(meeting.attendance.select_related("member"))
    before = {"expected_count": meeting.expected_count, "present_count": meeting.present_count,
              "attendance": attendance_summary(before_rows) if before_rows else None}
    with disable_auditlog():
        _write_attendance(meeting, rows)
    after_rows = _roll_order(rows)
    after = {"expected_count": meeting.expected_count, "present_count": meeting.present_count,
             "attendance": attendance_summary(after_rows) if after_rows else None}
    changes = {name: [_log_text(before[name]), _log_text(after[name])] for name in before
               if before[name] != after[name]}
    if changes:
        log_change(meeting, action=LogEntry.Action.UPDATE, changes=changes)


def _roll_order(rows) -> list:
    return sorted(rows, key=lambda row: (row.member.name, row.member.pk))  # the same on every database


def _log_text(value) -> str:
    return "None" if value is None else str(value)  # as auditlog writes an empty value


def _write_attendance(meeting: OrganizationLifeMeeting, rows) -> None:
    meeting.attendance.all().delete()
    errors = []
    seen = set()
    for row in rows:
        if row.member.pk in seen:
            errors.append(_("%(name)s：同一党员在一次会议中只能登记一次。") % {"name": row.member.name})
            continue
        seen.add(row.member.pk)
        entry = MeetingAttendance(meeting=meeting, member=row.member, present=row.present,
                                  absence_reason="" if row.present else row.absence_reason,
                                  absence_note="" if row.present else row.absence_note)
        try:
            entry.full_clean()
        except ValidationError as error:
            errors.append(f"{row.member.name}：{'；'.join(error.messages)}")
            continue
        entry.save()
    if errors:
        raise ValidationError({"attendance": errors})
    meeting.expected_count = len(seen)
    meeting.present_count = sum(1 for row in rows if row.present)
    meeting.full_clean()
    meeting.save(update_fields=["expected_count", "present_count"])


def _attach(meeting: OrganizationLifeMeeting, upload) -> None:
    """Check the upload by content (ali_party.files) and set it under a generated stored name."""
    checked = check_upload(upload, "meeting_attachment", field="attachment")
    meeting.attachment = checked.file
    meeting.attachment_name = checked.name


def _delete_stored_on_commit(storage, name: str) -> None:
    """A replaced, cleared or deleted attachment leaves no file behind — once the rows are saved."""
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def meeting_create(*, actor, organization, kind, held_on: date, topic: str, expected_count: int = 0,
                   present_count: int = 0, minutes: str = "", attachment=None,
                   attendance: list[AttendanceRow] | None = None) -> OrganizationLifeMeeting:
    """Record a meeting; with `attendance` its roll (expected/present/absent) in the same transaction."""
    require_editable(actor=actor, area=organization.area)
    meeting = OrganizationLifeMeeting(organization=organization, kind=kind, held_on=held_on, topic=topic,
                                      expected_count=expected_count or 0, present_count=present_count or 0,
                                      minutes=minutes)
    if attachment:
        _attach(meeting, attachment)
    meeting.full_clean()
    meeting.save()
    if attendance:
        _save_attendance(meeting, attendance)
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: OrganizationLifeMeeting, **fields) -> OrganizationLifeMeeting:
    require_editable(actor=actor, area=meeting.organization.area)
    attachment = fields.pop("attachment", None)
    previous = meeting.attachment.name if meeting.attachment else ""
    for name, value in fields.items():
        setattr(meeting, name, value)
    if attachment is False:  # the form's "clear" box
        meeting.attachment, meeting.attachment_name = "", ""
    elif attachment:
        _attach(meeting, attachment)
    require_editable(actor=actor, area=meeting.organization.area)
    if meeting.attendance.exists():
        # The roll decides the totals; a roll-less edit of the counts would contradict it.
        rows = meeting.attendance.all()
        meeting.expected_count = len(rows)
        meeting.present_count = sum(1 for r in rows if r.present)
        if any(r.member.organization_id != meeting.organization_id for r in rows):
            raise ValidationError({"organization": _("本会议已登记参会党员，不能改到其他党组织。")})
    meeting.full_clean()
    meeting.save()
    if previous and previous != meeting.attachment.name:
        _delete_stored_on_commit(meeting.attachment.storage, previous)
    return meeting


@transaction.atomic
def meeting_set_attendance(*, actor, meeting: OrganizationLifeMeeting,
                           rows: list[AttendanceRow]) -> OrganizationLifeMeeting:
    """Replace a meeting's roll; the totals follow it."""
    require_editable(actor=actor, area=meeting.organization.area)
    _save_attendance(meeting, rows)
    return meeting


@transaction.atomic
def meeting_delete(*, actor, meeting: OrganizationLifeMeeting) -> None:
    """Delete the meeting and its roll: one change-log entry, the meeting's fields and its roll in
    one line (not one more entry per member on the roll)."""
    require_editable(actor=actor, area=meeting.organization.area)
    stored = meeting.attachment.name if meeting.attachment else ""
    roll = _roll_order(meeting.attendance.select_related("member"))
    changes = deleted_row_changes(meeting)
    if roll:
        changes["attendance"] = [attendance_summary(roll), "None"]
    pk = meeting.pk
    with disable_auditlog():
        meeting.delete()
    log_change(meeting, action=LogEntry.Action.DELETE, changes=changes, object_pk=pk)
    if stored:
        _delete_stored_on_commit(meeting.attachment.storage, stored)


# --- record books, "五有" --------------------------------------------------------------------------

@transaction.atomic
def recordbook_create(*, actor, **fields) -> RecordBookIssue:
    return scoped_create(RecordBookIssue, actor=actor, **fields)


@transaction.atomic
def recordbook_update(*, actor, issue: RecordBookIssue, **fields) -> RecordBookIssue:
    return scoped_update(issue, actor=actor, **fields)


@transaction.atomic
def fivegoals_create(*, actor, **fields) -> FiveGoals:
    return scoped_create(FiveGoals, actor=actor, **fields)


@transaction.atomic
def fivegoals_update(*, actor, goals: FiveGoals, **fields) -> FiveGoals:
    return scoped_update(goals, actor=actor, **fields)


# --- heart-to-heart talks -------------------------------------------------------------------------

def _check_talk_people(talk: HeartToHeartTalk, counterparts) -> None:
    errors = {}
    if not counterparts and not talk.counterpart_names.strip():
        errors["counterparts"] = _("请选择谈话对象，或填写其他谈话对象的姓名。")
    if talk.initiator_id and any(c.pk == talk.initiator_id for c in counterparts):
        errors["counterparts"] = _("谈话对象不能是谈话人本人。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def talk_create(*, actor, organization, held_on: date, topic: str, initiator=None, initiator_name: str = "",
                counterparts=(), counterpart_names: str = "", note: str = "") -> HeartToHeartTalk:
    require_editable(actor=actor, area=organization.area)
    counterparts = list(counterparts)
    for person in counterparts + ([initiator] if initiator else []):
        require_editable(actor=actor, area=person.organization.area)
    talk = HeartToHeartTalk(organization=organization, held_on=held_on, topic=topic, initiator=initiator,
                            initiator_name=initiator_name, counterpart_names=counterpart_names, note=note)
    talk.full_clean()
    _check_talk_people(talk, counterparts)
    talk.save()
    talk.counterparts.set(counterparts)
    return talk


@transaction.atomic
def talk_update(*, actor, talk: HeartToHeartTalk, counterparts=(), **fields) -> HeartToHeartTalk:
    require_editable(actor=actor, area=talk.organization.area)
    for name, value in fields.items():
        setattr(talk, name, value)
    require_editable(actor=actor, area=talk.organization.area)
    counterparts = list(counterparts)
    for person in counterparts + ([talk.initiator] if talk.initiator_id else []):
        require_editable(actor=actor, area=person.organization.area)
    talk.full_clean()
    _check_talk_people(talk, counterparts)
    talk.save()
    talk.counterparts.set(counterparts)
    return talk


# --- democratic evaluation ------------------------------------------------------------------------

CLOSED_MESSAGE = gettext_lazy("该民主评议活动已结束，结果已锁定；如需修改，请先重新开启并说明原因。")


def _require_open(campaign: EvaluationCampaign) -> None:
    # Read the status from the database, so a stale object cannot slip past a close.
    status = EvaluationCampaign.objects.select_for_update().values_list("status", flat=True).get(pk=campaign.pk)
    if status == EvaluationCampaign.Status.CLOSED:
        raise ValidationError(CLOSED_MESSAGE)


@transaction.atomic
def campaign_create(*, actor, organization, year: int, note: str = "") -> EvaluationCampaign:
    return scoped_create(EvaluationCampaign, actor=actor, organization=organization, year=year, note=note)


@transaction.atomic
def campaign_close(*, actor, campaign: EvaluationCampaign) -> EvaluationCampaign:
    require_editable(actor=actor, area=campaign.organization.area)
    _require_open(campaign)
    if not campaign.results.exists():
        raise ValidationError(_("尚未登记任何评议结果，不能结束评议。"))
    campaign.status = EvaluationCampaign.Status.CLOSED
    campaign.closed_at = timezone.now()
    campaign.closed_by = actor
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_reopen(*, actor, campaign: EvaluationCampaign, reason: str) -> CampaignReopening:
    """Reopen a closed campaign; the reopening (who, when, why) is recorded in the same transaction."""
    require_editable(actor=actor, area=campaign.organization.area)
    if not campaign.is_closed:
        raise ValidationError(_("该民主评议活动正在进行中，无需重新开启。"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写重新开启的原因。")})
    reopening = CampaignReopening(campaign=campaign, reopened_by=actor, reason=reason.strip())
    reopening.full_clean()
    reopening.save()
    campaign.status = EvaluationCampaign.Status.OPEN
    campaign.closed_at = None
    campaign.closed_by = None
    campaign.save()
    return reopening


def _sync_follow_up(result: EvaluationResult) -> None:
    """A 不合格 rating opens a 组织处置 record; a corrected rating drops a follow-up not yet acted on."""
    existing = FollowUp.objects.filter(result=result).first()
    if result.rating == Rating.UNQUALIFIED:
        if existing is None:
            follow_up = FollowUp(result=result)
            follow_up.full_clean()
            follow_up.save()
    elif existing is not None:
        if existing.status != FollowUp.Status.OPEN or existing.measure != FollowUp.Measure.PENDING:
            raise ValidationError({"rating": _("该党员的组织处置已在进行或已办结，不能把等次改为其他。")})
        existing.delete()


@transaction.atomic
def result_create(*, actor, campaign: EvaluationCampaign, member, rating: str, note: str = "") -> EvaluationResult:
    require_editable(actor=actor, area=campaign.organization.area)
    require_editable(actor=actor, area=member.organization.area)
    _require_open(campaign)
    result = EvaluationResult(campaign=campaign, member=member, year=campaign.year, rating=rating, note=note)
    result.full_clean()
    result.save()
    _sync_follow_up(result)
    return result


@transaction.atomic
def result_update(*, actor, result: EvaluationResult, rating: str, note: str = "") -> EvaluationResult:
    require_editable(actor=actor, area=result.campaign.organization.area)
    _require_open(result.campaign)
    result.rating, result.note = rating, note
    result.full_clean()
    result.save()
    _sync_follow_up(result)
    return result


@transaction.atomic
def result_delete(*, actor, result: EvaluationResult) -> None:
    require_editable(actor=actor, area=result.campaign.organization.area)
    _require_open(result.campaign)
    follow_up = FollowUp.objects.filter(result=result).first()
    if follow_up is not None:
        if follow_up.status != FollowUp.Status.OPEN or follow_up.measure != FollowUp.Measure.PENDING:
            raise ValidationError(_("该党员的组织处置已在进行或已办结，不能删除评议结果。"))
        follow_up.delete()
    result.delete()


@transaction.atomic
def not_evaluated_create(*, actor, campaign: EvaluationCampaign, member, reason: str,
                         note: str = "") -> NotEvaluated:
    require_editable(actor=actor, area=campaign.organization.area)
    require_editable(actor=actor, area=member.organization.area)
    _require_open(campaign)
    entry = NotEvaluated(campaign=campaign, member=member, year=campaign.year, reason=reason, note=note)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def not_evaluated_delete(*, actor, entry: NotEvaluated) -> None:
    require_editable(actor=actor, area=entry.campaign.organization.area)
    _require_open(entry.campaign)
    entry.delete()


@transaction.atomic
def followup_update(*, actor, follow_up: FollowUp, measure: str, status: str, closed_on=None,
                    note: str = "") -> FollowUp:
    require_editable(actor=actor, area=follow_up.result.campaign.organization.area)
    follow_up.measure, follow_up.status, follow_up.closed_on, follow_up.note = measure, status, closed_on, note
    follow_up.full_clean()
    follow_up.save()
    return follow_up


# --- reminders (the nightly job) -------------------------------------------------------------------

@transaction.atomic
def reminders_raise(*, today: date) -> int:
    """System job (no actor): for every period that closes within its warning window, raise one
    Reminder per organization and item still behind. Running it again the same day adds nothing."""
    from branches.models import PartyOrganization

    due = {p for p, days in REMIND_DAYS_BEFORE.items() if (period_bounds(p, today)[1] - today).days < days}
    if not due:
        return 0
    statuses = selectors.compliance(PartyOrganization.objects.all(), today, periods=due)
    existing = set(Reminder.objects.filter(period_end__gte=today).values_list(
        "organization_id", "item", "period_start"))
    new = []
    for status in statuses:
        for item in status.behind:
            if item.period not in due or (status.organization.pk, item.code, item.period_start) in existing:
                continue
            new.append(Reminder(organization=status.organization, item=item.code, item_name=item.name,
                                period_start=item.period_start, period_end=item.period_end,
                                required=item.required, done=item.done))
    Reminder.objects.bulk_create(new, batch_size=500)
    return len(new)

