"""Reminders that pillars compute from their own records (a term due for 换届 …), for the reminders
page. Each pillar registers a source — `source(user, today) -> list[Reminder]`, a fixed number of
queries, only rows in the user's scope — from its AppConfig.ready; the page lists what they return
next to the compliance reminders that the nightly job stores (evaluations.Reminder)."""
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
_SOURCES: dict[str, Source] = {}


def register(name: str, source: Source) -> None:
    if _SOURCES.get(name, source) is not source:
        raise ValueError(f"reminder source {name} registered twice")
    _SOURCES[name] = source


def reminders_for(user, today: date) -> list[Reminder]:
    """Every registered source's reminders for `user`, the earliest due first."""
    found = [reminder for source in _SOURCES.values() for reminder in source(user, today)]
    return sorted(found, key=lambda r: (r.due_on, r.organization.pk))
