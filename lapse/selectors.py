"""Reads of the lapse warnings' snapshot."""
from __future__ import annotations

from django.db.models import Count, Max

from .models import LapseWarning


def counts_by_branch(warnings) -> list[dict]:
    """Per organization of `warnings`: members warned and the longest run in months (one query), in
    the order of the tree (never a ranking); every organization with a warning, none left out."""
    rows = (warnings.order_by().values("organization_id", "organization__name", "organization__area__name",
                                       "organization__area__path")
            .annotate(members=Count("member_id", distinct=True), longest=Max("months"))
            .order_by("organization__area__path", "organization__name"))
    return list(rows)


def warning_counts_by_organization() -> dict[int, int]:
    """For the early-warning score: per organization id, the members with a warning (≥3 months) of
    either kind, from the snapshot (one query)."""
    return dict(LapseWarning.objects.order_by().values("organization_id")
                .annotate(n=Count("member_id", distinct=True)).values_list("organization_id", "n"))


def member_warnings(member) -> list[LapseWarning]:
    """The member's current warnings (one query)."""
    return list(LapseWarning.objects.filter(member=member).order_by("kind"))
