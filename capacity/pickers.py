"""Picker kinds of the capacity pillar (ali_party/pickers.py): a dispute case's screening and an
activity's co-building pairing, searched by village (or garrison unit)."""
from __future__ import annotations

from ali_party.pickers import Param, PickerKind, parse_pk, register
from branches.models import Area



def _screening_labels(screenings, user) -> list[str]:
    trails = Area.objects.trails([s.village.path for s in screenings], user)
    return [f"{s.screened_on.isoformat()} · {trails[s.village.path] or s.village.name}" for s in screenings]


def _pairing_labels(pairings, user) -> list[str]:
    trails = Area.objects.trails([p.village.path for p in pairings], user)
    return [f"{trails[p.village.path] or p.village.name} — {p.garrison_unit}" for p in pairings]


def _in_village(queryset, pk, user):
    return queryset.filter(village_id=pk)


register(PickerKind(
    name="screenings", model="capacity.DisputeScreening", search=("village__name",),
    order_by=("-screened_on", "-pk"), labels=_screening_labels,
    only=("pk", "screened_on", "village__path", "village__name"), select_related=("village",),
    params={"village": Param(parse_pk, _in_village)},
))

register(PickerKind(
    name="pairings", model="capacity.CoBuildingPairing", search=("village__name", "garrison_unit"),
    order_by=("village__path", "-started_on", "pk"), labels=_pairing_labels,
    only=("pk", "garrison_unit", "village__path", "village__name"), select_related=("village",),
    params={"village": Param(parse_pk, _in_village)},
))
