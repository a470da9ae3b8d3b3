"""Computing indicators: run each selector once per year and roll its rows up the Area tree."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal
from typing import NamedTuple

from django.db.models import QuerySet

from ali_party import rounding
from branches.models import Area

from . import registry
from .registry import Indicator, Unit


class IndicatorValue(NamedTuple):
    # A named tuple, not a dataclass: a first recompute of the region makes two million of them.
    code: str
    value: Decimal | None  # None: 无数据 (a rate with no denominator)
    numerator: Decimal
    denominator: Decimal | None


class Tree(NamedTuple):
    """The Area tree as read once per recompute."""
    id_to_path: dict[int, str]
    path_to_id: dict[str, int]
    chains: dict[int, tuple[int, ...]]  # area id → itself and every ancestor (what a row adds to)


def _tree() -> Tree:
    pairs = list(Area.objects.values_list("pk", "path"))
    path_to_id = {path: pk for pk, path in pairs}
    step = Area.steplen
    chains = {pk: tuple(path_to_id[path[:end]] for end in range(step, len(path) + 1, step)) for pk, path in pairs}
    return Tree(dict(pairs), path_to_id, chains)


def rollup(rows, chains: dict[int, tuple[int, ...]]) -> dict[int, tuple[Decimal, Decimal]]:
    """Add each area's partial sums to that area and every ancestor. Returns {area_id: (num, den)}."""
    totals: dict[int, list] = {}
    for row in rows:
        chain = chains.get(row[0])
        if chain is None:
            continue
        numerator = row[1] or 0
        denominator = (row[2] or 0) if len(row) > 2 else 0
        for area_id in chain:
            acc = totals.get(area_id)
            if acc is None:
                totals[area_id] = [numerator, denominator]
            else:
                acc[0] += numerator
                acc[1] += denominator
    return {area_id: (Decimal(num), Decimal(den)) for area_id, (num, den) in totals.items()}


def selector_rows(indicator: Indicator, year: int, area_ids: set[int] | None = None):
    """The selector's rows, limited to the groups of `area_ids` when given.

    A selector groups by its first column (an Area id), so keeping only some groups is one more
    WHERE on that column — the rows kept are exactly the full query's rows for those areas.
    """
    rows = indicator.compute(year)
    if area_ids is None:
        return rows
    if isinstance(rows, QuerySet) and getattr(rows, "_fields", None):
        if hasattr(rows, "limit_to_areas"):  # every scoped model's queryset (ali_party.scoping)
            return rows.limit_to_areas(rows._fields[0], sorted(area_ids))
        return rows.filter(**{f"{rows._fields[0]}__in": sorted(area_ids)})
    return [row for row in rows if row[0] in area_ids]


def reads_any(indicator: Indicator, tables, columns=None) -> bool:
    """Whether the indicator's query reads one of `tables` and, when `columns` are given, one of
    those columns (of any table): a change elsewhere cannot move its value. Every filter, join,
    grouping and sum names its columns in the SQL; only inserts and deletes (columns=None) can
    change a COUNT(*) without one."""
    if indicator.unit == Unit.PERCENTAGE_POINTS:
        return reads_any(registry.get(indicator.change_of), tables, columns)
    sql = _sql_of(indicator)
    if sql is None:
        return True
    if not any(f'"{table}"' in sql for table in tables):
        return False
    return columns is None or any(f'."{column}"' in sql for column in columns)


@lru_cache(maxsize=None)
def _sql_of(indicator: Indicator) -> str | None:
    """The selector's SQL text (its shape is the same for every year); None if it is not one query."""
    rows = indicator.compute(2000)
    return str(rows.query) if isinstance(rows, QuerySet) else None


@dataclass(frozen=True)
class Part:
    """A part of the tree to recompute: whole subtrees plus their ancestors.

    An ancestor's total is its own rows + the new totals of the subtrees under it + the stored
    totals of its other children (`siblings`), which the change cannot have moved.
    """
    subtree: frozenset
    ancestors: frozenset
    siblings: frozenset

    @property
    def affected(self) -> frozenset:
        return self.subtree | self.ancestors


