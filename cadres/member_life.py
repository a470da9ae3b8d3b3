"""基本队伍's sections of a member's whole-life page (ali_party.member_life): the stages with their
dates and the timing rules of the 发展党员 procedure, the organization transfers, and the village
two-committee posts."""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ali_party import member_life

from .dates import add_years, age_on
from .models import MINIMUM_APPLICATION_AGE, PartyMember
from .selectors import member_transfers, pipeline_row

Stage = PartyMember.Stage


@dataclass
class StageRow:
    label: str
    on: datetime.date | None
    rule: str = ""        # the timing rule that applies to entering this stage, as it stands
    ok: bool | None = None  # True: kept; False: broken (only possible for records older than the rule checks)
    current: bool = False


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from `start` to `end` (a month counts once its day of the month is reached)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def span_text(start: datetime.date, end: datetime.date) -> str:
    years, months = divmod(max(months_between(start, end), 0), 12)
    if years and months:
        return _("%(y)d年%(m)d个月") % {"y": years, "m": months}
    if years:
        return _("%(y)d年") % {"y": years}
    return _("%(m)d个月") % {"m": months}


def stage_rows(member: PartyMember, today: datetime.date) -> dict:
    """The five stages in procedure order, each with its date and the state of its timing rule, and
    for a member still in the procedure the next step (cadres.selectors.pipeline_row). No query."""
    rows = []
    for stage, field_name in PartyMember.STAGE_DATE_FIELDS:
        on = getattr(member, field_name) if stage <= member.stage else None
        row = StageRow(label=str(Stage(stage).label), on=on, current=stage == member.stage)
        if on is None:
            rows.append(row)
            continue
        if stage == Stage.APPLICANT and member.birth_date:
            age = age_on(member.birth_date, on)
            row.rule, row.ok = _("申请时%(age)d岁（须年满18周岁）") % {"age": age}, age >= MINIMUM_APPLICATION_AGE
        elif stage == Stage.ACTIVIST and member.applied_on:
            row.rule = _("申请后%(span)s") % {"span": span_text(member.applied_on, on)}
        elif stage == Stage.CANDIDATE and member.activist_on:
            row.rule = _("培养考察%(span)s（须满一年）") % {"span": span_text(member.activist_on, on)}
            row.ok = on >= add_years(member.activist_on, 1)
        elif stage == Stage.PROBATIONARY:
            ends = member.probation_ends_on
            row.rule = (_("预备期至%(day)s，已延长%(m)d个月") % {"day": ends.isoformat(),
                                                           "m": member.probation_extension_months}
                        if member.probation_extension_months else _("预备期至%(day)s") % {"day": ends.isoformat()})
        elif stage == Stage.FULL and member.admitted_on:
            ends = member.probation_ends_on
            row.rule = _("预备期满%(day)s后转正") % {"day": ends.isoformat()}
            row.ok = on >= ends
        rows.append(row)
    in_procedure = member.stage < Stage.FULL and member.status == PartyMember.Status.NORMAL
    return {"stages": rows, "next_step": pipeline_row(member, today) if in_procedure else None,
            "today": today}


member_life.register(member_life.Section(
    key="stages", title=gettext_lazy("发展阶段"), order=10, template="cadres/_member_life_stages.html",
    rows=lambda member: stage_rows(member, timezone.localdate())))

member_life.register(member_life.Section(
    key="transfers", title=gettext_lazy("组织关系转接"), order=20, template="cadres/_member_life_transfers.html",
    rows=lambda member: list(member_transfers(member))))

member_life.register(member_life.Section(
    key="committee", title=gettext_lazy("村“两委”任职"), order=80, template="cadres/_member_life_committee.html",
    rows=lambda member: list(member.committee_posts.select_related("village").order_by("term_start", "pk"))))
