"""Years in query strings, and the one rule for the year a page shows (`shown_year`):

1. ?year= when it is a plausible year — and it is remembered in the session, so that the year a
   user chose stays when they drill down or move to another pillar;
2. else the year remembered in the session;
3. else the latest complete year of the indicators (the dashboard's: every snapshot of it was
   computed whole), from the source the indicators app registers (`register_default_year`);
4. else the page's own fallback (a landing page: the latest year its records appear in);
5. else this year.
"""
from __future__ import annotations

import datetime
from typing import Callable

from django.db.models import DateField, QuerySet
from django.utils import timezone

MIN_YEAR, MAX_YEAR = 2000, 2100


def parse_year(value) -> int | None:
    """The one year parser for whatever a user sends (?year=, a filter field, a report's range): a
    year of four ASCII digits between MIN_YEAR and MAX_YEAR, else None. Not int(): it takes "-1",
    "０" or "１２３" (full-width digits) and any length, and a year of 0, -1 or twenty digits then
    fails in date arithmetic or overflows the database's integers (issue 17). "²" is a digit to
    str.isdigit() but not to int(): refused by the ASCII test first."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    if len(value) == 4 and value.isascii() and value.isdigit() and MIN_YEAR <= int(value) <= MAX_YEAR:
        return int(value)
    return None


def requested_year(request) -> int | None:
    """?year= when it is a plausible year, else None."""
    return parse_year(request.GET.get("year"))


def year_param(request, name: str, default: int) -> int:
    """A year-valued query parameter (`name`), `default` when missing or not a plausible year."""
    return parse_year(request.GET.get(name)) or default


def recent_years(first: int = 2015) -> range:
    """The years a year picker offers, newest first: this year down to `first`."""
    return range(timezone.localdate().year, first - 1, -1)


def latest_year(records: QuerySet, field: str) -> int:
    """The latest year, up to this one, in which `records` (already scoped) has a row; this year
    when it has none. `field` is a DateField or a year number field of the records' model.

    One query, ORDER BY `field` DESC LIMIT 1: with an index on `field` the database reads the index
    backwards and stops at the first row in the user's scope. Rows dated after this year (plans)
    do not count: the landing page should not open on a year that has not begun.
    """
    this_year = timezone.localdate().year
    is_date = isinstance(records.model._meta.get_field(field), DateField)
    bound = datetime.date(this_year, 12, 31) if is_date else this_year
    latest = (records.filter(**{f"{field}__lte": bound}).order_by(f"-{field}")
              .values_list(field, flat=True).first())
    if latest is None:
        return this_year
    return latest.year if is_date else int(latest)


SESSION_KEY = "shown_year"
_default_year_source: Callable[[], int | None] | None = None


def register_default_year(source: Callable[[], int | None]) -> None:
    """The indicators app names the year pages open on (its latest complete year); ali_party
    imports no app above it."""
    global _default_year_source
    _default_year_source = source


def shown_year(request, fallback: Callable[[], int | None] | None = None, *,
               latest_complete: Callable[[], int | None] | None = None) -> int:
    """The year a page shows (the rule in the module's docstring). `latest_complete` replaces the
    registered source when the caller already knows the answer (the dashboard caches it)."""
    session = getattr(request, "session", None)
    year = requested_year(request)
    if year:
        if session is not None and session.get(SESSION_KEY) != year:
            session[SESSION_KEY] = year
        return year
    remembered = parse_year(session.get(SESSION_KEY)) if session is not None else None
    if remembered:
        return remembered
    source = latest_complete or _default_year_source
    year = source() if source is not None else None
    if year:
        return year
    return (fallback() if fallback is not None else None) or timezone.localdate().year


def index_year(request, records: QuerySet, field: str) -> int:
    """The year a landing page shows: `shown_year`, with `latest_year(records, field)` as the
    page's own fallback."""
    return shown_year(request, fallback=lambda: latest_year(records, field))
