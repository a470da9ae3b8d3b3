"""Reads of the 基本组织 pillar: scoped lists with derived counts, structure warnings, work lists, and
the per-area GROUP BY selectors behind the indicators.

Member counts are never typed: they are counted from cadres.PartyMember (full members = stage
正式党员 with status 正常; members = 预备党员 + 正式党员 with status 正常).
"""
from __future__ import annotations

from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    Assessment, CommitteePost, Designation, Measure, PartyOrganization, ProgrammeEnrollment, Rectification,
    ResponsiblePerson,
)

# A 党支部 must have 3+ full members; one with 7+ should elect a 支部委员会 (taken as 3+ current posts);
# one of more than 50 members should be split.
MIN_FULL_MEMBERS = 3
COMMITTEE_FROM_FULL_MEMBERS = 7
COMMITTEE_MIN_POSTS = 3
MAX_MEMBERS = 50
BRANCH_KINDS = (PartyOrganization.Kind.BRANCH, PartyOrganization.Kind.WORK_GROUP_BRANCH)


def _count_of(queryset):
    """A correlated COUNT subquery per organization (avoids multiplying joins of members × posts)."""
    counted = (queryset.filter(organization=OuterRef("pk")).order_by().values("organization")
               .annotate(c=Count("pk")).values("c"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_structure(queryset, today: date | None = None):
    """Annotate organizations with derived member and post counts (one query, no per-row lookups)."""
    from cadres.models import PartyMember

    today = today or timezone.localdate()
    members = PartyMember.objects.filter(status=PartyMember.Status.NORMAL)
    current_posts = CommitteePost.objects.filter(left_on__isnull=True)
    return queryset.annotate(
        full_member_count=_count_of(members.filter(stage=PartyMember.Stage.FULL)),
        member_count=_count_of(members.filter(stage__in=(PartyMember.Stage.PROBATIONARY, PartyMember.Stage.FULL))),
        current_post_count=_count_of(current_posts),
        expired_post_count=_count_of(current_posts.filter(term_end__lt=today)),
    )


def warning_condition() -> Q:
    """The structure warnings as a filter on `with_structure` annotations (for "only with warnings")."""
    branch = Q(kind__in=BRANCH_KINDS, status=PartyOrganization.Status.ACTIVE)
    return (Q(status=PartyOrganization.Status.ACTIVE, expired_post_count__gt=0)
            | (branch & (Q(full_member_count__lt=MIN_FULL_MEMBERS)
                         | Q(full_member_count__gte=COMMITTEE_FROM_FULL_MEMBERS, current_post_count__lt=COMMITTEE_MIN_POSTS)
                         | Q(member_count__gt=MAX_MEMBERS))))


def structure_warnings(org: PartyOrganization) -> list[str]:
    """Warnings for one organization annotated by `with_structure`."""
    if org.status != PartyOrganization.Status.ACTIVE:
        return []
    warnings = []
    if org.kind in BRANCH_KINDS:
        if org.full_member_count < MIN_FULL_MEMBERS:
            warnings.append(_("正式党员不足3人（现有%(n)s人）") % {"n": org.full_member_count})
        elif org.full_member_count >= COMMITTEE_FROM_FULL_MEMBERS and org.current_post_count < COMMITTEE_MIN_POSTS:
            warnings.append(_("正式党员%(n)s人，应设立支部委员会") % {"n": org.full_member_count})
        if org.member_count > MAX_MEMBERS:
            warnings.append(_("党员超过50人（现有%(n)s人），应调整设置") % {"n": org.member_count})
    if org.expired_post_count:
        warnings.append(_("班子任期已届满，应按期换届"))
    return warnings


def overdue_measures(user, today: date | None = None):
    today = today or timezone.localdate()
    return (Measure.objects.visible_to(user).overdue(today)
            .select_related("rectification__organization__area").order_by("deadline", "pk"))


def pillar_summary(user, year: int) -> dict:
    """Counts for the pillar's landing page, all within the user's scope."""
    orgs = PartyOrganization.objects.visible_to(user)
    by_kind = dict(orgs.active().values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    return {
        "year": year,
        "organizations_by_kind": [(label, by_kind.get(kind, 0)) for kind, label in PartyOrganization.Kind.choices],
        "organizations": sum(by_kind.values()),
        "warnings": with_structure(orgs).filter(warning_condition()).count(),
        "relocation_site_orgs": orgs.active().at_relocation_sites().count(),
        "designations": Designation.objects.visible_to(user).held_at_end_of(year).count(),
        "programme": ProgrammeEnrollment.objects.visible_to(user).count(),
        "assessments": Assessment.objects.visible_to(user).filter(year=year).count(),
        "not_up_to_standard": Assessment.objects.visible_to(user).filter(year=year, passed=False).count(),
        "open_rectifications": Rectification.objects.visible_to(user).open().count(),
        "rectifications": Rectification.objects.visible_to(user).filter(year=year).count(),
        "overdue_measures": overdue_measures(user).count(),
    }


# --- indicator selectors: year -> rows (area_id, n), one GROUP BY query each ----------------------------

def _by_area(queryset, area_field: str = "area_id"):
    return queryset.values(area_field).annotate(n=Count("pk")).values_list(area_field, "n")


def relocation_site_orgs_by_area(year: int):
    """Organizations at 易地搬迁点 or 抵边搬迁安置点 existing at the end of `year`."""
    return _by_area(PartyOrganization.objects.existing_at_end_of(year).at_relocation_sites())


def relocation_work_group_branches_by_area(year: int):
    """作业组党支部 under a relocation-site organization, existing at the end of `year`."""
    return _by_area(PartyOrganization.objects.existing_at_end_of(year).filter(
        kind=PartyOrganization.Kind.WORK_GROUP_BRANCH).filter(
        Q(parent__at_relocation_site=True) | Q(parent__at_border_resettlement_site=True)))


def organizations_of_kind_by_area(kind: str):
    def selector(year: int):
        return _by_area(PartyOrganization.objects.existing_at_end_of(year).filter(kind=kind))
    selector.__name__ = f"organizations_{kind}_by_area"
    return selector


def designations_of_group_by_area(group: str):
    """Designations of a catalogue group held at the end of the year."""
    def selector(year: int):
        return _by_area(Designation.objects.held_at_end_of(year).filter(kind__group=group))
    selector.__name__ = f"designations_{group}_by_area"
    return selector


def designations_of_kind_by_area(code: str):
    def selector(year: int):
        return _by_area(Designation.objects.held_at_end_of(year).filter(kind__code=code))
    selector.__name__ = f"designations_{code}_by_area"
    return selector


def weak_organizations_by_area(year: int):
    """软弱涣散 organizations identified in `year`."""
    return _by_area(Rectification.objects.filter(year=year), "organization__area_id")


def responsible_persons_by_area(year: int):
    """Responsible persons named for the cases identified in `year`."""
    return _by_area(ResponsiblePerson.objects.filter(rectification__year=year), "rectification__organization__area_id")


def measures_by_area(year: int):
    """Rectification measures set for the cases identified in `year`."""
    return _by_area(Measure.objects.filter(rectification__year=year), "rectification__organization__area_id")



def rectification_list(*, user):
    """The rectification cases in the user's scope with their numbers of responsible persons, measures
    and open measures (the list page)."""
    return (Rectification.objects.visible_to(user).select_related("organization__area")
            .prefetch_related("categories").annotate(
                person_count=Count("responsible_persons", distinct=True),
                measure_count=Count("measures", distinct=True),
                open_measure_count=Count("measures", filter=Q(measures__status="open"), distinct=True),
            ).order_by("-year", "organization__area__path", "pk"))
