"""Reads of the 基本活动 pillar: scoped lists, counts for the landing page, and the per-village
GROUP BY selectors behind the indicators (one query each; the engine rolls them up the tree)."""
from datetime import date

from django.db.models import Count, Sum

from . import kinds
from .models import Activity, ActivityKind, ContactCardIssue, ProxyMatter, ServiceHall


def year_end(year: int) -> date:
    return date(year, 12, 31)


def activities_for(user):
    return Activity.objects.visible_to(user).select_related("kind", "organization", "village", "pairing")


def section_counts(user) -> dict[str, int]:
    return {
        "activities": Activity.objects.visible_to(user).count(),
        "halls": ServiceHall.objects.visible_to(user).count(),
        "cards": ContactCardIssue.objects.visible_to(user).count(),
        "matters": ProxyMatter.objects.visible_to(user).count(),
    }


def kind_counts(user, year: int):
    """Activities of each kind held in `year` within the user's scope: [(kind, n), …]."""
    counts = dict(Activity.objects.visible_to(user).in_year(year).order_by()
                  .values("kind_id").annotate(n=Count("pk")).values_list("kind_id", "n"))
    return [(kind, counts.get(kind.pk, 0)) for kind in ActivityKind.objects.all()]


# ---- indicator selectors: year -> rows (village_id, n[, denominator]) ----

def activity_count_by_area(year: int, *codes: str):
    return (Activity.objects.in_year(year).of_kind(*codes).order_by()
            .values("village_id").annotate(n=Count("pk")).values_list("village_id", "n"))


def activities_in_month_by_area(month: int):
    """Selector factory: every activity (any kind) held in `month` of the year, per village."""
    def compute(year: int):
        return (Activity.objects.filter(held_on__year=year, held_on__month=month)
                .values("village_id").annotate(n=Count("pk")).values_list("village_id", "n"))
    return compute


def political_study_by_area(year: int):
    return activity_count_by_area(year, kinds.POLITICAL_STUDY)


def political_study_person_times_by_area(year: int):
    return (Activity.objects.in_year(year).of_kind(kinds.POLITICAL_STUDY).order_by()
            .values("village_id").annotate(n=Sum("person_times")).values_list("village_id", "n"))


def theme_party_days_by_area(year: int):
    return activity_count_by_area(year, kinds.THEME_PARTY_DAY)


def publicity_by_area(year: int):
    return activity_count_by_area(year, kinds.PUBLICITY)


def volunteer_services_by_area(year: int):
    return activity_count_by_area(year, kinds.VOLUNTEER_SERVICE)


def problems_solved_by_area(year: int):
    return (Activity.objects.in_year(year).of_kind(*kinds.PROBLEM_SOLVING_KINDS).order_by()
            .values("village_id").annotate(n=Sum("problems_solved")).values_list("village_id", "n"))


def three_talks_by_area(year: int):
    return activity_count_by_area(year, kinds.THREE_TALKS)


def five_star_by_area(year: int):
    return activity_count_by_area(year, kinds.FIVE_STAR)


def service_halls_by_area(year: int):
    return (ServiceHall.objects.open_on(year_end(year)).order_by()
            .values("village_id").annotate(n=Count("pk")).values_list("village_id", "n"))


def contact_cards_by_area(year: int):
    return (ContactCardIssue.objects.filter(issued_on__year=year).order_by()
            .values("village_id").annotate(n=Sum("count")).values_list("village_id", "n"))


def proxy_matters_by_area(year: int):
    return (ProxyMatter.objects.filter(accepted_on__year=year).order_by()
            .values("village_id").annotate(n=Count("pk")).values_list("village_id", "n"))
