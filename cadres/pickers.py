"""The member picker (ali_party/pickers.py): namesakes are told apart by organization, sex and year
of birth — never by ID number or phone (the labels read no encrypted field)."""
from __future__ import annotations

from django.utils.translation import gettext

from ali_party.pickers import BadParam, Param, PickerKind, parse_date, parse_flag, parse_pk, register
from ali_party.scoping import scope_path
from branches.models import Area

from .models import PartyMember


def _member_labels(members, user) -> list[str]:
    # Organization names repeat from county to county (一村党支部 …): add the place one level
    # below the user's own (a prefecture user's county, a county clerk's township).
    below = len(scope_path(user) or "") + Area.steplen
    places = Area.objects.trails([m.organization.area.path[:below] for m in members], user)
    labels = []
    for m in members:
        place = places[m.organization.area.path[:below]]
        organization = f"{m.organization.name}（{place}）" if place else m.organization.name
        labels.append(gettext("%(name)s · %(organization)s · %(gender)s · %(year)s年生") % {
            "name": m.name, "organization": organization, "gender": m.get_gender_display(),
            "year": m.birth_date.year})
    return labels


def _under(queryset, pk, user):
    """Members of the organizations at or below the area `pk` (in the user's scope; else none)."""
    area = Area.objects.visible_to(user).filter(pk=pk).only("path").first()
    if area is None:
        return queryset.none()
    return queryset.filter(organization__area__path__startswith=area.path)


def _stage(text: str) -> int:
    if text not in {str(value) for value in PartyMember.Stage.values}:
        raise BadParam(text)
    return int(text)


MEMBERS = register(PickerKind(
    name="members", model="cadres.PartyMember", search=("name",), order_by=("name", "pk"),
    labels=_member_labels,
    only=("pk", "name", "gender", "birth_date", "organization__name", "organization__area__path"),
    select_related=("organization__area",),
    params={
        "organization": Param(parse_pk, lambda qs, pk, user: qs.filter(organization_id=pk)),
        "on": Param(parse_date, lambda qs, day, user: qs.members_on(day)),
        "min_stage": Param(_stage, lambda qs, stage, user: qs.filter(stage__gte=stage)),
        "full": Param(parse_flag, lambda qs, full, user: qs.full_members() if full else qs),
        "in_good_standing": Param(parse_flag, lambda qs, good, user: qs.in_good_standing() if good else qs),
        "under": Param(parse_pk, _under),
    },
))
