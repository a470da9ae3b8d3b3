"""A party member's whole life on one page (issue 19, item 5): the member's page (cadres) shows one
section per kind of record — stages and development steps, transfers, floating and lost-contact
periods, dues by month, evaluations, trainings, two-committee terms — each written by the app
that holds those records, in its own `member_life.py`:

    from ali_party import member_life

    member_life.register(member_life.Section(
        key="dues", title=_("党费缴纳"), order=50, template="dues/_member_life.html", rows=dues_rows))

`rows(member)` returns what the section's template shows (a list, or any object the template
reads), in a fixed number of queries whatever the member's history; the template is included
with `member`, `section` and `rows` and should say so plainly when there is nothing (an empty
section is still shown, so a reader knows the record was looked at). The modules are discovered
on first use (`autodiscover_modules("member_life")`), as the indicators' modules are.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Section:
    key: str        # unique, e.g. "dues"
    title: Any      # a lazy translation, e.g. _("党费缴纳")
    order: int      # position on the page (smaller first)
    template: str   # included with member, section, rows
    rows: Callable[[Any], Any]  # member -> what the template shows


_SECTIONS: dict[str, Section] = {}
_discovered = False


def register(section: Section) -> Section:
    if _SECTIONS.get(section.key, section) != section:
        raise ValueError(f"member life section {section.key} registered twice")
    _SECTIONS[section.key] = section
    return section


def sections() -> list[Section]:
    global _discovered
    if not _discovered:
        autodiscover_modules("member_life")
        _discovered = True
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def member_life(member) -> list[tuple[Section, Any]]:
    """Every registered section with its rows for `member`, in page order."""
    return [(section, section.rows(member)) for section in sections()]
