"""党费's section of a member's whole-life page (ali_party.member_life): the last 24 months of the
member's ledger lines, month by month, paid, exempt or owed, with the totals."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ali_party import member_life

from .models import DuesLedgerLine

MONTHS_SHOWN = 24


@dataclass
class MonthCell:
    month: int
    in_window: bool
    lines: list = field(default_factory=list)

    @property
    def state(self) -> str:
        """"none" (not due this month), "exempt", "unpriced" (no dues profile), "owed" or "paid"."""
        if not self.lines:
            return "none"
        if any(not line.is_paid and line.amount_due is None for line in self.lines):
            return "unpriced"
        if any(not line.is_paid and line.amount_due != 0 for line in self.lines):
            return "owed"
        if all(line.is_exempt for line in self.lines):
            return "exempt"
        return "paid"


@dataclass
class DuesHistory:
    first: tuple[int, int]  # (year, month) of the first month shown
    last: tuple[int, int]   # the last: the member's latest ledger month up to now, else the current one
    years: list[tuple[int, list[MonthCell]]]
    up_to_now: bool = True  # False: no ledger line after `last`
    months_due: int = 0
    months_paid: int = 0
    months_owed: int = 0
    months_exempt: int = 0
    amount_due: Decimal = Decimal("0.00")
    amount_paid: Decimal = Decimal("0.00")
    amount_owed: Decimal = Decimal("0.00")


def window(end: datetime.date, months: int = MONTHS_SHOWN) -> tuple[tuple[int, int], tuple[int, int]]:
    """The first and last (year, month) of the `months` months ending with the month of `end`."""
    index = end.year * 12 + end.month - 1 - (months - 1)
    return (index // 12, index % 12 + 1), (end.year, end.month)


def dues_history(member, *, today: datetime.date | None = None, months: int = MONTHS_SHOWN) -> DuesHistory:
    """The member's ledger lines of the last `months` months of their record (two queries), as a
    year × month grid.

    A month is due when the member has a line in a branch's ledger for it and its amount is not 0
    (an approved 免交); owed while that line has no payment. Lines of months ahead (a year paid in
    advance) are outside the window: they are not owed yet."""
    today = today or timezone.localdate()
    # The window ends with the member's latest ledger month up to now (a member whose branch keeps
    # no ledger since 2023 shows 2022–2023, not two empty years); without any, the current month.
    latest = (DuesLedgerLine.objects.filter(member=member)
              .filter(Q(ledger__year__lt=today.year) | Q(ledger__year=today.year, ledger__month__lte=today.month))
              .order_by("-ledger__year", "-ledger__month").values_list("ledger__year", "ledger__month").first())
    end = datetime.date(*latest, 1) if latest else today
    (y0, m0), (y1, m1) = window(end, months)
    lines = (DuesLedgerLine.objects.filter(member=member)
             .filter(Q(ledger__year__gt=y0) | Q(ledger__year=y0, ledger__month__gte=m0))
             .filter(Q(ledger__year__lt=y1) | Q(ledger__year=y1, ledger__month__lte=m1))
             .select_related("ledger__organization", "payment").order_by("ledger__year", "ledger__month", "pk"))
    by_month: dict[tuple[int, int], list] = {}
    history = DuesHistory(first=(y0, m0), last=(y1, m1), years=[], up_to_now=(y1, m1) == (today.year, today.month))
    for line in lines:
        by_month.setdefault((line.ledger.year, line.ledger.month), []).append(line)
        if line.is_exempt:
            history.months_exempt += 1
            continue
        history.months_due += 1
        history.amount_due += line.amount_due or 0
        if line.is_paid:
            history.months_paid += 1
            history.amount_paid += line.amount_due or 0
        else:
            history.months_owed += 1
            history.amount_owed += line.amount_due or 0
    for year in range(y0, y1 + 1):
        cells = [MonthCell(month=m, in_window=(y0, m0) <= (year, m) <= (y1, m1), lines=by_month.get((year, m), []))
                 for m in range(1, 13)]
        history.years.append((year, cells))
    return history


member_life.register(member_life.Section(
    key="dues", title=gettext_lazy("党费缴纳"), order=50, template="dues/_member_life.html",
    rows=lambda member: dues_history(member)))
