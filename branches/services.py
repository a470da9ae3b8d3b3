"""Writes of the 基本组织 pillar: the area tree, party organizations and their posts, designations,
the "十村示范、百村提标" programme, standardization assessments and the 软弱涣散 rectification workflow.

Every function checks the actor's right to write where the record lives (`require_editable`),
validates with `full_clean()` and saves, inside one transaction: a refused write leaves nothing.
"""
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ali_party.scoping import Role, has_role, require_editable
from ali_party.services import scoped_create, scoped_update

from .models import (
    Area, Assessment, CommitteePost, Designation, Measure, PartyOrganization, ProgrammeEnrollment,
    Rectification, ResponsiblePerson, Review, StandardItem,
)
from .tree_data import COUNTIES, PREFECTURE, communities, villages_per_township


def _require_tree_admin(actor) -> None:
    if actor is not None and not has_role(actor, Role.ADMIN):
        raise PermissionDenied(_("只有系统管理员可以维护组织树。"))


@transaction.atomic
def area_add_child(*, actor, parent: Area, name: str, code: str = "", is_border_village: bool = False,
                   is_community: bool = False) -> Area:
    _require_tree_admin(actor)
    level = Area.CHILD_LEVEL.get(parent.level)
    if level is None:
        raise ValidationError({"name": _("村(社区)之下不能再建区域，请在村下建立党组织。")})
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("请填写名称。")})
    if Area.objects.get_children(parent).filter(name=name).exists():
        raise ValidationError({"name": _("“%(parent)s”下已有名为“%(name)s”的区域。") % {"parent": parent.name, "name": name}})
    area = Area(name=name, level=level, code=code, is_border_village=is_border_village, is_community=is_community)
    area.full_clean(exclude=["path", "depth", "numchild"])
    return Area.objects.add_child(parent, instance=area)


@transaction.atomic
def area_rename(*, actor, area: Area, name: str, code: str = "", is_border_village: bool = False,
                is_community: bool = False) -> Area:
    _require_tree_admin(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("请填写名称。")})
    siblings = Area.objects.get_siblings(area).exclude(pk=area.pk)
    if siblings.filter(name=name).exists():
        raise ValidationError({"name": _("同级已有名为“%(name)s”的区域。") % {"name": name}})
    area.name, area.code, area.is_border_village, area.is_community = name, code, is_border_village, is_community
    area.full_clean(exclude=["path", "depth", "numchild"])
    area.save()
    return area


def _get_or_add_child(parent: Area, name: str, level: str, **fields) -> Area:
    return Area.objects.get_children(parent).filter(name=name).first() or Area.objects.add_child(
        parent, instance=Area(name=name, level=level, **fields))


def _mark_community(township: Area, name: str, formerly: str) -> None:
    """The county seat's 社区, in a tree loaded before 社区 were told apart: the unit then named
    `formerly` is renamed and flagged (the village count stays 145), once. A unit already named
    `name` is left as the admins keep it (its flag is theirs to set or clear)."""
    children = Area.objects.get_children(township)
    if children.filter(name=name).exists():
        return
    area = children.filter(name=formerly).first()
    if area is not None:
        area.name, area.is_community = name, True
        area.save(update_fields=["name", "is_community"])


@transaction.atomic
def load_ngari_tree() -> Area:
    """Create (or complete) 阿里地区 → 7 counties → townships → villages (and the county seats' 社区).
    Idempotent."""
    villages, community_of = villages_per_township(), communities()
    root = Area.objects.get_root_nodes().filter(name=PREFECTURE).first()
    if root is None:
        # Fresh database: one bulk load (treebeard computes every path in memory).
        tree = [{"data": {"name": PREFECTURE, "level": Area.Level.PREFECTURE}, "children": [
            {"data": {"name": county, "level": Area.Level.COUNTY}, "children": [
                {"data": {"name": township, "level": Area.Level.TOWNSHIP}, "children": [
                    {"data": {"name": village, "level": Area.Level.VILLAGE,
                              "is_community": village == community_of.get(township, ("", ""))[0]}}
                    for village in villages[township]]}
                for township in townships]}
            for county, townships in COUNTIES.items()]}]
        Area.objects.load_bulk(tree, bulk_create=True)
        return Area.objects.get_root_nodes().get(name=PREFECTURE)
    # Existing tree: add whatever is missing, node by node.
    for county_name, townships in COUNTIES.items():
        county = _get_or_add_child(root, county_name, Area.Level.COUNTY)
        for township_name in townships:
            township = _get_or_add_child(county, township_name, Area.Level.TOWNSHIP)
            community, formerly = community_of.get(township_name, ("", ""))
            if community:
                _mark_community(township, community, formerly)  # before the loop would add it anew
            for village_name in villages[township_name]:
                _get_or_add_child(township, village_name, Area.Level.VILLAGE, is_community=village_name == community)
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


