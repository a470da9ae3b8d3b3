"""Reads of 流动党员 and 失联党员: the scoped lists, the periods due for a transfer, the per-area
GROUP BY selectors of the indicators and the per-organization counts of the early-warning score."""
from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from ali_party.stock import year_end
from cadres.models import AREA_THEN, PartyMember
from cadres.selectors import organization_area_on

from .models import FloatingPeriod, LostContact

MEMBER = ("member__organization__area",)


def transfer_due(user, today: date):
    """Periods out more than six months at a fixed place (应转移组织关系), the longest out first."""
    return (FloatingPeriod.objects.visible_to(user).transfer_due(today).select_related(*MEMBER)
            .order_by("left_on", "pk"))


def reaching_six_months(user, today: date):
    """Periods at a fixed place passing six months within the next month."""
    return (FloatingPeriod.objects.visible_to(user).reaching_six_months(today).select_related(*MEMBER)
            .order_by("left_on", "pk"))


def open_lost_contacts(user):
    return LostContact.objects.visible_to(user).open().select_related(*MEMBER).order_by("lost_since", "pk")


def member_periods(member) -> dict:
    """The member's floating periods and lost-contact cases (the member-life section): two queries."""
    return {"floating": list(FloatingPeriod.objects.filter(member=member).order_by("left_on", "pk")),
            "lost": list(LostContact.objects.filter(member=member).order_by("lost_since", "pk"))}


def lost_contact_counts_by_organization(on: date) -> dict[int, int]:
    """{organization id: members of it in 失联 on `on`} (for the early-warning score): by the member's
    current organization, party members on that day only. One query."""
    lost = LostContact.objects.lost_on(on).filter(member=OuterRef("pk"))
    rows = (PartyMember.objects.members_on(on).filter(Exists(lost)).values("organization_id")
            .annotate(n=Count("pk")).values_list("organization_id", "n"))
    return dict(rows)


# --- indicator selectors: year -> rows (area_id, n[, d]), one GROUP BY query each ----------------------
# Party members (预备 and 正式, 党籍正常) on 31 December, counted at the area of the organization they
# belonged to that day (cadres.selectors.organization_area_on), as the other member figures are.

def _members_at_end(year: int):
    end = year_end(year)
    floating = FloatingPeriod.objects.out_on(end).filter(member=OuterRef("pk"))
    lost = LostContact.objects.lost_on(end).filter(member=OuterRef("pk"))
    return (PartyMember.objects.members_on(end)
            .annotate(**{AREA_THEN: organization_area_on(end)}, floating=Exists(floating), lost=Exists(lost)))


def _count(year: int, flag: str):
    return (_members_at_end(year).filter(**{flag: True}).values(AREA_THEN).annotate(n=Count("pk"))
            .values_list(AREA_THEN, "n"))


def _rate(year: int, flag: str):
    return (_members_at_end(year).values(AREA_THEN)
            .annotate(n=Count("pk", filter=Q(**{flag: True})), d=Count("pk")).values_list(AREA_THEN, "n", "d"))


def floating_members_by_area(year: int):
    return _count(year, "floating")


def lost_contact_members_by_area(year: int):
    return _count(year, "lost")


def floating_member_rate_by_area(year: int):
    return _rate(year, "floating")


def lost_contact_member_rate_by_area(year: int):
    return _rate(year, "lost")
