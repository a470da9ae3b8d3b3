"""The organization tree: administrative areas and the party organizations that sit in them."""
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from ali_party.scoping import ScopedQuerySet


class Area(MP_Node):
    """A node of the administrative tree: 地区 → 县 → 乡镇 → 村(社区).

    The materialized path (django-treebeard) makes "everything under this node" one indexed
    prefix filter, which is what row scoping and dashboard drill-down both need.
    """

    class Level(models.TextChoices):
        PREFECTURE = "prefecture", _("地区")
        COUNTY = "county", _("县")
        TOWNSHIP = "township", _("乡镇")
        VILLAGE = "village", _("村(社区)")

    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=20, choices=Level.choices)
    code = models.CharField(_("区划代码"), max_length=20, blank=True)
    is_border_village = models.BooleanField(_("边境村"), default=False)

    class Meta:
        verbose_name = _("行政区域")
        verbose_name_plural = _("行政区域")
        indexes = [models.Index(fields=["level"])]

    def __str__(self):
        return self.name

    CHILD_LEVEL = {
        Level.PREFECTURE: Level.COUNTY,
        Level.COUNTY: Level.TOWNSHIP,
        Level.TOWNSHIP: Level.VILLAGE,
    }

    def get_absolute_url(self):
        return reverse("branches:area_detail", args=[self.pk])

    def contains(self, other: "Area") -> bool:
        """True when `other` is this node or lies under it."""
        return other.path.startswith(self.path)

    @property
    def county(self):
        """The county this node lies in (None for the prefecture)."""
        if self.level == self.Level.PREFECTURE:
            return None
        if self.level == self.Level.COUNTY:
            return self
        return Area.objects.get(path=self.path[: 2 * self.steplen])


class PartyOrganizationQuerySet(ScopedQuerySet):
    pass


class PartyOrganization(models.Model):
    """A party organization (党委 / 党总支 / 党支部 / 作业组党支部) sitting in one area.

    Organizations nest (a 作业组党支部 sits under a 党支部 …) through `parent`. History is kept:
    an organization is merged or dissolved, never deleted.
    """

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("党委")
        GENERAL_BRANCH = "general_branch", _("党总支")
        BRANCH = "branch", _("党支部")
        WORK_GROUP_BRANCH = "work_group_branch", _("作业组党支部")

    class Status(models.TextChoices):
        ACTIVE = "active", _("正常")
        MERGED = "merged", _("已合并")
        DISSOLVED = "dissolved", _("已撤销")

    name = models.CharField(_("组织名称"), max_length=200)
    kind = models.CharField(_("组织类型"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级党组织"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("所在区域(村/社区或单位所在地)"), on_delete=models.PROTECT,
        related_name="organizations",
    )
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    at_relocation_site = models.BooleanField(_("易地搬迁点党组织"), default=False)
    at_border_resettlement_site = models.BooleanField(_("抵边搬迁安置点党组织"), default=False)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    status_changed_on = models.DateField(_("状态变更日期"), null=True, blank=True)

    objects = PartyOrganizationQuerySet.as_manager()
    scope_area_field = "area"

    class Meta:
        verbose_name = _("党组织")
        verbose_name_plural = _("党组织")
        ordering = ["area__path", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="active") | models.Q(status_changed_on__isnull=False),
                name="org_inactive_has_date",
                violation_error_message=_("已合并或已撤销的党组织必须填写状态变更日期。"),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("branches:organization_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.parent_id and self.area_id:
            parent_county = self.parent.area.path[: 2 * Area.steplen]
            if not self.area.path.startswith(parent_county):
                errors["parent"] = _("上级党组织必须与本组织在同一县内。")
        if self.parent_id and self.pk and self.parent_id == self.pk:
            errors["parent"] = _("上级党组织不能是本组织自己。")
        if self.kind == self.Kind.WORK_GROUP_BRANCH and not self.parent_id:
            errors["parent"] = _("作业组党支部必须设在一个上级党组织之下。")
        if errors:
            raise ValidationError(errors)
