"""Reminders that pillars compute from their own records (a term due for 换届 …), for the reminders
page. Each pillar registers a source — `source(user, today) -> list[Reminder]`, a fixed number of
queries, only rows in the user's scope — from its AppConfig.ready; the page lists what they return
next to the compliance reminders that the nightly job stores (evaluations.Reminder).

Each source also gives its `count(user, today) -> dict[kind, int]`: counting queries with no row
limit (a source's list is cut for the page), which `counts_for` (the dashboard's to-do panel,
computed on every request) adds up."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable


@dataclass(frozen=True)
class Reminder:
    kind: str            # what is due, e.g. 换届
    organization: object  # branches.PartyOrganization (with its area loaded)
    text: str
    due_on: date
    page: str  # the record's page (get_absolute_url)
    overdue: bool = False


Source = Callable[[object, date], list[Reminder]]
Count = Callable[[object, date], dict[str, int]]
_SOURCES: dict[str, Source] = {}
_COUNTS: dict[str, Count] = {}


def register(name: str, source: Source, *, count: Count) -> None:
    if _SOURCES.get(name, source) is not source:
        raise ValueError(f"reminder source {name} registered twice")
    _SOURCES[name] = source
    _COUNTS[name] = count


def reminders_for(user, today: date) -> list[Reminder]:
    """Every registered source's reminders for `user`, the earliest due first."""
    found = [reminder for source in _SOURCES.values() for reminder in source(user, today)]
    return sorted(found, key=lambda r: (r.due_on, r.organization.pk))


def counts_for(user, today: date) -> dict[str, int]:
    """How many reminders of each kind `user` has (kinds in registration order, none at 0)."""
    totals: dict[str, int] = {}
    for count_of in _COUNTS.values():
        for kind, count in count_of(user, today).items():
            if count:
                totals[str(kind)] = totals.get(str(kind), 0) + count
    return totals
