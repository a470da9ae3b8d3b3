"""Reads of the early warning: the ranked list, an organization's scores, the weight versions."""
from django.db.models import Exists, OuterRef, Prefetch

from branches.models import Rectification

from .models import OrganizationScore, Weight, WeightSet


def score_list(*, user, year: int):
    """The scores of `year` in the user's scope, with whether the organization is already listed as
    软弱涣散 that year (one query for the page, whatever its rows)."""
    listed = Rectification.objects.filter(organization=OuterRef("organization_id"), year=year)
    return (OrganizationScore.objects.visible_to(user).filter(year=year)
            .select_related("organization__area", "weight_set").annotate(listed=Exists(listed)))


def organization_scores(organization, *, years: int = 3):
    """The latest stored scores of one organization (newest first)."""
    return list(OrganizationScore.objects.filter(organization=organization).select_related("weight_set")
                .order_by("-year")[:years])


def latest_scored_year() -> int | None:
    return OrganizationScore.objects.order_by("-year").values_list("year", flat=True).first()


def weight_sets():
    return (WeightSet.objects.select_related("created_by")
            .prefetch_related(Prefetch("weights", queryset=Weight.objects.order_by("pk"))).order_by("-version"))
