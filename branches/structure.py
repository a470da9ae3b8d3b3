"""组织设置检查: the structure rules of 《中国共产党支部工作条例（试行）》 (2018), as one declared list.

Each check has a code, a label (the rule, as the 组织设置检查 panel shows it), whom it applies to,
the function that returns its warning for one organization (None when the rule is met), and the
same rule as a filter (the organization list's 有结构预警, the per-area counts). Both read the
counts that `with_structure` annotates in one query for a whole list: members counted from
cadres.PartyMember (正式党员 = stage 正式党员 with status 正常), the committee from the current
CommitteePost rows (书记、副书记、委员 not yet left).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from django.db.models import Count, DateField, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from cadres.dates import add_months

from .models import CommitteePost, PartyOrganization

MIN_FULL_MEMBERS = 3
COMMITTEE_FROM_FULL_MEMBERS = 7
COMMITTEE_MIN_POSTS = 3          # 支部委员会由3至5人组成
COMMITTEE_MAX_POSTS = 7          # 一般不超过7人
MAX_MEMBERS = 50
SECRETARY_VACANCY_MONTHS = 3
BRANCH_KINDS = (PartyOrganization.Kind.BRANCH, PartyOrganization.Kind.WORK_GROUP_BRANCH)
LEADER_ROLES = (CommitteePost.Role.SECRETARY, CommitteePost.Role.DEPUTY_SECRETARY)


def _count_of(queryset):
    """A correlated COUNT subquery per organization (avoids multiplying joins of members × posts)."""
    counted = (queryset.filter(organization=OuterRef("pk")).order_by().values("organization")
               .annotate(c=Count("pk")).values("c"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_structure(queryset, today: date | None = None):
    """Annotate organizations with the counts the checks read (one query, no per-row lookups)."""
    from cadres.models import PartyMember

    today = today or timezone.localdate()
    members = PartyMember.objects.filter(status=PartyMember.Status.NORMAL)
    current_posts = CommitteePost.objects.filter(left_on__isnull=True)
    secretary_posts = CommitteePost.objects.filter(role=CommitteePost.Role.SECRETARY)
    last_left = (secretary_posts.filter(organization=OuterRef("pk")).order_by().values("organization")
                 .annotate(d=Max("left_on")).values("d"))
    return queryset.annotate(
        full_member_count=_count_of(members.filter(stage=PartyMember.Stage.FULL)),
        member_count=_count_of(members.filter(stage__in=(PartyMember.Stage.PROBATIONARY, PartyMember.Stage.FULL))),
        current_post_count=_count_of(current_posts),
        current_committee_member_count=_count_of(current_posts.exclude(role__in=LEADER_ROLES)),
        current_secretary_count=_count_of(current_posts.filter(role=CommitteePost.Role.SECRETARY)),
        secretary_last_left_on=Subquery(last_left, output_field=DateField()),
        expired_post_count=_count_of(current_posts.filter(term_end__lt=today)),
    )


def secretary_vacant_since(org) -> date | None:
    """Since when an organization annotated by `with_structure` has had no secretary: the day the last
    one left, else (none ever recorded) its founding; None when it has one or nothing tells."""
    if org.current_secretary_count:
        return None
    return org.secretary_last_left_on or org.founded_on


@dataclass(frozen=True)
class StructureCheck:
    code: str
    label: str
    applies: Callable[[PartyOrganization], bool]
    function: Callable[[PartyOrganization, date], str | None]   # the warning, None when met
    condition: Callable[[date], Q]                               # the same rule on the annotations

    def warning(self, org, today: date) -> str | None:
        return self.function(org, today) if self.applies(org) else None


ACTIVE = Q(status=PartyOrganization.Status.ACTIVE)
BRANCH = ACTIVE & Q(kind__in=BRANCH_KINDS)


def _active(org) -> bool:
    return org.status == PartyOrganization.Status.ACTIVE


def _branch(org) -> bool:
    return _active(org) and org.kind in BRANCH_KINDS


def _vacancy_cutoff(today: date) -> date:
    return add_months(today, -SECRETARY_VACANCY_MONTHS)


def _secretary_vacant(org, today):
    since = secretary_vacant_since(org)
    if since is None or since >= _vacancy_cutoff(today):
        return None
    return _("书记空缺已超过3个月（自%(date)s）") % {"date": since.isoformat()}


CHECKS: list[StructureCheck] = [
    StructureCheck(
        "min_full_members", gettext_lazy("党支部正式党员不少于3人"), _branch,
        lambda o, t: _("正式党员不足3人（现有%(n)s人）") % {"n": o.full_member_count}
        if o.full_member_count < MIN_FULL_MEMBERS else None,
        lambda t: BRANCH & Q(full_member_count__lt=MIN_FULL_MEMBERS)),
    StructureCheck(
        "committee_required", gettext_lazy("正式党员7人以上的党支部设立支部委员会（3至5人）"), _branch,
        lambda o, t: _("正式党员%(n)s人，应设立支部委员会") % {"n": o.full_member_count}
        if o.full_member_count >= COMMITTEE_FROM_FULL_MEMBERS and o.current_post_count < COMMITTEE_MIN_POSTS
        else None,
        lambda t: BRANCH & Q(full_member_count__gte=COMMITTEE_FROM_FULL_MEMBERS,
                             current_post_count__lt=COMMITTEE_MIN_POSTS)),
    StructureCheck(
        "committee_size", gettext_lazy("支部委员会一般不超过7人"), _branch,
        lambda o, t: _("支部委员会现有%(n)s人，一般不超过7人") % {"n": o.current_post_count}
        if o.current_post_count > COMMITTEE_MAX_POSTS else None,
        lambda t: BRANCH & Q(current_post_count__gt=COMMITTEE_MAX_POSTS)),
    StructureCheck(
        "no_committee_below_seven", gettext_lazy("正式党员不足7人的党支部不设支部委员会，只设书记（和副书记）"),
        _branch,
        lambda o, t: _("正式党员不足7人（现有%(n)s人），不设支部委员会，现有委员%(c)s人") % {
            "n": o.full_member_count, "c": o.current_committee_member_count}
        if o.full_member_count < COMMITTEE_FROM_FULL_MEMBERS and o.current_committee_member_count else None,
        lambda t: BRANCH & Q(full_member_count__lt=COMMITTEE_FROM_FULL_MEMBERS,
                             current_committee_member_count__gt=0)),
    StructureCheck(
        "max_members", gettext_lazy("党支部党员一般不超过50人"), _branch,
        lambda o, t: _("党员超过50人（现有%(n)s人），应调整设置") % {"n": o.member_count}
        if o.member_count > MAX_MEMBERS else None,
        lambda t: BRANCH & Q(member_count__gt=MAX_MEMBERS)),
    StructureCheck(
        "secretary_vacant", gettext_lazy("书记空缺不超过3个月"), _active, _secretary_vacant,
        lambda t: ACTIVE & Q(current_secretary_count=0) & (
            Q(secretary_last_left_on__lt=_vacancy_cutoff(t))
            | Q(secretary_last_left_on__isnull=True, founded_on__lt=_vacancy_cutoff(t)))),
    StructureCheck(
        "posts_term_expired", gettext_lazy("班子成员任期未届满（到期按期换届）"), _active,
        lambda o, t: _("班子任期已届满，应按期换届") if o.expired_post_count else None,
        lambda t: ACTIVE & Q(expired_post_count__gt=0)),
]
CHECKS_BY_CODE = {check.code: check for check in CHECKS}


@dataclass(frozen=True)
class CheckResult:
    check: StructureCheck
    applies: bool
    warning: str | None

    @property
    def passed(self) -> bool:
        return self.applies and self.warning is None


def evaluate(org, today: date | None = None) -> list[CheckResult]:
    """Every check on one organization annotated by `with_structure` (no query)."""
    today = today or timezone.localdate()
    return [CheckResult(check, check.applies(org), check.warning(org, today)) for check in CHECKS]


def warnings(org, today: date | None = None) -> list[str]:
    today = today or timezone.localdate()
    return [w for check in CHECKS if (w := check.warning(org, today))]


def warning_condition(today: date | None = None) -> Q:
    """Any check failing, as a filter on `with_structure` annotations."""
    today = today or timezone.localdate()
    condition = Q(pk__in=[])
    for check in CHECKS:
        condition |= check.condition(today)
    return condition


def failing_counts(organizations, today: date | None = None) -> dict[str, int]:
    """{check code: how many of `organizations` (annotated by `with_structure`) fail it}."""
    today = today or timezone.localdate()
    return {check.code: sum(1 for o in organizations if check.warning(o, today)) for check in CHECKS}


def counts_by_child(area, organizations, today: date | None = None) -> list[tuple]:
    """For each child of `area`: (child, organizations checked, [failing per check, in CHECKS order]),
    from `organizations` (annotated by `with_structure`, lying under `area`) in one pass."""
    today = today or timezone.localdate()
    rows = []
    for child, group in area.group_by_child(organizations, path_of=lambda o: o.area.path):
        counts = failing_counts(group, today)
        rows.append((child, len(group), [counts[check.code] for check in CHECKS]))
    return rows
