"""Calendar arithmetic for the development procedure (periods of whole years and months)."""
import calendar
import datetime

from django.utils.translation import gettext_lazy as _


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the 29th–31st fall back to the month's last day (29 Feb → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: datetime.date, years: int) -> datetime.date:
    return add_months(day, 12 * years)


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def year_start(year: int) -> datetime.date:
    return datetime.date(year, 1, 1)


def age_on(birth_date: datetime.date, on: datetime.date) -> int:
    """Completed years of age on `on`."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


# Age bands used in party statistics. Upper bounds are exclusive: "30岁以下" is age < 30, the
# article's "30岁以下农牧民党员".
AGE_BANDS = [
    (30, _("30岁以下")),
    (40, _("30至39岁")),
    (50, _("40至49岁")),
    (60, _("50至59岁")),
    (None, _("60岁及以上")),
]


def age_band(age: int) -> str:
    for upper, label in AGE_BANDS:
        if upper is None or age < upper:
            return str(label)
    return str(AGE_BANDS[-1][1])
