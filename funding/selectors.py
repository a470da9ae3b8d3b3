"""Reads of the funding pillar: scoped querysets, balances computed by the database, indicator
selectors (one GROUP BY each) and the source × purpose table."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    Count, DecimalField, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery, Sum, Value,
)
from django.db.models.functions import Coalesce, Substr

from ali_party.rounding import percent
from branches.models import Area

from .models import (
    MONEY, VENUE_STANDARD_MIN_INVESTMENT, ZERO, Allocation, CollectiveEconomyProject, Expenditure,
    FundPurpose, FundSource, Status, TownshipAccount, VenueUpgrade, VillageLedger,
)

MONEY_OUTPUT = DecimalField(**MONEY)


def _money(value) -> Decimal:
    """Database sums as exact yuan (SQLite may hand back Decimal('2E+7') or a float-ish text)."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def _year_end(year: int) -> date:
    return date(year, 12, 31)


# --- balances -----------------------------------------------------------------------------------

def _spent_subquery():
    """Per allocation: the sum of its expenditures (a correlated subquery, so summing allocations
    and their expenditures together never double counts)."""
    return Coalesce(
        Subquery(Expenditure.objects.filter(allocation=OuterRef("pk")).order_by()
                 .values("allocation").annotate(total=Sum("amount")).values("total"),
                 output_field=MONEY_OUTPUT),
        Value(ZERO), output_field=MONEY_OUTPUT)


def allocations_with_balance(queryset: QuerySet | None = None) -> QuerySet:
    """Allocations annotated with `spent`, `remaining` and `utilization` (percent), in SQL."""
    queryset = Allocation.objects.all() if queryset is None else queryset
    return queryset.annotate(
        spent=_spent_subquery(),
        remaining=ExpressionWrapper(F("amount") - F("spent"), output_field=MONEY_OUTPUT),
        utilization=ExpressionWrapper(F("spent") * Value(Decimal("100")) / F("amount"),
                                      output_field=MONEY_OUTPUT),
    )


def allocation_list(*, user) -> QuerySet:
    return allocations_with_balance(
        Allocation.objects.visible_to(user).select_related("source", "purpose", "village", "project"))


@dataclass
class Balance:
    """Allocated, spent and left for one node (or one allocation); rate in percent, 2 decimals."""

    area: Area | None
    allocated: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.spent

    @property
    def utilization(self) -> Decimal | None:
        if not self.allocated:
            return None
        return percent(self.spent, self.allocated)


def balance_total(area: Area, *, year: int | None = None, purpose: FundPurpose | None = None) -> Balance:
    """Allocated / spent / left for all allocations under `area` (optionally one year, one purpose).
    Two aggregates, one query: the spent part goes through the per-allocation subquery."""
    queryset = Allocation.objects.under(area)
    if year is not None:
        queryset = queryset.filter(year=year)
    if purpose is not None:
        queryset = queryset.filter(purpose=purpose)
    totals = queryset.order_by().aggregate(
        allocated=Coalesce(Sum("amount"), Value(ZERO), output_field=MONEY_OUTPUT),
        spent=Coalesce(Sum(_spent_subquery()), Value(ZERO), output_field=MONEY_OUTPUT))
    return Balance(area, _money(totals["allocated"]), _money(totals["spent"]))


def balance_by_child(area: Area, *, year: int | None = None) -> list[Balance]:
    """Allocated / spent / left for each child of `area` (county, township or village), one GROUP
    BY on the tree-path prefix of the receiving village. A village returns just itself."""
    children = list(Area.objects.get_children(area).order_by("path")) or [area]
    depth = children[0].depth
    queryset = Allocation.objects.under(area)
    if year is not None:
        queryset = queryset.filter(year=year)
    rows = (queryset.order_by()
            .alias(spent=_spent_subquery())
            .annotate(prefix=Substr("village__path", 1, depth * Area.steplen))
            .values("prefix")
            .annotate(allocated=Sum("amount"), spent_total=Sum("spent"))
            .values_list("prefix", "allocated", "spent_total"))
    by_prefix = {prefix: (_money(allocated), _money(spent)) for prefix, allocated, spent in rows}
    result = []
    for child in children:
        allocated, spent = by_prefix.get(child.path, (ZERO, ZERO))
        result.append(Balance(child, allocated or ZERO, spent or ZERO))
    return result


