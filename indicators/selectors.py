"""Reads for dashboards and reports: always from snapshots, never from the raw records."""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext

from ali_party.rounding import round_half_up
from branches.models import Area

from . import registry
from .models import IndicatorSnapshot, RecomputeRun

# The main indicators of a node's children: the dashboard's 下级区域 table and the year-end
# report's per-child table.
MAIN_CODES = ["personnel.farmer_herder_members", "personnel.language_proficiency_rate",
              "systems.rating_excellent_rate", "activities.theme_party_days", "funding.venues_upgraded"]


def snapshot_map(area: Area, year: int) -> dict[str, IndicatorSnapshot]:
    return {s.code: s for s in IndicatorSnapshot.objects.filter(area=area, year=year)}


def snapshot_rows(area: Area, year: int) -> list[dict]:
    """Every catalogued indicator for one node and year (zeros / None where nothing was recorded)."""
    found = snapshot_map(area, year)
    rows = []
    for indicator in registry.all_indicators():
        snap = found.get(indicator.code)
        if snap is not None:
            value, numerator, denominator = snap.value, snap.numerator, snap.denominator
        elif indicator.unit in (registry.Unit.PERCENT, registry.Unit.PERCENTAGE_POINTS):
            value, numerator, denominator = None, Decimal(0), Decimal(0) if indicator.is_rate else None
        else:
            value, numerator, denominator = Decimal(0), Decimal(0), None
        rows.append({
            "code": indicator.code, "name_zh": indicator.name_zh, "name_en": indicator.name_en,
            "name": indicator.name,
            "pillar": indicator.pillar.value if hasattr(indicator.pillar, "value") else indicator.pillar,
            "pillar_zh": str(registry.Pillar(indicator.pillar).label),
            "unit": registry.Unit(indicator.unit).value, "unit_zh": str(registry.Unit(indicator.unit).label),
            "value": _plain(value), "numerator": _plain(numerator),
            "denominator": _plain(denominator) if indicator.is_rate else None,
            "numerator_zh": indicator.numerator_zh, "denominator_zh": indicator.denominator_zh,
            # The parts' names in the active language (msgid = the declared Chinese name).
            "numerator_name": gettext(indicator.numerator_zh or "分子"),
            "denominator_name": gettext(indicator.denominator_zh or "分母"),
            "display": format_value(value, indicator.unit), "show_as_card": indicator.show_as_card,
        })
    return rows


def format_value(value, unit) -> str:
    """How a value is shown: rates and changes with two decimals (and a sign for changes)."""
    if value is None:
        return gettext("无数据")
    value = Decimal(value)
    if unit in (registry.Unit.PERCENT, registry.Unit.PERCENTAGE_POINTS):
        text = f"{round_half_up(value)}"
        return f"+{text}" if unit == registry.Unit.PERCENTAGE_POINTS and value > 0 else text
    if unit in (registry.Unit.WAN_YUAN, registry.Unit.YUAN):  # money: always to the fen
        return f"{round_half_up(value)}"
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value}"


def _plain(value):
    """Decimals as JSON-friendly numbers: integers without '.00', others with two decimals."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(round_half_up(value))


def series(area: Area, code: str, years: list[int]) -> dict[int, IndicatorSnapshot]:
    return {s.year: s for s in IndicatorSnapshot.objects.filter(area=area, code=code, year__in=years)}


def children_values(area: Area, codes: list[str], year: int) -> dict[int, dict[str, IndicatorSnapshot]]:
    """{child_area_id: {code: snapshot}} for the direct children of `area` — one query."""
    children = Area.objects.get_children(area)
    out: dict[int, dict[str, IndicatorSnapshot]] = {}
    for snap in IndicatorSnapshot.objects.filter(area__in=children, code__in=codes, year=year):
        out.setdefault(snap.area_id, {})[snap.code] = snap
    return out


def last_successful_run() -> RecomputeRun | None:
    return RecomputeRun.objects.filter(status=RecomputeRun.Status.DONE).order_by("-finished_at").first()


def latest_run() -> RecomputeRun | None:
    return RecomputeRun.objects.order_by("-requested_at").first()
