"""Picker kinds of the organization tree: areas and party organizations (ali_party/pickers.py)."""
from __future__ import annotations

from ali_party.pickers import BadParam, Param, PickerKind, parse_flag, parse_pk, register

from .models import Area


def _area_labels(areas, user) -> list[str]:
    trails = Area.objects.trails([area.path for area in areas], user)
    # The user's own node has no trail below it: its own name.
    return [trails[area.path] or area.name for area in areas]


def _organization_labels(organizations, user) -> list[str]:
    trails = Area.objects.trails([org.area.path for org in organizations], user)
    return [f"{org.name} · {trails[org.area.path] or org.area.name}" for org in organizations]


def _levels(text: str) -> list[str]:
    levels = text.split(",")
    if not set(levels) <= set(Area.Level.values):
        raise BadParam(text)
    return levels


def _under(queryset, pk, user, lookup="path"):
    area = Area.objects.visible_to(user).filter(pk=pk).only("path").first()
    if area is None:
        return queryset.none()
    return queryset.filter(**{f"{lookup}__startswith": area.path})


register(PickerKind(
    name="areas", model="branches.Area", search=("name",), order_by=("path",), labels=_area_labels,
    only=("pk", "path", "depth", "name"),
    params={
        "level": Param(_levels, lambda qs, levels, user: qs.filter(level__in=levels)),
        "under": Param(parse_pk, _under),
    },
))

register(PickerKind(
    name="organizations", model="branches.PartyOrganization", search=("name",),
    order_by=("area__path", "name", "pk"), labels=_organization_labels,
    only=("pk", "name", "area__path", "area__name"), select_related=("area",),
    params={
        "active": Param(parse_flag, lambda qs, active, user: qs.active() if active else qs),
        "under": Param(parse_pk, lambda qs, pk, user: _under(qs, pk, user, "area__path")),
    },
))
