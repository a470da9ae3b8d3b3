"""Reads of the 基本制度 pillar: scoped lists, compliance per organization and period, rating breakdowns
and the per-area GROUP BY selectors behind the indicators."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import BigIntegerField, Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_noop

from ali_party import rounding
from branches.models import Area, PartyOrganization
from cadres.models import OrganizationTransfer, PartyMember

from .models import (
    EvaluationCampaign, EvaluationResult, HeartToHeartTalk, MeetingKind, OrganizationLifeMeeting, Period,
    Rating, RecordBookIssue,
)
from .periods import period_bounds, period_label

# --- rating percentages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingShare:
    rating: str
    label: str
    count: int
    percent: Decimal | None  # None when there are no results (no denominator)


@dataclass(frozen=True)
class RatingBreakdown:
    shares: list[RatingShare]
    total: int

    @property
    def excellent(self) -> int:
        return next(s.count for s in self.shares if s.rating == Rating.EXCELLENT)

    @property
    def excellent_above_one_third(self) -> bool:
        """优秀 should not exceed one third of the evaluated members."""
        return self.total > 0 and self.excellent * 3 > self.total


def percent(numerator: int, denominator: int) -> Decimal | None:
    return rounding.percent(numerator, denominator)


def rating_breakdown(results) -> RatingBreakdown:
    """Counts and two-decimal shares of each rating among `results` (one aggregate query)."""
    counts = results.order_by().aggregate(
        total=Count("pk"), **{r.value: Count("pk", filter=Q(rating=r.value)) for r in Rating})
    total = counts.pop("total")
    return _breakdown(counts, total)


def _breakdown(counts: dict[str, int], total: int) -> RatingBreakdown:
    return RatingBreakdown([RatingShare(r.value, r.label, counts[r.value], percent(counts[r.value], total))
                            for r in Rating], total)


def rating_breakdown_by_child(results, area: Area) -> list[tuple[Area, RatingBreakdown]]:
    """rating_breakdown for each child of `area`: one GROUP BY over the organizations' areas, added
    up by the child each lies under."""
    path = "campaign__organization__area__path"
    rows = results.values(path).annotate(**{r.value: Count("pk", filter=Q(rating=r.value)) for r in Rating}).order_by()
    out = []
    for child, group in area.group_by_child(rows, path_of=lambda row: row[path]):
        counts = {r.value: sum(row[r.value] for row in group) for r in Rating}
        out.append((child, _breakdown(counts, sum(counts.values()))))
    return out


def results_visible_to(user, *, year: int | None = None, area=None):
    qs = EvaluationResult.objects.visible_to(user)
    if year:
        qs = qs.filter(year=year)
    if area is not None:
        qs = qs.under(area)
    return qs


# --- attendance -------------------------------------------------------------------------------------


def meeting_roll_members(meeting: OrganizationLifeMeeting):
    """Whom a meeting's attendance page lists: the organization's members (预备党员 or 正式党员, in good
    standing) on the meeting day, their organization then reconstructed from the transfer history as
    the meeting's count rule does (cadres.selectors.party_member_count_on) so the listed roll never
    exceeds that count; and anyone already on the roll, so a saved row is never dropped from the page.
    Only present members of the organization itself can be on a roll (MeetingAttendance.clean)."""
    day, org_id = meeting.held_on, meeting.organization_id
    transfers = OrganizationTransfer.objects.filter(member=OuterRef("pk"))
    organization_then = Coalesce(
        Subquery(transfers.filter(transferred_on__lte=day).order_by("-transferred_on", "-pk")
                 .values("to_organization_id")[:1]),
        Subquery(transfers.filter(transferred_on__gt=day).order_by("transferred_on", "pk")
                 .values("from_organization_id")[:1]),
        F("organization_id"), output_field=BigIntegerField())
    there_then = (PartyMember.objects.filter(organization_id=org_id).members_on(day)
                  .annotate(organization_then=organization_then).filter(organization_then=org_id))
    return (PartyMember.objects.filter(Q(pk__in=there_then.values("pk")) | Q(meeting_attendance__meeting=meeting))
            .distinct().order_by("name", "pk"))


# --- compliance -------------------------------------------------------------------------------------

DEMOCRATIC_EVALUATION = "democratic_evaluation"
HEART_TALKS = "heart_to_heart"
REQUIRED_ORG_KINDS = (PartyOrganization.Kind.BRANCH, PartyOrganization.Kind.WORK_GROUP_BRANCH)


@dataclass
class ItemStatus:
    code: str
    name: str
    period: str
    period_start: date
    period_end: date
    required: int
    done: int

    @property
    def ok(self) -> bool:
        return self.done >= self.required

    @property
    def period_label(self) -> str:
        return period_label(self.period, self.period_start)


@dataclass
class OrgCompliance:
    organization: PartyOrganization
    items: list[ItemStatus] = field(default_factory=list)

    @property
    def behind(self) -> list[ItemStatus]:
        return [i for i in self.items if not i.ok]


def organizations_required(organizations, on: date):
    """Branches (and work-group branches) that must keep the organization-life rules on `on`."""
    return (organizations.filter(status=PartyOrganization.Status.ACTIVE, kind__in=REQUIRED_ORG_KINDS)
            .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=on))
            .select_related("area").order_by("area__path", "name"))


def eligible_members(on: date):
    """Members who take part in organization life on `on`: 预备党员 and 正式党员 in good standing."""
    return PartyMember.objects.filter(stage__gte=PartyMember.Stage.PROBATIONARY, admitted_on__lte=on,
                                      status=PartyMember.Status.NORMAL)


def talk_coverage_by_organization(organizations, year: int, on: date | None = None) -> dict[int, tuple[int, int]]:
    """{organization_id: (members eligible on `on` (default Dec 31), members who had at least one talk
    in `year`)} — one query."""
    initiated = HeartToHeartTalk.objects.filter(initiator=OuterRef("pk"), held_on__year=year)
    received = HeartToHeartTalk.counterparts.through.objects.filter(
        partymember=OuterRef("pk"), hearttohearttalk__held_on__year=year)
    rows = (eligible_members(on or date(year, 12, 31)).filter(organization__in=organizations)
            .values("organization_id")
            .annotate(total=Count("pk"), talked=Count("pk", filter=Q(Exists(initiated)) | Q(Exists(received))))
            .values_list("organization_id", "total", "talked").order_by())
    return {org_id: (total, talked) for org_id, total, talked in rows}


def compliance(organizations, on: date, *, periods: set[str] | None = None) -> list[OrgCompliance]:
    """Each required organization's status, for the month / quarter / year that contain `on`.

    A fixed number of queries whatever the number of organizations: meetings are counted with one
    GROUP BY (organization, kind) carrying one conditional count per period length."""
    orgs = list(organizations_required(organizations, on))
    if not orgs:
        return []
    kinds = [k for k in MeetingKind.objects.filter(is_active=True).exclude(required_period=Period.NONE)
             if periods is None or k.required_period in periods]
    bounds = {p: period_bounds(p, on) for p in (Period.MONTH, Period.QUARTER, Period.YEAR)}
    counts = {}
    if kinds:
        rows = (OrganizationLifeMeeting.objects
                .filter(organization__in=[o.pk for o in orgs], kind__in=kinds, held_on__year=on.year)
                .values("organization_id", "kind_id")
                .annotate(**{p: Count("pk", filter=Q(held_on__range=bounds[p])) for p in bounds})
                .order_by())
        counts = {(r["organization_id"], r["kind_id"]): r for r in rows}
    year_start, year_end_ = bounds[Period.YEAR]
    want_year = periods is None or Period.YEAR in periods
    closed_campaigns = set()
    talks = {}
    if want_year:
        closed_campaigns = set(EvaluationCampaign.objects.filter(
            organization__in=[o.pk for o in orgs], year=on.year, status=EvaluationCampaign.Status.CLOSED,
        ).values_list("organization_id", flat=True))
        talks = talk_coverage_by_organization([o.pk for o in orgs], on.year, on)
    out = []
    for org in orgs:
        status = OrgCompliance(org)
        for kind in kinds:
            start, end = bounds[kind.required_period]
            done = counts.get((org.pk, kind.pk), {}).get(kind.required_period, 0)
            status.items.append(ItemStatus(kind.code, kind.name, kind.required_period, start, end,
                                           kind.required_count, done))
        total, talked = talks.get(org.pk, (0, 0))
        if want_year and total:  # no member to evaluate or talk with: nothing is required
            status.items.append(ItemStatus(DEMOCRATIC_EVALUATION, gettext_noop("民主评议党员"), Period.YEAR, year_start,
                                           year_end_, 1, int(org.pk in closed_campaigns)))
            status.items.append(ItemStatus(HEART_TALKS, gettext_noop("谈心谈话(每名党员每年至少一次)"), Period.YEAR,
                                           year_start, year_end_, total, talked))
        out.append(status)
    return out


# --- indicator selectors (one GROUP BY per call; rows are (area_id, numerator[, denominator])) ------

RESULT_AREA = "campaign__organization__area_id"


def rating_count_by_area(rating: str):
    def compute(year: int):
        return (EvaluationResult.objects.filter(year=year, rating=rating).values(RESULT_AREA)
                .annotate(n=Count("pk")).values_list(RESULT_AREA, "n").order_by())
    compute.__name__ = f"rating_{rating}_by_area"
    return compute


def rating_rate_by_area(rating: str):
    def compute(year: int):
        return (EvaluationResult.objects.filter(year=year).values(RESULT_AREA)
                .annotate(n=Count("pk", filter=Q(rating=rating)), d=Count("pk"))
                .values_list(RESULT_AREA, "n", "d").order_by())
    compute.__name__ = f"rating_{rating}_rate_by_area"
    return compute


def evaluated_total_by_area(year: int):
    return (EvaluationResult.objects.filter(year=year).values(RESULT_AREA)
            .annotate(n=Count("pk")).values_list(RESULT_AREA, "n").order_by())


def record_books_and_boards_by_area(year: int):
    return (RecordBookIssue.objects.filter(year=year).values("organization__area_id")
            .annotate(n=Sum(F("books") + F("boards"))).values_list("organization__area_id", "n").order_by())


def nine_ones_activities_by_area(year: int):
    return (OrganizationLifeMeeting.objects.filter(held_on__year=year, kind__is_nine_ones=True)
            .values("organization__area_id").annotate(n=Count("pk"))
            .values_list("organization__area_id", "n").order_by())


def three_meetings_one_lecture_by_area(year: int):
    return (OrganizationLifeMeeting.objects.filter(held_on__year=year, kind__is_three_meetings_one_lecture=True)
            .values("organization__area_id").annotate(n=Count("pk"))
            .values_list("organization__area_id", "n").order_by())


def heart_to_heart_talks_by_area(year: int):
    return (HeartToHeartTalk.objects.filter(held_on__year=year).values("organization__area_id")
            .annotate(n=Count("pk")).values_list("organization__area_id", "n").order_by())


def meetings_by_kind(meetings) -> list[tuple[str, int]]:
    """[(kind name, count)] for a queryset of meetings, in catalogue order (one query)."""
    return list(meetings.values("kind__name", "kind__order").annotate(n=Count("pk"))
                .order_by("kind__order", "kind__name").values_list("kind__name", "n"))


def campaign_list(*, user):
    """The evaluation campaigns in the user's scope with their numbers of results (the list page)."""
    return (EvaluationCampaign.objects.visible_to(user).select_related("organization__area")
            .annotate(result_count=Count("results")).order_by("-year", "organization__name", "pk"))
