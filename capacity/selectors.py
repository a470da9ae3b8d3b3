"""Reads of the 基本能力 pillar: landing-page counts and the per-village GROUP BY selectors behind
the indicators. Stocks (pairings, teams, demonstration villages) are counted as they stand on
Dec 31 of the year; flows (activities, screenings, disputes) by their date in the year."""
from django.db.models import Count, Q, Sum

from activities import kinds
from activities.models import Activity
from activities.selectors import activity_count_by_area
from ali_party.stock import year_end

from .models import (
    CoBuildingPairing, CollectiveEconomyDemoVillage, DisputeCase, DisputeScreening, EcologyTeam,
    IncomeTeam, StrongWeakPairing,
)


def section_counts(user) -> dict[str, int]:
    return {
        "pairings": CoBuildingPairing.objects.visible_to(user).count(),
        "screenings": DisputeScreening.objects.visible_to(user).count(),
        "cases": DisputeCase.objects.visible_to(user).count(),
        "demo_villages": CollectiveEconomyDemoVillage.objects.visible_to(user).count(),
        "income_teams": IncomeTeam.objects.visible_to(user).count(),
        "strong_weak": StrongWeakPairing.objects.visible_to(user).count(),
        "ecology_teams": EcologyTeam.objects.visible_to(user).count(),
    }


def pairing_activity_counts(pairing) -> list[tuple[str, int]]:
    """Activities done under one pairing, by kind: [(kind name, n), …]."""
    return list(pairing.activities.order_by().values("kind__order", "kind__name")
                .annotate(n=Count("pk")).order_by("kind__order").values_list("kind__name", "n"))


def _count_by_village(queryset, field="village_id"):
    return queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")


# ---- military–civilian co-building ----

def co_building_pairings_by_area(year: int):
    return _count_by_village(CoBuildingPairing.objects.active_on(year_end(year)))


def pairing_activities_by_area(year: int, code: str):
    return (Activity.objects.in_year(year).of_kind(code).filter(pairing__isnull=False).order_by()
            .values("village_id").annotate(n=Count("pk")).values_list("village_id", "n"))


def party_lectures_by_area(year: int):
    return pairing_activities_by_area(year, kinds.PARTY_LECTURE)


def defence_education_by_area(year: int):
    return pairing_activities_by_area(year, kinds.DEFENCE_EDUCATION)


def drills_by_area(year: int):
    return pairing_activities_by_area(year, kinds.DRILL)


# ---- dispute screening and mediation ----

def dispute_screenings_by_area(year: int):
    return _count_by_village(DisputeScreening.objects.filter(screened_on__year=year))


def _cases_found_in(year: int):
    return DisputeCase.objects.filter(found_on__year=year).order_by().values("village_id")


def disputes_found_by_area(year: int):
    return _cases_found_in(year).annotate(n=Count("pk")).values_list("village_id", "n")


def disputes_mediated_by_area(year: int):
    return (_cases_found_in(year).annotate(n=Count("pk", filter=Q(handled=True)))
            .values_list("village_id", "n"))


def mediation_rate_by_area(year: int):
    return (_cases_found_in(year)
            .annotate(handled_n=Count("pk", filter=Q(handled=True)), found_n=Count("pk"))
            .values_list("village_id", "handled_n", "found_n"))


def mediation_success_rate_by_area(year: int):
    return (_cases_found_in(year)
            .annotate(success_n=Count("pk", filter=Q(outcome=DisputeCase.Outcome.SUCCESS)),
                      handled_n=Count("pk", filter=Q(handled=True)))
            .values_list("village_id", "success_n", "handled_n"))


# ---- common prosperity ----

def demo_villages_by_area(year: int):
    return _count_by_village(CollectiveEconomyDemoVillage.objects.filter(designated_year__lte=year))


def income_teams_by_area(year: int):
    return _count_by_village(IncomeTeam.objects.active_on(year_end(year)))


def strong_weak_pairings_by_area(year: int):
    return _count_by_village(StrongWeakPairing.objects.active_on(year_end(year)), "strong_village_id")


# ---- ecology ----

def ecology_teams_by_area(year: int):
    return _count_by_village(EcologyTeam.objects.active_on(year_end(year)))


def ecology_team_members_by_area(year: int):
    return (EcologyTeam.objects.active_on(year_end(year)).order_by().values("village_id")
            .annotate(n=Sum("members_count")).values_list("village_id", "n"))


def ecology_talks_by_area(year: int):
    return activity_count_by_area(year, kinds.ECOLOGY_TALK)


def ecology_volunteer_services_by_area(year: int):
    return activity_count_by_area(year, kinds.ECOLOGY_SERVICE)


def six_clean_campaigns_by_area(year: int):
    return activity_count_by_area(year, kinds.SIX_CLEAN)
