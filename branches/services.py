"""Writes to the organization tree (areas) and to party organizations."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ali_party.scoping import Role, require_editable

from .models import Area, PartyOrganization
from .tree_data import COUNTIES, PREFECTURE, villages_per_township


def _require_tree_admin(actor) -> None:
    if actor is not None and not (actor.is_authenticated and actor.role == Role.ADMIN):
        raise PermissionDenied("只有系统管理员可以维护组织树。")


@transaction.atomic
def area_add_child(*, actor, parent: Area, name: str, code: str = "", is_border_village: bool = False) -> Area:
    _require_tree_admin(actor)
    level = Area.CHILD_LEVEL.get(parent.level)
    if level is None:
        raise ValidationError({"name": "村(社区)之下不能再建区域，请在村下建立党组织。"})
    name = name.strip()
    if not name:
        raise ValidationError({"name": "请填写名称。"})
    if Area.objects.get_children(parent).filter(name=name).exists():
        raise ValidationError({"name": f"“{parent.name}”下已有名为“{name}”的区域。"})
    return Area.objects.add_child(parent, instance=Area(name=name, level=level, code=code,
                                                       is_border_village=is_border_village))


@transaction.atomic
def area_rename(*, actor, area: Area, name: str, code: str = "", is_border_village: bool = False) -> Area:
    _require_tree_admin(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": "请填写名称。"})
    siblings = Area.objects.get_siblings(area).exclude(pk=area.pk)
    if siblings.filter(name=name).exists():
        raise ValidationError({"name": f"同级已有名为“{name}”的区域。"})
    area.name, area.code, area.is_border_village = name, code, is_border_village
    area.full_clean(exclude=["path", "depth", "numchild"])
    area.save()
    return area


def _get_or_add_child(parent: Area, name: str, level: str) -> Area:
    return Area.objects.get_children(parent).filter(name=name).first() or Area.objects.add_child(
        parent, instance=Area(name=name, level=level))


@transaction.atomic
def load_ngari_tree() -> Area:
    """Create (or complete) 阿里地区 → 7 counties → townships → villages. Idempotent."""
    root = Area.objects.get_root_nodes().filter(name=PREFECTURE).first()
    if root is None:
        root = Area.objects.add_root(instance=Area(name=PREFECTURE, level=Area.Level.PREFECTURE))
    villages = villages_per_township()
    for county_name, townships in COUNTIES.items():
        county = _get_or_add_child(root, county_name, Area.Level.COUNTY)
        for township_name in townships:
            township = _get_or_add_child(county, township_name, Area.Level.TOWNSHIP)
            for village_name in villages[township_name]:
                _get_or_add_child(township, village_name, Area.Level.VILLAGE)
    return root


@transaction.atomic
def organization_create(*, actor, **fields) -> PartyOrganization:
    organization = PartyOrganization(**fields)
    require_editable(actor=actor, area=organization.area)
    if organization.parent_id:
        require_editable(actor=actor, area=organization.parent.area)
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def organization_update(*, actor, organization: PartyOrganization, **fields) -> PartyOrganization:
    require_editable(actor=actor, area=organization.area)
    for name, value in fields.items():
        setattr(organization, name, value)
    require_editable(actor=actor, area=organization.area)
    if organization.parent_id:
        require_editable(actor=actor, area=organization.parent.area)
    organization.full_clean()
    organization.save()
    return organization