# Status is changed only through organization_change_status (merge / dissolve with a date).
_STATUS_FIELDS = {"status", "status_changed_on", "merged_into"}


@transaction.atomic
def organization_update(*, actor, organization: PartyOrganization, **fields) -> PartyOrganization:
    require_editable(actor=actor, area=organization.area)
    for name, value in fields.items():
        if name in _STATUS_FIELDS:
            continue
        setattr(organization, name, value)
    require_editable(actor=actor, area=organization.area)
    if organization.parent_id:
        require_editable(actor=actor, area=organization.parent.area)
    organization.full_clean()
    organization.save()
    # A designation granted to the organization is counted where the organization is: it moves too.
    for designation in organization.designations.exclude(area=organization.area):
        designation.area = organization.area
        designation.save(update_fields=["area"])
    return organization


@transaction.atomic
def organization_change_status(*, actor, organization: PartyOrganization, status: str,
                               status_changed_on: date | None, merged_into: PartyOrganization | None = None,
                               ) -> PartyOrganization:
    """Merge or dissolve an organization (or restore it). The row and its history stay; nothing is deleted."""
    require_editable(actor=actor, area=organization.area)
    if merged_into is not None:
        require_editable(actor=actor, area=merged_into.area)
    if status != PartyOrganization.Status.ACTIVE:
        if status_changed_on is None:
            raise ValidationError({"status_changed_on": _("合并或撤销必须填写状态变更日期。")})
        if organization.children.filter(status=PartyOrganization.Status.ACTIVE).exists():
            raise ValidationError({"status": _("该党组织下仍有正常状态的下级党组织，请先将其撤销、合并或调整隶属关系。")})
    organization.status = status
    organization.status_changed_on = status_changed_on
    organization.merged_into = merged_into if status == PartyOrganization.Status.MERGED else None
    organization.full_clean()
    organization.save()
    return organization


# --- committee posts ---------------------------------------------------------------------------

@transaction.atomic
def post_create(*, actor, organization: PartyOrganization, **fields) -> CommitteePost:
    return scoped_create(CommitteePost, actor=actor, organization=organization, **fields)


@transaction.atomic
def post_update(*, actor, post: CommitteePost, **fields) -> CommitteePost:
    fields.pop("organization", None)  # a post never moves to another organization
    return scoped_update(post, actor=actor, **fields)


# --- designations and the programme --------------------------------------------------------------

def _designation_area(designation: Designation) -> Area | None:
    if designation.organization_id:
        return designation.organization.area
    return designation.village


@transaction.atomic
def designation_create(*, actor, **fields) -> Designation:
    designation = Designation(**fields)
    area = _designation_area(designation)
    if area is None:
        raise ValidationError({"organization": _("请在党组织和村(社区)中选择且只选择一个命名对象。")})
    require_editable(actor=actor, area=area)
    designation.area = area
    designation.full_clean()
    designation.save()
    return designation


@transaction.atomic
def designation_update(*, actor, designation: Designation, **fields) -> Designation:
    require_editable(actor=actor, area=designation.area)
    for name, value in fields.items():
        setattr(designation, name, value)
    area = _designation_area(designation)
    if area is None:
        raise ValidationError({"organization": _("请在党组织和村(社区)中选择且只选择一个命名对象。")})
    require_editable(actor=actor, area=area)
    designation.area = area
    designation.full_clean()
    designation.save()
    return designation


@transaction.atomic
def programme_enroll(*, actor, village: Area, **fields) -> ProgrammeEnrollment:
    return scoped_create(ProgrammeEnrollment, actor=actor, village=village, **fields)


@transaction.atomic
def programme_update(*, actor, enrollment: ProgrammeEnrollment, **fields) -> ProgrammeEnrollment:
    return scoped_update(enrollment, actor=actor, **fields)


# --- standardization assessment ---------------------------------------------------------------------

def _score_assessment(assessment: Assessment, failed_items) -> list[StandardItem]:
    """Derive score and result from the year's checklist and the failed items."""
    checklist = StandardItem.objects.filter(year=assessment.year, is_active=True)
    total = checklist.count()
    if total == 0:
        raise ValidationError({"year": _("%(year)s年度尚未设置标准化建设考核项目，请系统管理员先维护考核项目。") % {
            "year": assessment.year}})
    failed = list(failed_items or [])
    wrong_year = [item for item in failed if item.year != assessment.year or not item.is_active]
    if wrong_year:
        raise ValidationError({"failed_items": _("未达标项目必须是%(year)s年度启用的考核项目：%(items)s") % {
            "year": assessment.year, "items": "、".join(item.name for item in wrong_year)}})
    assessment.score = (Decimal(total - len(failed)) * 100 / total).quantize(Decimal("0.1"))
    assessment.passed = not failed
    return failed


