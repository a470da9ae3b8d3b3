"""Reads of 发展党员纪实: a member's record (the 25 steps in their stages, contacts, reports, what is
missing or late) and the overdue list, each in a fixed number of queries."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cadres.dates import add_months
from cadres.models import PartyMember

from . import steps as catalogue
from .models import DevelopmentContact, DevelopmentStep, ProbationReport, StepAttachment, probation_quarters


class Overdue:
    TALK = "talk"
    APPROVAL = "approval"
    REPORT = "report"
    PROBATION = "probation"


OVERDUE_LABELS = {
    Overdue.TALK: gettext_lazy("谈话超过一个月"), Overdue.APPROVAL: gettext_lazy("审批超过三个月"),
    Overdue.REPORT: gettext_lazy("缺少季度思想汇报"), Overdue.PROBATION: gettext_lazy("预备期满未讨论转正"),
}


@dataclass
class OverdueItem:
    member: PartyMember
    kind: str
    due_on: date
    text: str
    done_on: date | None = None  # recorded late; None: not recorded yet

    @property
    def kind_label(self) -> str:
        return str(OVERDUE_LABELS[self.kind])


def member_overdue(member: PartyMember, steps: dict[int, DevelopmentStep], reports: set[date],
                   today: date) -> list[OverdueItem]:
    """What is late or missing in `member`'s development (the one place these four rules are read)."""
    found = []
    if member.applied_on:
        due = add_months(member.applied_on, catalogue.TALK_WITHIN_MONTHS)
        talk = steps.get(catalogue.TALK)
        if (talk is None and due < today and member.stage < PartyMember.Stage.FULL) or (talk and talk.done_on > due):
            found.append(OverdueItem(member, Overdue.TALK, due, _(
                "递交入党申请后一个月内（%(date)s前）应派人谈话") % {"date": due.isoformat()},
                talk.done_on if talk else None))
    if member.admitted_on and catalogue.BRANCH_MEETING in steps:
        due = add_months(member.admitted_on, catalogue.APPROVAL_WITHIN_MONTHS)
        approval = steps.get(catalogue.APPROVAL)
        if (approval is None and due < today) or (approval and approval.done_on > due):
            found.append(OverdueItem(member, Overdue.APPROVAL, due, _(
                "支部大会讨论后三个月内（%(date)s前）上级党委应审批") % {"date": due.isoformat()},
                approval.done_on if approval else None))
    if member.stage == PartyMember.Stage.PROBATIONARY and member.status == PartyMember.Status.NORMAL:
        for quarter in probation_quarters(member, today):
            if quarter not in reports:
                found.append(OverdueItem(member, Overdue.REPORT, add_months(quarter, 3), _(
                    "%(year)s年第%(q)s季度未登记思想汇报") % {"year": quarter.year, "q": (quarter.month - 1) // 3 + 1}))
        ends = member.probation_ends_on
        if ends < today and catalogue.FULL_MEMBERSHIP not in steps:
            found.append(OverdueItem(member, Overdue.PROBATION, ends, _(
                "预备期已于%(date)s期满，支部大会尚未讨论转正") % {"date": ends.isoformat()}))
    return found


def overdue_items(user, today: date, *, kind: str | None = None) -> list[OverdueItem]:
    """Every overdue item of the members in `user`'s scope still in the procedure (applicants to
    probationary members in good standing) and of those whose late steps are recorded. Four queries."""
    members = list(PartyMember.objects.visible_to(user).filter(
        stage__lte=PartyMember.Stage.PROBATIONARY, status=PartyMember.Status.NORMAL)
        .select_related("organization__area").order_by("organization__area__path", "name", "pk"))
    ids = [m.pk for m in members]
    steps: dict[int, dict[int, DevelopmentStep]] = {}
    for row in DevelopmentStep.objects.filter(member_id__in=ids, step__in=(
            catalogue.TALK, catalogue.BRANCH_MEETING, catalogue.APPROVAL, catalogue.FULL_MEMBERSHIP)):
        steps.setdefault(row.member_id, {})[row.step] = row
    reports: dict[int, set[date]] = {}
    for member_id, quarter in ProbationReport.objects.filter(member_id__in=ids).values_list("member_id", "quarter"):
        reports.setdefault(member_id, set()).add(quarter)
    found = []
    for member in members:
        for item in member_overdue(member, steps.get(member.pk, {}), reports.get(member.pk, set()), today):
            if kind is None or item.kind == kind:
                found.append(item)
    return found


@dataclass
class StepLine:
    definition: catalogue.Step
    row: DevelopmentStep | None
    expected_on: date | None  # the member's stage date the step must equal
    late: bool = False
    # Not recorded although a later step is, or the member's stage date says it happened.
    missing: bool = False
    attachments: list = field(default_factory=list)


@dataclass
class MemberRecord:
    member: PartyMember
    stages: list  # [(number, label, [StepLine])]
    contacts: list
    reports: list
    quarters_missing: list
    overdue: list
    next_step: catalogue.Step | None


def member_record(member: PartyMember, today: date) -> MemberRecord:
    """The member's development record: steps (with their files), contacts, reports. Four queries."""
    rows = {row.step: row for row in DevelopmentStep.objects.filter(member=member).prefetch_related(
        Prefetch("attachments", queryset=StepAttachment.objects.order_by("pk")))}
    for row in rows.values():
        row.member = member
    contacts = list(DevelopmentContact.objects.filter(member=member).select_related("contact__organization"))
    reports = list(ProbationReport.objects.filter(member=member))
    stages = []
    last = max(rows, default=0)
    for number, label, definitions in catalogue.stage_steps():
        lines = []
        for definition in definitions:
            row = rows.get(definition.number)
            expected = getattr(member, definition.member_date) if definition.member_date else None
            missing = row is None and not definition.optional and (definition.number < last or expected is not None)
            lines.append(StepLine(definition, row, expected, late=bool(row and row.is_late), missing=missing,
                                  attachments=list(row.attachments.all()) if row else []))
        stages.append((number, label, lines))
    next_step = next((s for s in catalogue.STEPS if s.number not in rows and s.number > last), None)
    overdue = member_overdue(member, rows, {r.quarter for r in reports}, today)
    missing = [item for item in overdue if item.kind == Overdue.REPORT]
    return MemberRecord(member, stages, contacts, reports, missing, overdue, next_step)
