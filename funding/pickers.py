"""Picker kinds of the funding pillar (ali_party/pickers.py): an expenditure's allocation (55,000
at `tibet` scale) and an allocation's collective-economy project, searched by village (or
document number, project name)."""
from __future__ import annotations

from django.utils.translation import gettext

from ali_party.pickers import Param, PickerKind, parse_pk, register
from branches.models import Area



def _allocation_labels(allocations, user) -> list[str]:
    trails = Area.objects.trails([a.village.path for a in allocations], user)
    return [" · ".join(filter(None, (
        gettext("%(year)s年") % {"year": a.year}, trails[a.village.path] or a.village.name,
        f"{a.purpose}（{a.source}）", a.document_no))) for a in allocations]


def _project_labels(projects, user) -> list[str]:
    trails = Area.objects.trails([p.village.path for p in projects], user)
    return [f"{p.name}（{p.start_year}） · {trails[p.village.path] or p.village.name}" for p in projects]


def _in_village(queryset, pk, user):
    return queryset.filter(village_id=pk)


register(PickerKind(
    name="allocations", model="funding.Allocation", search=("village__name", "document_no"),
    order_by=("-year", "village__path", "pk"), labels=_allocation_labels,  # no join to the purposes to sort
    only=("pk", "year", "document_no", "village__path", "village__name", "purpose__name", "source__name"),
    select_related=("village", "purpose", "source"),
    params={"village": Param(parse_pk, _in_village)},
))

register(PickerKind(
    name="projects", model="funding.CollectiveEconomyProject", search=("name", "village__name"),
    order_by=("-start_year", "village__path", "name", "pk"), labels=_project_labels,
    only=("pk", "name", "start_year", "village__path", "village__name"), select_related=("village",),
    params={"village": Param(parse_pk, _in_village)},
))