def balance_by_year(area: Area) -> list[tuple[int, Balance]]:
    """Allocated / spent / left under `area` per allocation year (one GROUP BY)."""
    rows = (Allocation.objects.under(area).order_by()
            .alias(spent=_spent_subquery())
            .values("year").annotate(allocated=Sum("amount"), spent_total=Sum("spent"))
            .order_by("year").values_list("year", "allocated", "spent_total"))
    return [(year, Balance(area, _money(allocated), _money(spent))) for year, allocated, spent in rows]


# --- funds by source and purpose ---------------------------------------------------------------

@dataclass
class SourcePurposeTable:
    """Rows are sources, columns purposes; every cell in yuan. Totals per row, per column, overall."""

    sources: list[FundSource]
    purposes: list[FundPurpose]
    cells: dict[tuple[int, int], Decimal] = field(default_factory=dict)

    def cell(self, source: FundSource, purpose: FundPurpose) -> Decimal:
        return self.cells.get((source.pk, purpose.pk), ZERO)

    @property
    def rows(self) -> list[tuple[FundSource, list[Decimal], Decimal]]:
        return [(s, [self.cell(s, p) for p in self.purposes], self.source_total(s)) for s in self.sources]

    def source_total(self, source: FundSource) -> Decimal:
        return sum((v for (s, _), v in self.cells.items() if s == source.pk), ZERO)

    def purpose_total(self, purpose: FundPurpose) -> Decimal:
        return sum((v for (_, p), v in self.cells.items() if p == purpose.pk), ZERO)

    @property
    def purpose_totals(self) -> list[Decimal]:
        return [self.purpose_total(p) for p in self.purposes]

    @property
    def total(self) -> Decimal:
        return sum(self.cells.values(), ZERO)


def funds_by_source_and_purpose(area: Area, first_year: int, last_year: int) -> SourcePurposeTable:
    """Allocations under `area` granted in first_year..last_year, summed per (source, purpose) by
    one GROUP BY. Sources and purposes with money appear even when no longer active."""
    rows = (Allocation.objects.under(area).filter(year__gte=first_year, year__lte=last_year)
            .order_by().values("source_id", "purpose_id").annotate(total=Sum("amount"))
            .values_list("source_id", "purpose_id", "total"))
    cells = {(s, p): _money(total) for s, p, total in rows}
    used_sources = {s for s, _ in cells}
    used_purposes = {p for _, p in cells}
    sources = list(FundSource.objects.filter(Q(is_active=True) | Q(pk__in=used_sources)))
    purposes = list(FundPurpose.objects.filter(Q(is_active=True) | Q(pk__in=used_purposes)))
    return SourcePurposeTable(sources, purposes, cells)


# --- lists --------------------------------------------------------------------------------------

def expenditure_list(*, user) -> QuerySet:
    return Expenditure.objects.visible_to(user).select_related(
        "ledger__village", "allocation__source", "allocation__purpose", "purpose")


def account_list(*, user) -> QuerySet:
    """Township accounts with their ledger count and allocated / spent totals of their villages."""
    allocated = Subquery(
        Allocation.objects.filter(village__funding_ledger__account=OuterRef("pk")).order_by()
        .values("village__funding_ledger__account").annotate(total=Sum("amount")).values("total"),
        output_field=MONEY_OUTPUT)
    spent = Subquery(
        Expenditure.objects.filter(ledger__account=OuterRef("pk")).order_by()
        .values("ledger__account").annotate(total=Sum("amount")).values("total"),
        output_field=MONEY_OUTPUT)
    return (TownshipAccount.objects.visible_to(user).select_related("township")
            .annotate(ledger_count=Count("ledgers"),
                      allocated=Coalesce(allocated, Value(ZERO), output_field=MONEY_OUTPUT),
                      spent=Coalesce(spent, Value(ZERO), output_field=MONEY_OUTPUT))
            .order_by("township__path"))


