"""Reads of 组织换届: scoped lists, the terms due soon or overdue, and the per-area GROUP BY selectors
of the indicators."""
from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from ali_party.stock import year_end
from branches.models import PartyOrganization

from .models import Term


def term_list(user):
    return (Term.objects.visible_to(user).select_related("organization__area")
            .annotate(member_count=Count("members")).order_by("organization__area__path", "organization__name",
                                                              "-start_date"))


def overdue_terms(user, today: date):
    """Terms in office past their due date, the longest overdue first."""
    return (Term.objects.visible_to(user).overdue(today).select_related("organization__area")
            .order_by("due_on", "organization__area__path", "pk"))


def terms_due_soon(user, today: date):
    """Terms in office due within the reminder window (6 months), the earliest first."""
    return (Term.objects.visible_to(user).due_soon(today).select_related("organization__area")
            .order_by("due_on", "organization__area__path", "pk"))


# --- indicator selectors: year -> rows (area_id, n[, d]), one GROUP BY query each ----------------------

AREA = "organization__area_id"


def _of_existing_organizations(year: int):
    return Term.objects.filter(organization__in=PartyOrganization.objects.existing_at_end_of(year).values("pk"))


def _due_in(year: int):
    return _of_existing_organizations(year).filter(due_on__year=year)


def terms_due_by_area(year: int):
    """Terms whose due date falls in `year`, of organizations existing at its end."""
    return _due_in(year).values(AREA).annotate(n=Count("pk")).values_list(AREA, "n")


def terms_overdue_by_area(year: int):
    """Terms past their due date on 31 December of `year` that had not been followed by a new term by then."""
    end = year_end(year)
    return (_of_existing_organizations(year).filter(due_on__lt=end, start_date__lte=end)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=end))
            .values(AREA).annotate(n=Count("pk")).values_list(AREA, "n"))


def terms_held_on_time_by_area(year: int):
    """(area, held on time, due): of the terms due in `year`, those whose successor was elected by the
    due date."""
    held = Term.objects.filter(previous=OuterRef("pk"), election_date__lte=OuterRef("due_on"))
    return (_due_in(year).annotate(held=Exists(held)).values(AREA)
            .annotate(n=Count("pk", filter=Q(held=True)), d=Count("pk")).values_list(AREA, "n", "d"))
