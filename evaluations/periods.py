"""Compliance periods (month, quarter, year) around a reference date."""
from calendar import monthrange
from datetime import date

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
        return f"{on.year}年{on.month}月"
    if period == Period.QUARTER:
        return f"{on.year}年第{(on.month - 1) // 3 + 1}季度"
    return f"{on.year}年"


# How many days before a period closes the reminder job starts warning.
REMIND_DAYS_BEFORE = {Period.MONTH: 7, Period.QUARTER: 15, Period.YEAR: 30}
