"""Computing indicators: run each selector once per year and roll its rows up the Area tree."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from branches.models import Area

from . import registry
from .registry import Indicator, Unit


@dataclass(frozen=True)
class IndicatorValue:
    code: str
    value: Decimal | None  # None: 无数据 (a rate with no denominator)
    numerator: Decimal
    denominator: Decimal | None


def _tree() -> tuple[dict[int, str], dict[str, int]]:
    pairs = list(Area.objects.values_list("pk", "path"))
    return dict(pairs), {path: pk for pk, path in pairs}


def rollup(rows, id_to_path: dict[int, str], path_to_id: dict[str, int]) -> dict[int, list[Decimal]]:
    """Add each area's partial sums to that area and every ancestor. Returns {area_id: [num, den]}."""
    totals: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    step = Area.steplen
    for row in rows:
        area_id, numerator = row[0], Decimal(row[1] or 0)
        denominator = Decimal(row[2] or 0) if len(row) > 2 else Decimal(0)
        path = id_to_path.get(area_id)
        if path is None:
            continue
        for end in range(step, len(path) + 1, step):
            acc = totals[path_to_id[path[:end]]]
            acc[0] += numerator
            acc[1] += denominator
    return totals


def compute_year(indicator: Indicator, year: int, tree=None, memo: dict | None = None) -> dict[int, IndicatorValue]:
    """Values of one indicator for one year at every node that has data.

    `memo` ({(code, year): result}, shared across one recompute) lets a percentage-point change
    reuse its base rate's result instead of running the base selector again.
    """
    if memo is not None and (indicator.code, year) in memo:
        return memo[(indicator.code, year)]
    result = _compute_year(indicator, year, tree or _tree(), memo)
    if memo is not None:
        memo[(indicator.code, year)] = result
    return result


def _compute_year(indicator: Indicator, year: int, tree, memo) -> dict[int, IndicatorValue]:
    id_to_path, path_to_id = tree
    if indicator.unit == Unit.PERCENTAGE_POINTS:
        base = registry.get(indicator.change_of)
        now = compute_year(base, year, tree, memo)
        before = compute_year(base, year - 1, tree, memo)
        out = {}
        for area_id in now.keys() | before.keys():
            a, b = now.get(area_id), before.get(area_id)
            value = None if a is None or b is None or a.value is None or b.value is None else a.value - b.value
            out[area_id] = IndicatorValue(indicator.code, value, Decimal(0), None)
        return out
    totals = rollup(indicator.compute(year), id_to_path, path_to_id)
    out = {}
    for area_id, (num, den) in totals.items():
        out[area_id] = IndicatorValue(
            indicator.code, indicator.value_from(num, den), num, den if indicator.is_rate else None
        )
    return out


def evaluate(code: str, year: int, area: Area) -> IndicatorValue:
    """One indicator at one node, computed live from the records (tests and the CLI use this)."""
    indicator = registry.get(code)
    found = compute_year(indicator, year).get(area.pk)
    if found is not None:
        return found
    zero_value = None if indicator.unit in (Unit.PERCENT, Unit.PERCENTAGE_POINTS) else indicator.value_from(0, 0)
    return IndicatorValue(code, zero_value, Decimal(0), Decimal(0) if indicator.is_rate else None)