def part_of(root_paths, tree) -> Part:
    """The Part for the subtrees rooted at `root_paths` (Area tree paths)."""
    id_to_path, path_to_id = tree.id_to_path, tree.path_to_id
    step = Area.steplen
    kept: list[str] = []
    for path in sorted({p for p in root_paths if p in path_to_id}, key=len):
        if not any(path.startswith(k) for k in kept):  # a root under another root adds nothing
            kept.append(path)
    prefixes = tuple(kept)
    subtree = {pk for pk, path in id_to_path.items() if path.startswith(prefixes)}
    ancestors = {path_to_id[p[:end]] for p in kept for end in range(step, len(p), step)}
    siblings = {pk for pk, path in id_to_path.items()
                if len(path) > step and pk not in subtree and pk not in ancestors
                and path_to_id.get(path[:-step]) in ancestors}
    return Part(frozenset(subtree), frozenset(ancestors), frozenset(siblings))


def compute_part(indicator: Indicator, year: int, tree, part: Part, stored, memo: dict,
                 complete: frozenset = frozenset()) -> dict[int, IndicatorValue]:
    """Values of one indicator for one year at the nodes of `part` that have data.

    `stored(year)` gives {(code, area_id): (numerator, denominator)} of the siblings' snapshots.
    Equal to `compute_year(...)` restricted to `part.affected` when the siblings' snapshots are
    current, which they can only be in a year of `complete` (computed whole): a change in points
    needs its base rate of the year before, computed whole when that year has no stored snapshots.
    """
    key = (indicator.code, year, part)
    if key in memo:
        return memo[key]
    if indicator.unit == Unit.PERCENTAGE_POINTS:
        base = registry.get(indicator.change_of)
        before = (compute_part(base, year - 1, tree, part, stored, memo, complete) if year - 1 in complete
                  else compute_year(base, year - 1, tree, memo))
        result = {area_id: value for area_id, value in _change(
            indicator, compute_part(base, year, tree, part, stored, memo, complete), before).items()
            if area_id in part.affected}
    else:
        rows = list(selector_rows(indicator, year, part.affected))
        sums = stored(year)
        for area_id in part.siblings:
            found = sums.get((indicator.code, area_id))
            if found is not None:
                rows.append((area_id, found[0], found[1]))
        totals = rollup(rows, tree.chains)
        result = {area_id: _value(indicator, num, den) for area_id, (num, den) in totals.items()
                  if area_id in part.affected}
    memo[key] = result
    return result


def _value(indicator: Indicator, num, den) -> IndicatorValue:
    return IndicatorValue(indicator.code, indicator.value_from(num, den), num, den if indicator.is_rate else None)


def _change(indicator: Indicator, now: dict, before: dict) -> dict[int, IndicatorValue]:
    out = {}
    for area_id in now.keys() | before.keys():
        a, b = now.get(area_id), before.get(area_id)
        # From the unrounded rates, rounded once (a.value − b.value would subtract rounded figures).
        value = None if a is None or b is None else rounding.percentage_points(
            (a.numerator, a.denominator), (b.numerator, b.denominator))
        out[area_id] = IndicatorValue(indicator.code, value, Decimal(0), None)
    return out


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
    if indicator.unit == Unit.PERCENTAGE_POINTS:
        base = registry.get(indicator.change_of)
        return _change(indicator, compute_year(base, year, tree, memo), compute_year(base, year - 1, tree, memo))
    totals = rollup(indicator.compute(year), tree.chains)
    code, value_from, is_rate = indicator.code, indicator.value_from, indicator.is_rate
    return {area_id: IndicatorValue(code, value_from(num, den), num, den if is_rate else None)
            for area_id, (num, den) in totals.items()}


def evaluate(code: str, year: int, area: Area) -> IndicatorValue:
    """One indicator at one node, computed live from the records (tests and the CLI use this)."""
    indicator = registry.get(code)
    found = compute_year(indicator, year).get(area.pk)
    if found is not None:
        return found
    zero_value = None if indicator.unit in (Unit.PERCENT, Unit.PERCENTAGE_POINTS) else indicator.value_from(0, 0)
    return IndicatorValue(code, zero_value, Decimal(0), Decimal(0) if indicator.is_rate else None)
