"""Reads of the personnel pillar: scoped lists, history reconstruction, the pipeline, indicator rows.

Indicator selectors take a year and return `(area_id, numerator[, denominator])` rows from ONE
GROUP BY query each; the engine rolls them up the tree.
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import BigIntegerField, Case, Count, F, FilteredRelation, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from ali_party.stock import in_status_on
from branches.models import Area, PartyOrganization

from .dates import add_years, year_end, year_start
from .models import (
    AREA_THEN,
    PROFICIENT_LEVEL,
    CadreWorkLog,
    LanguageAssessment,
    LanguageTrainingSession,
    OrganizationTransfer,
    PartyMember,
    SentCadre,
    TwoCommitteeMember,
)

from .validators import id_number_disagreements, validate_id_number

Stage = PartyMember.Stage


# ---------------------------------------------------------------- lists and details

def member_list(*, user):
    return PartyMember.objects.visible_to(user).select_related("organization__area")


def member_transfers(member: PartyMember):
    return member.transfers.select_related("from_organization", "to_organization").order_by("transferred_on", "pk")


def committee_member_list(*, user):
    return TwoCommitteeMember.objects.visible_to(user).select_related("village", "member")


def training_list(*, user):
    return LanguageTrainingSession.objects.visible_to(user).select_related("area")


def cadre_list(*, user):
    return SentCadre.objects.visible_to(user).select_related("village")


def index_counts(*, user, on: datetime.date) -> dict[str, int]:
    """Counts for the pillar's landing page, each within the user's scope."""
    members = PartyMember.objects.visible_to(user)
    return {
        "members": members.members_on(on).count(),
        "pipeline": members.in_pipeline().count(),
        "committee": TwoCommitteeMember.objects.visible_to(user).serving_on(on).count(),
        "trainings": LanguageTrainingSession.objects.visible_to(user).count(),
        "cadres": SentCadre.objects.visible_to(user).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=on), started_on__lte=on).count(),
        "transfers": OrganizationTransfer.objects.visible_to(user).count(),
    }


# ---------------------------------------------------------------- history

def organization_on(member: PartyMember, day: datetime.date) -> PartyOrganization:
    """The organization `member` belonged to on `day`, reconstructed from the transfer history.

    The last transfer on or before `day` says where they went; failing that, the first transfer
    after `day` says where they came from; with no transfers the current organization holds.
    """
    transfers = member.transfers.select_related("from_organization", "to_organization")
    last_before = transfers.filter(transferred_on__lte=day).order_by("-transferred_on", "-pk").first()
    if last_before is not None:
        return last_before.to_organization
    first_after = transfers.filter(transferred_on__gt=day).order_by("transferred_on", "pk").first()
    if first_after is not None:
        return first_after.from_organization
    return member.organization


def organization_area_on(day: datetime.date):
    """The same reconstruction as `organization_on`, as an SQL expression giving the Area id."""
    transfers = OrganizationTransfer.objects.filter(member=OuterRef("pk"))
    went_to = transfers.filter(transferred_on__lte=day).order_by("-transferred_on", "-pk")
    came_from = transfers.filter(transferred_on__gt=day).order_by("transferred_on", "pk")
    moved = Coalesce(
        Subquery(went_to.values("to_organization__area_id")[:1]),
        Subquery(came_from.values("from_organization__area_id")[:1]),
        F("organization__area_id"),
        output_field=BigIntegerField(),
    )
    # The two look-ups only for the few members ever transferred (one hashed IN for the rest).
    return Case(When(pk__in=OrganizationTransfer.objects.values("member_id"), then=moved),
                default=F("organization__area_id"), output_field=BigIntegerField())


def organization_id_on(day: datetime.date):
    """The same reconstruction as `organization_on`, as an SQL expression giving the organization id."""
    transfers = OrganizationTransfer.objects.filter(member=OuterRef("pk"))
    return Coalesce(
        Subquery(transfers.filter(transferred_on__lte=day).order_by("-transferred_on", "-pk")
                 .values("to_organization_id")[:1]),
        Subquery(transfers.filter(transferred_on__gt=day).order_by("transferred_on", "pk")
                 .values("from_organization_id")[:1]),
        F("organization_id"),
        output_field=BigIntegerField(),
    )


def _organization_and_below(organization: PartyOrganization) -> set[int]:
    """The organization's id and those of every organization under it (a 党委's branches …)."""
    ids, level = {organization.pk}, [organization.pk]
    while level:
        level = list(PartyOrganization.objects.filter(parent_id__in=level).exclude(pk__in=ids)
                     .values_list("pk", flat=True))
        ids.update(level)
    return ids


def party_member_count_on(organization: PartyOrganization, day: datetime.date) -> int:
    """党员 (预备党员 and 正式党员 in good standing on `day`) of `organization` and the organizations
    under it on `day`, their organization then reconstructed from the transfer history as
    `organization_on` does. The most people a meeting of the organization can expect."""
    ids = _organization_and_below(organization)
    moved = OrganizationTransfer.objects.filter(Q(from_organization_id__in=ids) | Q(to_organization_id__in=ids))
    then = organization_id_on(day)
    # Only those there now or moved from or to there can have been there on `day`.
    candidates = PartyMember.objects.members_on(day).filter(
        Q(organization_id__in=ids) | Q(pk__in=moved.values("member_id")))
    return candidates.annotate(organization_then=then).filter(organization_then__in=ids).count()


@dataclass
class TimelineEvent:
    on: datetime.date
    text: str


def member_timeline(member: PartyMember) -> list[TimelineEvent]:
    """Stage dates, transfers and status changes in date order (the member's record over time)."""
    events = []
    for stage, field_name in PartyMember.STAGE_DATE_FIELDS:
        value = getattr(member, field_name)
        if value:
            events.append(TimelineEvent(value, str(Stage(stage).label)))
    for transfer in member_transfers(member):
        events.append(TimelineEvent(transfer.transferred_on,
                                    _("组织关系由“%(from)s”转入“%(to)s”") % {
                                        "from": transfer.from_organization, "to": transfer.to_organization}))
    if member.probation_extension_months:
        events.append(TimelineEvent(member.admitted_on, _("预备期延长%(n)d个月") % {"n": member.probation_extension_months}))
    if member.status != PartyMember.Status.NORMAL and member.status_changed_on:
        events.append(TimelineEvent(member.status_changed_on, member.get_status_display()))
    return sorted(events, key=lambda e: e.on)


# ---------------------------------------------------------------- the development pipeline

NEXT_STAGE = {
    Stage.APPLICANT: Stage.ACTIVIST,
    Stage.ACTIVIST: Stage.CANDIDATE,
    Stage.CANDIDATE: Stage.PROBATIONARY,
    Stage.PROBATIONARY: Stage.FULL,
}


@dataclass
class PipelineRow:
    member: PartyMember
    next_stage: int
    earliest_on: datetime.date  # the first day the next step is allowed
    blockers: list[str] = field(default_factory=list)
    days_left: int = 0  # days from the reference date to `earliest_on` (negative: overdue)

    @property
    def next_stage_label(self) -> str:
        return str(Stage(self.next_stage).label)

    @property
    def days_allowed(self) -> int:
        """Days since the next step became allowed (0 before or on that day)."""
        return max(0, -self.days_left)

    @property
    def is_ready(self) -> bool:
        return not self.blockers


def pipeline_row(member: PartyMember, on: datetime.date) -> PipelineRow:
    """What comes next for `member` and what, on `on`, stands in its way."""
    stage = Stage(member.stage)
    blockers = []
    if stage == Stage.APPLICANT:
        earliest = member.applied_on
    elif stage == Stage.ACTIVIST:
        earliest = add_years(member.activist_on, 1)
        if on < earliest:
            blockers.append(_("入党积极分子培养考察未满一年（%(date)s满一年）") % {"date": earliest.isoformat()})
    elif stage == Stage.CANDIDATE:
        earliest = member.candidate_on
    else:
        earliest = member.probation_ends_on
        if on < earliest:
            blockers.append(_("预备期未满（%(date)s期满）") % {"date": earliest.isoformat()})
    return PipelineRow(member=member, next_stage=NEXT_STAGE[stage], earliest_on=earliest,
                       blockers=blockers, days_left=(earliest - on).days)


def pipeline(*, user, on: datetime.date, stage: int | None = None, due_within: int | None = None,
             county=None) -> list[PipelineRow]:
    """Everyone in the user's scope still in the procedure, with their next step, soonest first.

    `due_within`: keep only those whose next step is allowed within that many days of `on`
    (for example probationary members whose 预备期 ends within 30 days, and the overdue).
    """
    members = PartyMember.objects.visible_to(user).in_pipeline().select_related("organization__area")
    if stage:
        members = members.filter(stage=stage)
    if county is not None:
        members = members.under(county)
    rows = [pipeline_row(member, on) for member in members]
    if due_within is not None:
        rows = [row for row in rows if row.days_left <= due_within]
    return sorted(rows, key=lambda row: (row.earliest_on, row.member.name, row.member.pk))


# ---------------------------------------------------------------- indicator selectors

def _normal_on(day: datetime.date, prefix: str = "") -> Q:
    return in_status_on(day, status=f"{prefix}status", normal=PartyMember.Status.NORMAL,
                        changed_on=f"{prefix}status_changed_on")


def farmer_herder_members(year: int):
    """农牧民党员 at the year's end: 预备/正式党员 admitted by Dec 31, in good standing then."""
    end = year_end(year)
    return (PartyMember.objects.members_on(end).filter(occupation=PartyMember.Occupation.FARMER_HERDER)
            .annotate(**{AREA_THEN: organization_area_on(end)}))


def _by_area_then(queryset):
    return queryset.values(AREA_THEN).annotate(n=Count("pk")).values_list(AREA_THEN, "n")


def farmer_herder_members_by_area(year: int):
    return _by_area_then(farmer_herder_members(year))


def farmer_herder_women_by_area(year: int):
    return _by_area_then(farmer_herder_members(year).filter(gender="F"))


def farmer_herder_under_30_by_area(year: int):
    # Younger than 30 on Dec 31 ⇔ born after the same day 30 years earlier.
    return _by_area_then(farmer_herder_members(year).filter(birth_date__gt=add_years(year_end(year), -30)))


def farmer_herder_splits(*, members: int, women: int, under_30: int) -> dict[str, list[dict]]:
    """The dashboard's two splits of the farmer and herder members, from the indicator counts:
    women / men and under 30 / 30 and over (the men and the older are the rest, never below 0 when
    the counts come from snapshots of different moments)."""
    return {
        "gender": [{"name": _("女"), "value": women}, {"name": _("男"), "value": max(members - women, 0)}],
        "age": [{"name": _("30岁以下"), "value": under_30}, {"name": _("30岁及以上"), "value": max(members - under_30, 0)}],
    }


def members_developed_by_area(year: int):
    """Members developed (接收为预备党员) during the year, by their organization at the year's end."""
    end = year_end(year)
    queryset = (PartyMember.objects.filter(stage__gte=Stage.PROBATIONARY, admitted_on__gte=year_start(year),
                                           admitted_on__lte=end)
                .annotate(**{AREA_THEN: organization_area_on(end)}))
    return _by_area_then(queryset)


def two_committee_party_member_rate_by_area(year: int):
    """Two-committee members serving at the year's end who were party members then / all serving."""
    end = year_end(year)
    is_member = Q(member__stage__gte=Stage.PROBATIONARY, member__admitted_on__lte=end) & _normal_on(end, "member__")
    return (TwoCommitteeMember.objects.serving_on(end).values("village_id")
            .annotate(num=Count("pk", filter=is_member), den=Count("pk"))
            .values_list("village_id", "num", "den"))


def _language_rows(year: int):
    end = year_end(year)
    return (TwoCommitteeMember.objects.serving_on(end)
            .annotate(that_year=FilteredRelation("assessments", condition=Q(assessments__year=year)))
            .values("village_id")
            .annotate(num=Count("pk", filter=Q(that_year__level__gte=PROFICIENT_LEVEL)), den=Count("pk")))


def language_proficient_by_area(year: int):
    """Two-committee members serving at the year's end whose assessment that year is 能懂会说日常语句 or better."""
    return _language_rows(year).values_list("village_id", "num")


def language_proficiency_rate_by_area(year: int):
    return _language_rows(year).values_list("village_id", "num", "den")


def language_training_sessions_by_area(year: int):
    return (LanguageTrainingSession.objects.held_in(year).values("area_id").annotate(n=Count("pk"))
            .values_list("area_id", "n"))


def language_training_attendance_by_area(year: int):
    return (LanguageTrainingSession.objects.held_in(year).values("area_id").annotate(n=Sum("attendance"))
            .values_list("area_id", "n"))


def cadres_sent_by_area(year: int):
    return SentCadre.objects.serving_during(year).values("village_id").annotate(n=Count("pk")).values_list(
        "village_id", "n")


def _cadre_log_sum(year: int, kind: str):
    return (CadreWorkLog.objects.filter(kind=kind, logged_on__gte=year_start(year),
                                                logged_on__lte=year_end(year)).values("cadre__village_id")
            .annotate(n=Sum("count")).values_list("cadre__village_id", "n"))


def cadre_problems_solved_by_area(year: int):
    return _cadre_log_sum(year, CadreWorkLog.Kind.PROBLEM_SOLVED)


def cadre_policy_talks_by_area(year: int):
    return _cadre_log_sum(year, CadreWorkLog.Kind.POLICY_TALK)


def language_assessments_for(person: TwoCommitteeMember):
    return LanguageAssessment.objects.filter(person=person).order_by("-year")


# ---------------------------------------------------------------- stored ID numbers to correct

@dataclass(frozen=True)
class IdNumberProblem:
    """A stored member whose ID number is wrong or disagrees with the record (never the full number)."""

    county: str
    organization: str
    name: str
    masked_id_number: str
    problems: tuple[str, ...]


def id_number_problems(*, chunk_size: int = 2000) -> list[IdNumberProblem]:
    """Every member whose stored ID number fails GB 11643 (checksum, length, birth date in the
    number) or disagrees with the record's birth date or sex — rows stored before the check was
    right, or written around full_clean() — with the same messages as the member form, ordered by
    county (tree order), organization, name.

    The numbers are decrypted through the model field, a chunk at a time."""
    counties = {a.path: a.name for a in Area.objects.filter(depth__lte=2)}
    county_path_length = 2 * Area.steplen
    found = []
    members = (PartyMember.objects.select_related("organization__area")
               .only("name", "gender", "birth_date", "id_number", "organization__name", "organization__area__path")
               .order_by("pk"))
    for member in members.iterator(chunk_size=chunk_size):
        problems = []
        try:
            validate_id_number(member.id_number)
        except ValidationError as error:
            problems.extend(error.messages)
        problems.extend(id_number_disagreements(member.id_number, birth_date=member.birth_date,
                                                gender=member.gender).values())
        if problems:
            path = member.organization.area.path[:county_path_length]
            found.append((path, member.organization.name, member.name, member.pk, IdNumberProblem(
                county=counties.get(path, ""),  # an organization on the prefecture itself: its name
                organization=member.organization.name, name=member.name,
                masked_id_number=member.masked_id_number, problems=tuple(problems))))
    found.sort(key=lambda row: row[:4])
    return [row[4] for row in found]
# ---------------------------------------------------------------- two-committee checks

def is_party_secretary_post(post: str) -> bool:
    """True when a two-committee post names the village party organization's 书记 (村党支部书记,
    党总支书记 …), not its 副书记 nor a 驻村第一书记."""
    return "书记" in (post or "").replace("副书记", "").replace("第一书记", "")


def secretary_posts_by_village(village_ids) -> dict[int, list]:
    """{village id: the 书记 posts (branches.CommitteePost) of the party organizations in that
    village}, every term; work-group branches excepted (they have their own secretaries)."""
    from branches.models import CommitteePost

    posts = defaultdict(list)
    rows = (CommitteePost.objects.filter(role=CommitteePost.Role.SECRETARY, organization__area_id__in=village_ids)
            .exclude(organization__kind=PartyOrganization.Kind.WORK_GROUP_BRANCH)
            .select_related("organization").order_by("term_start", "pk"))
    for post in rows:
        posts[post.organization.area_id].append(post)
    return posts


def branch_secretary_warning(person: TwoCommitteeMember, secretary_posts: list | None = None) -> str:
    """A warning ('' when none) for a two-committee record whose post says 书记 while the village's
    party organization records someone else as its secretary during that term (branches.CommitteePost,
    the organization's 班子职务). A warning, not a refusal: either record may be the one behind.

    `secretary_posts`: the village's posts from `secretary_posts_by_village`, when already loaded."""
    if not is_party_secretary_post(person.post):
        return ""
    if secretary_posts is None:
        secretary_posts = secretary_posts_by_village([person.village_id]).get(person.village_id, [])
    during = [p for p in secretary_posts
              if (person.term_end is None or p.term_start <= person.term_end)
              and (p.left_on is None or p.left_on >= person.term_start)]
    names = list(dict.fromkeys(p.person_name.strip() for p in during))
    if person.name.strip() in names:
        return ""
    village = person.village.name
    if not names:
        return _("%(name)s的职务为“%(post)s”，但%(village)s的党组织在其任期内没有登记书记；请在党组织的班子职务中登记。") % {
            "name": person.name, "post": person.post, "village": village}
    return _("%(name)s的职务为“%(post)s”，但%(village)s党组织班子职务中登记的书记是%(secretaries)s；请核对两处记录。") % {
        "name": person.name, "post": person.post, "village": village, "secretaries": "、".join(names)}
