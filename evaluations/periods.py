"""Compliance periods (month, quarter, year) around a reference date."""
from calendar import monthrange
from datetime import date

from django.utils.translation import gettext as _

from .models import Period


def period_bounds(period: str, on: date) -> tuple[date, date]:
    """First and last day of the month / quarter / year that contains `on`."""
    if period == Period.MONTH:
        return date(on.year, on.month, 1), date(on.year, on.month, monthrange(on.year, on.month)[1])
    if period == Period.QUARTER:
        first_month = 3 * ((on.month - 1) // 3) + 1
        last_month = first_month + 2
        return date(on.year, first_month, 1), date(on.year, last_month, monthrange(on.year, last_month)[1])
    return date(on.year, 1, 1), date(on.year, 12, 31)


def period_label(period: str, on: date) -> str:
    if period == Period.MONTH:
        return _("%(year)d年%(month)d月") % {"year": on.year, "month": on.month}
    if period == Period.QUARTER:
        return _("%(year)d年第%(quarter)d季度") % {"year": on.year, "quarter": (on.month - 1) // 3 + 1}
    return _("%(year)d年") % {"year": on.year}


# How many days before a period closes the reminder job starts warning.
REMIND_DAYS_BEFORE = {Period.MONTH: 7, Period.QUARTER: 15, Period.YEAR: 30}