@transaction.atomic
def assessment_record(*, actor, organization: PartyOrganization, failed_items=(), **fields) -> Assessment:
    require_editable(actor=actor, area=organization.area)
    assessment = Assessment(organization=organization, **fields)
    failed = _score_assessment(assessment, failed_items)
    assessment.full_clean()
    assessment.save()
    assessment.failed_items.set(failed)
    return assessment


@transaction.atomic
def assessment_update(*, actor, assessment: Assessment, failed_items=(), **fields) -> Assessment:
    require_editable(actor=actor, area=assessment.organization.area)
    for name, value in fields.items():
        setattr(assessment, name, value)
    require_editable(actor=actor, area=assessment.organization.area)
    failed = _score_assessment(assessment, failed_items)
    assessment.full_clean()
    assessment.save()
    assessment.failed_items.set(failed)
    return assessment


# --- 软弱涣散 rectification --------------------------------------------------------------------------

def _require_open(rectification: Rectification) -> None:
    if rectification.status == Rectification.Status.CLOSED:
        raise ValidationError(_("该软弱涣散党组织已晋位升级销号，不能再修改整顿记录。"))


@transaction.atomic
def rectification_create(*, actor, organization: PartyOrganization, categories=(), responsible_persons=(),
                         measures=(), **fields) -> Rectification:
    """Record an identification, optionally with its responsible persons and measures (all or nothing)."""
    require_editable(actor=actor, area=organization.area)
    if not categories:
        raise ValidationError({"categories": _("请至少选择一个问题类别。")})
    rectification = Rectification(organization=organization, **fields)
    rectification.full_clean()
    rectification.save()
    rectification.categories.set(categories)
    for person in responsible_persons:
        responsible_person_add(actor=actor, rectification=rectification, **person)
    for measure in measures:
        measure_add(actor=actor, rectification=rectification, **measure)
    return rectification


@transaction.atomic
def rectification_update(*, actor, rectification: Rectification, categories=(), **fields) -> Rectification:
    require_editable(actor=actor, area=rectification.organization.area)
    _require_open(rectification)
    if not categories:
        raise ValidationError({"categories": _("请至少选择一个问题类别。")})
    for name, value in fields.items():
        setattr(rectification, name, value)
    require_editable(actor=actor, area=rectification.organization.area)
    rectification.full_clean()
    first_measure = rectification.measures.order_by("deadline").first()
    if first_measure and first_measure.deadline < rectification.identified_on:
        raise ValidationError({"identified_on": _("认定日期不能晚于已有整改措施的完成时限（%(deadline)s）。") % {
            "deadline": first_measure.deadline}})
    rectification.save()
    rectification.categories.set(categories)
    return rectification


def _add_to_open_rectification(actor, rectification: Rectification, model, fields):
    """A person, measure or review added to a case: scope, case still open, then full_clean/save."""
    require_editable(actor=actor, area=rectification.organization.area)
    _require_open(rectification)
    row = model(rectification=rectification, **fields)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def responsible_person_add(*, actor, rectification: Rectification, **fields) -> ResponsiblePerson:
    return _add_to_open_rectification(actor, rectification, ResponsiblePerson, fields)


@transaction.atomic
def measure_add(*, actor, rectification: Rectification, **fields) -> Measure:
    return _add_to_open_rectification(actor, rectification, Measure, fields)


@transaction.atomic
def measure_update(*, actor, measure: Measure, **fields) -> Measure:
    require_editable(actor=actor, area=measure.rectification.organization.area)
    _require_open(measure.rectification)
    fields.pop("rectification", None)
    for name, value in fields.items():
        setattr(measure, name, value)
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def review_add(*, actor, rectification: Rectification, **fields) -> Review:
    return _add_to_open_rectification(actor, rectification, Review, fields)


@transaction.atomic
def rectification_close(*, actor, rectification: Rectification, closed_on: date, closure_note: str = "",
                        ) -> Rectification:
    """Close a case as 晋位升级. Refused while any measure is still open (or none was ever set)."""
    require_editable(actor=actor, area=rectification.organization.area)
    _require_open(rectification)
    if not rectification.measures.exists():
        raise ValidationError({"closed_on": _("尚未制定整改措施，不能晋位升级销号。")})
    still_open = rectification.measures.filter(status=Measure.Status.OPEN).count()
    if still_open:
        raise ValidationError({"closed_on": _("尚有%(count)s条整改措施未完成，不能晋位升级销号。") % {"count": still_open}})
    last_done = max(m.completed_on for m in rectification.measures.all())
    if closed_on and last_done and closed_on < last_done:
        raise ValidationError({"closed_on": _("晋位升级日期不能早于最后一条整改措施的完成日期（%(date)s）。") % {"date": last_done}})
    rectification.status = Rectification.Status.CLOSED
    rectification.closed_on = closed_on
    rectification.closure_note = closure_note
    rectification.full_clean()
    rectification.save()
    return rectification