def ledgers_with_balance(account: TownshipAccount) -> QuerySet:
    allocated = Subquery(
        Allocation.objects.filter(village=OuterRef("village")).order_by().values("village")
        .annotate(total=Sum("amount")).values("total"), output_field=MONEY_OUTPUT)
    spent = Subquery(
        Expenditure.objects.filter(ledger=OuterRef("pk")).order_by().values("ledger")
        .annotate(total=Sum("amount")).values("total"), output_field=MONEY_OUTPUT)
    return (VillageLedger.objects.filter(account=account).select_related("village")
            .annotate(allocated=Coalesce(allocated, Value(ZERO), output_field=MONEY_OUTPUT),
                      spent=Coalesce(spent, Value(ZERO), output_field=MONEY_OUTPUT))
            .annotate(remaining=ExpressionWrapper(F("allocated") - F("spent"), output_field=MONEY_OUTPUT)))


def venue_list(*, user) -> QuerySet:
    return VenueUpgrade.objects.visible_to(user).select_related("village")


def project_list(*, user) -> QuerySet:
    return CollectiveEconomyProject.objects.visible_to(user).select_related("village")


def section_counts(*, user) -> dict[str, int]:
    return {
        "allocations": Allocation.objects.visible_to(user).count(),
        "expenditures": Expenditure.objects.visible_to(user).count(),
        "accounts": TownshipAccount.objects.visible_to(user).count(),
        "venues": VenueUpgrade.objects.visible_to(user).count(),
        "venues_below_standard": VenueUpgrade.objects.visible_to(user).filter(
            total_investment__lt=VENUE_STANDARD_MIN_INVESTMENT).count(),
        "projects": CollectiveEconomyProject.objects.visible_to(user).count(),
    }


# --- indicator selectors: year -> rows (area_id, numerator[, denominator]) ----------------------

def _completed_venues(year: int) -> QuerySet:
    return VenueUpgrade.objects.filter(status=Status.COMPLETED, completed_on__lte=_year_end(year)).order_by()


def venues_upgraded_by_area(year: int):
    """Stock: venue upgrades completed on or before Dec 31 of `year`."""
    return (_completed_venues(year).values("village_id").annotate(n=Count("pk"))
            .values_list("village_id", "n"))


def venue_investment_by_area(year: int):
    """Stock, yuan: total investment in the upgrades completed by the end of `year`."""
    return (_completed_venues(year).values("village_id").annotate(total=Sum("total_investment"))
            .values_list("village_id", "total"))


def venues_below_standard_by_area(year: int):
    """Stock: completed upgrades whose total investment is below the 15万 standard."""
    return (_completed_venues(year).filter(total_investment__lt=VENUE_STANDARD_MIN_INVESTMENT)
            .values("village_id").annotate(n=Count("pk")).values_list("village_id", "n"))


def central_support_funds_by_area(year: int):
    """Flow, yuan: central (三部委) support for collective-economy projects started in `year`."""
    return (CollectiveEconomyProject.objects.filter(start_year=year).order_by().values("village_id")
            .annotate(total=Sum("central_support_funds")).values_list("village_id", "total"))


def collective_projects_by_area(year: int):
    """Flow: collective-economy projects started in `year`."""
    return (CollectiveEconomyProject.objects.filter(start_year=year).order_by().values("village_id")
            .annotate(n=Count("pk")).values_list("village_id", "n"))


def allocations_total_by_area(year: int):
    """Flow, yuan: money allocated for `year`, every source and purpose."""
    return (Allocation.objects.filter(year=year).order_by().values("village_id")
            .annotate(total=Sum("amount")).values_list("village_id", "total"))


def expenditures_total_by_area(year: int):
    """Flow, yuan: expenditures dated in `year` (whatever the allocation's year)."""
    return (Expenditure.objects.filter(spent_on__year=year).order_by().values("ledger__village_id")
            .annotate(total=Sum("amount")).values_list("ledger__village_id", "total"))


def utilization_by_area(year: int):
    """Rate: spent so far against `year`'s allocations / `year`'s allocations (both yuan)."""
    return (Allocation.objects.filter(year=year).order_by().alias(spent=_spent_subquery())
            .values("village_id").annotate(spent_total=Sum("spent"), allocated=Sum("amount"))
            .values_list("village_id", "spent_total", "allocated"))
