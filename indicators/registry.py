"""The indicator catalogue. An indicator is one `register(Indicator(...))` call plus its selector.

A selector takes a year and returns rows `(area_id, numerator)` or `(area_id, numerator,
denominator)`, one row per Area that has records (a database GROUP BY, never a loop over rows).
The engine (indicators.engine) rolls these partial sums up the tree, so every indicator exists for
every node — village, township, county, prefecture — from one query per indicator and year.
Numerators and denominators must therefore be additive (counts, sums of money, person-times).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterable

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ali_party import rounding
from ali_party.pillars import Pillar


class Unit(models.TextChoices):
    COUNT = "count", _("个")
    PERSONS = "persons", _("人")
    PERSON_TIMES = "person_times", _("人次")
    SESSIONS = "sessions", _("场次")
    ITEMS = "items", _("件")
    PERCENT = "percent", _("%")
    YUAN = "yuan", _("元")
    WAN_YUAN = "wan_yuan", _("万元")
    PERCENTAGE_POINTS = "pp", _("个百分点")


Row = tuple  # (area_id, numerator) or (area_id, numerator, denominator)


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    name_en: str
    pillar: Pillar
    unit: Unit
    # Selector: year -> rows grouped by area. None for a derived indicator (see `change_of`).
    compute: Callable[[int], Iterable[Row]] | None = None
    # For PERCENT: value = numerator / denominator × 100. Names shown on hover.
    numerator_zh: str = ""
    denominator_zh: str = ""
    # For PERCENTAGE_POINTS: value = (rate this year) − (rate the year before) of this indicator.
    change_of: str | None = None
    # For WAN_YUAN: the selector sums yuan; the value is shown in 万元.
    description_zh: str = ""
    order: int = 0
    # False for series that only feed a chart (e.g. activities per month), not a KPI card.
    show_as_card: bool = True

    @property
    def name(self) -> str:
        """The name in the active language (English names are declared with the indicator)."""
        return self.name_en if get_language() == "en" else self.name_zh

    @property
    def is_rate(self) -> bool:
        return self.unit == Unit.PERCENT

    def value_from(self, numerator, denominator) -> Decimal | None:
        """The displayed value from additive parts; None when a rate has no denominator (无数据)."""
        numerator = Decimal(numerator or 0)
        if self.unit == Unit.PERCENT:
            return rounding.percent(numerator, denominator)
        if self.unit == Unit.WAN_YUAN:
            return rounding.round_half_up(numerator / 10000)
        if self.unit == Unit.YUAN:  # to the fen (a SQLite sum carries float digits beyond it)
            return rounding.round_half_up(numerator)
        return numerator


_REGISTRY: dict[str, Indicator] = {}


CODE_FORMAT = re.compile(r"[a-z0-9_]+(\.[a-z0-9_]+)*")


def register(indicator: Indicator) -> Indicator:
    if not CODE_FORMAT.fullmatch(indicator.code):  # services._copy_text writes codes unescaped
        raise ValueError(f"indicator code {indicator.code!r}: only dotted names of a-z, 0-9 and _")
    if indicator.code in _REGISTRY and _REGISTRY[indicator.code] != indicator:
        raise ValueError(f"indicator {indicator.code} registered twice")
    if indicator.unit == Unit.PERCENTAGE_POINTS:
        if not indicator.change_of:
            raise ValueError(f"{indicator.code}: a percentage-point change needs change_of")
    elif indicator.compute is None:
        raise ValueError(f"{indicator.code}: needs a compute selector")
    _REGISTRY[indicator.code] = indicator
    return indicator


def all_indicators() -> list[Indicator]:
    pillar_order = {p.value: i for i, p in enumerate(Pillar)}
    return sorted(_REGISTRY.values(), key=lambda i: (pillar_order[i.pillar], i.order, i.code))


def get(code: str) -> Indicator:
    return _REGISTRY[code]


@dataclass(frozen=True)
class Footprint:
    """Where and when the rows of one model count, beyond what their own columns say.

    A row counts in the areas its own columns name (its scope, every foreign key to an Area or a
    PartyOrganization's area) and in the years from its own earliest date or year number on; the
    incremental recompute (indicators.receivers) reads those by itself. `places` and `dates` add
    lookups through related rows that the indicators also count it by (a member counted in the
    villages whose two-committee they sit on, an expenditure in its allocation's year …);
    `every_year` says that rows of other models are counted through this one in any year (an
    organization's members), so a change of it can move every year's figures.
    """

    places: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    every_year: bool = False


_FOOTPRINTS: dict[str, Footprint] = {}


def counts_in(model_label: str, *, places=(), dates=(), every_year: bool = False) -> None:
    """Declare the related places and years the rows of `model_label` ("app.Model") count in.

    Declared next to the selectors that count them (each app's indicators.py), once per model.
    """
    footprint = Footprint(tuple(places), tuple(dates), every_year)
    if _FOOTPRINTS.get(model_label, footprint) != footprint:
        raise ValueError(f"the footprint of {model_label} is declared twice")
    _FOOTPRINTS[model_label] = footprint


def footprint(model_label: str) -> Footprint:
    return _FOOTPRINTS.get(model_label, Footprint())
