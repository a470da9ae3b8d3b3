"""Reads of the 基本组织 pillar: scoped lists with derived counts, structure warnings, work lists, and
the per-area GROUP BY selectors behind the indicators.

Member counts are never typed: they are counted from cadres.PartyMember (full members = stage
正式党员 with status 正常; members = 预备党员 + 正式党员 with status 正常).
"""
from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from . import structure
from .models import (
    Assessment, Designation, Measure, PartyOrganization, ProgrammeEnrollment, Rectification,
    ResponsiblePerson,
)

# The structure rules and their counts live in branches.structure (one declared list of checks);
# these names stay for the pages and filters that use them.
with_structure = structure.with_structure


def warning_condition() -> Q:
    """Any structure check failing, as a filter on `with_structure` annotations."""
    return structure.warning_condition()


def structure_warnings(org: PartyOrganization) -> list[str]:
    """Warnings for one organization annotated by `with_structure`."""
    return structure.warnings(org)


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
