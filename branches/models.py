"""The organization tree: administrative areas and the party organizations that sit in them."""
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from ali_party.catalogue import TranslatedName
from ali_party.pillars import Pillar
from ali_party.scoping import ScopedQuerySet, scope_path, within_scope
from ali_party.stock import in_force_on, in_status_on, year_end
from ali_party.validators import future_date_errors


class AreaQuerySet(MP_NodeQuerySet):
    def visible_to(self, user):
        """The areas the user may see: their own node and everything under it (none without a
        business scope)."""
        return within_scope(self, user)

    def trails(self, paths: list[str], user) -> dict[str, str]:
        """For each tree path, "县 / 乡镇 / 村": the names from below the user's own node down to the
        node itself (a county clerk's villages read "乡镇 / 村", a prefecture user's "县 / 乡镇 / 村";
        the user's own node: ""). One query for all of them (the pickers' labels)."""
        own = len(scope_path(user) or "")
        step = Area.steplen
        wanted = {path[:end] for path in paths for end in range(own + step, len(path) + 1, step)}
        names = dict(self.filter(path__in=wanted).values_list("path", "name")) if wanted else {}
        return {path: " / ".join(names.get(path[:end], "?") for end in range(own + step, len(path) + 1, step))
                for path in paths}


class AreaManager(MP_NodeManager.from_queryset(AreaQuerySet)):
    def get_queryset(self):
        return AreaQuerySet(self.model, using=self._db).order_by("path")


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
    # The village level holds both 村 and 社区; the annual report (表七) counts them apart.
    is_community = models.BooleanField(
        _("社区"), default=False,
        help_text=_("村(社区)一级的区域是城镇社区而不是村时勾选；党内统计年报分列“设在村”和“设在社区”。"))

    objects = AreaManager()

    class Meta:
        verbose_name = _("行政区域")
        verbose_name_plural = _("行政区域")
        indexes = [models.Index(fields=["level"])]

    def __str__(self):
        return self.name

    def clean(self):
        if self.is_community and self.level != self.Level.VILLAGE:
            raise ValidationError({"is_community": _("只有村(社区)一级的区域可以标为社区，“%(name)s”是%(level)s。") % {
                "name": self.name, "level": self.get_level_display()}})

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

    def child_areas(self) -> list["Area"]:
        """The nodes one level below, in tree order (a village has none, asked without a query):
        the rows of every "下级区域" table and chart."""
        if self.level == self.Level.VILLAGE:
            return []
        return list(Area.objects.get_children(self))

    def group_by_child(self, items, *, path_of) -> list[tuple["Area", list]]:
        """`items` lying under this node grouped by the child they lie under (`path_of(item)` is
        the tree path of the item's area): one (child, items) pair per child, in tree order,
        children without items included. The one per-child roll-up of the summary pages."""
        children = self.child_areas()
        if not children:
            return []
        prefix_len = (self.depth + 1) * self.steplen
        groups: dict[str, list] = {}
        for item in items:
            groups.setdefault(path_of(item)[:prefix_len], []).append(item)
        return [(child, groups.get(child.path, [])) for child in children]


class PartyOrganizationQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(status=PartyOrganization.Status.ACTIVE)

    def existing_at_end_of(self, year: int):
        """Organizations that existed on 31 December of `year` (founded by then, not yet merged or dissolved)."""
        end = year_end(year)
        return self.filter(in_force_on(end, start="founded_on", start_may_be_empty=True)).filter(
            in_status_on(end, status="status", normal=PartyOrganization.Status.ACTIVE, changed_on="status_changed_on"))

    def at_relocation_sites(self):
        return self.filter(models.Q(at_relocation_site=True) | models.Q(at_border_resettlement_site=True))


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
    unit_name = models.CharField(_("所在单位"), max_length=200, blank=True,
                                 help_text=_("单位党组织填写单位名称；村(社区)党组织可留空。"))
    merged_into = models.ForeignKey(
        "self", verbose_name=_("并入党组织"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="merged_from",
    )

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
            models.CheckConstraint(
                condition=~models.Q(status="merged") | models.Q(merged_into__isnull=False),
                name="org_merged_has_target",
                violation_error_message=_("已合并的党组织必须填写并入的党组织。"),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("branches:organization_detail", args=[self.pk])

    HERE = {Area.Level.VILLAGE: _("本村"), Area.Level.TOWNSHIP: _("本乡镇"), Area.Level.COUNTY: _("本县"),
            Area.Level.PREFECTURE: _("本地区")}

    def _same_name_errors(self) -> dict:
        """Two organizations of one name in one area cannot be told apart (the import's natural key is
        name + area). A merged or dissolved one counts too: restore it rather than found it again."""
        same = PartyOrganization.objects.filter(area_id=self.area_id, name=self.name.strip())
        if self.pk is not None:
            same = same.exclude(pk=self.pk)
        other = same.first()
        if other is None:
            return {}
        name = other.name if other.status == self.Status.ACTIVE else f"{other.name}（{other.get_status_display()}）"
        return {"name": _("%(here)s已有同名党组织：%(name)s。") % {"here": self.HERE[self.area.level], "name": name}}

    def clean(self):
        errors = future_date_errors(self, "founded_on", "status_changed_on")
        if self.parent_id and self.area_id:
            parent_county = self.parent.area.path[: 2 * Area.steplen]
            if not self.area.path.startswith(parent_county):
                errors["parent"] = _("上级党组织必须与本组织在同一县内。")
        if self.parent_id and self.pk and self.parent_id == self.pk:
            errors["parent"] = _("上级党组织不能是本组织自己。")
        if self.kind == self.Kind.WORK_GROUP_BRANCH and not self.parent_id:
            errors["parent"] = _("作业组党支部必须设在一个上级党组织之下。")
        if self.status == self.Status.MERGED and not self.merged_into_id:
            errors["merged_into"] = _("已合并的党组织必须填写并入的党组织。")
        if self.merged_into_id:
            if self.merged_into_id == self.pk:
                errors["merged_into"] = _("不能并入本组织自己。")
            elif self.merged_into.status != self.Status.ACTIVE:
                errors["merged_into"] = _("只能并入正常状态的党组织。")
            elif self.area_id and not self.area.path.startswith(self.merged_into.area.path[: 2 * Area.steplen]):
                errors["merged_into"] = _("并入的党组织必须与本组织在同一县内。")
        if self.status != self.Status.ACTIVE and self.status_changed_on and self.founded_on \
                and self.status_changed_on < self.founded_on:
            errors["status_changed_on"] = _("状态变更日期不能早于成立日期。")
        if self.area_id and (self.name or "").strip():
            errors.update(self._same_name_errors())
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------------------------
# Committee posts (书记、委员) with their terms
# ---------------------------------------------------------------------------------------------

class CommitteePostQuerySet(ScopedQuerySet):
    def current(self):
        """Posts still held (the holder has not left)."""
        return self.filter(left_on__isnull=True)


class CommitteePost(models.Model):
    """One seat on an organization's leadership (书记, 副书记, 委员 …) for one term.

    A post is "current" until `left_on` is set. A current post whose `term_end` has passed means the
    organization is due for 换届 (re-election).
    """

    class Role(models.TextChoices):
        SECRETARY = "secretary", _("书记")
        DEPUTY_SECRETARY = "deputy_secretary", _("副书记")
        ORGANIZATION = "organization", _("组织委员")
        PROPAGANDA = "propaganda", _("宣传委员")
        DISCIPLINE = "discipline", _("纪检委员")
        MEMBER = "member", _("委员")

    organization = models.ForeignKey(PartyOrganization, verbose_name=_("党组织"), on_delete=models.CASCADE,
                                     related_name="posts")
    role = models.CharField(_("职务"), max_length=30, choices=Role.choices)
    person_name = models.CharField(_("姓名"), max_length=50)
    term_start = models.DateField(_("任期开始"))
    term_end = models.DateField(_("任期届满"))
    left_on = models.DateField(_("离任日期"), null=True, blank=True)

    objects = CommitteePostQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("班子职务")
        verbose_name_plural = _("班子职务")
        ordering = ["organization", "left_on", "role", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(term_end__gt=models.F("term_start")),
                                   name="post_term_end_after_start",
                                   violation_error_message=_("任期届满日期必须晚于任期开始日期。")),
        ]

    def __str__(self):
        return f"{self.organization} {self.get_role_display()} {self.person_name}"

    def get_absolute_url(self):
        return self.organization.get_absolute_url()

    @property
    def is_current(self) -> bool:
        return self.left_on is None

    def clean(self):
        # The term's end lies ahead; taking office and leaving it are facts, never in the future.
        errors = future_date_errors(self, "term_start", "left_on")
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            errors["term_end"] = _("任期届满日期必须晚于任期开始日期。")
        if self.left_on and self.term_start and self.left_on < self.term_start:
            errors["left_on"] = _("离任日期不能早于任期开始日期。")
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------------------------
# Designations (示范 / 品牌) and the "十村示范、百村提标" programme
# ---------------------------------------------------------------------------------------------

class DesignationKind(TranslatedName, models.Model):
    """Catalogue of designation kinds (党建品牌示范村, 百佳 …), edited by admins.

    `group` says which reported figure a kind counts towards; `code` identifies the kinds the
    indicators name individually (blank for kinds added later).
    """

    class Group(models.TextChoices):
        BRAND_VILLAGE = "brand_village", _("党建品牌示范村")
        BAIJIA = "baijia", _("全区“百佳农牧区基层党组织”")
        FOUR_CREATIONS = "four_creations", _("“四个创建”示范点")
        OTHER_DEMONSTRATION = "other_demonstration", _("其他示范点")
        OTHER = "other", _("其他")

    name = models.CharField(_("名称"), max_length=100, unique=True)
    code = models.SlugField(_("代码"), max_length=50, blank=True)
    group = models.CharField(_("统计归类"), max_length=30, choices=Group.choices, default=Group.OTHER)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("示范创建类别")
        verbose_name_plural = _("示范创建类别")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~models.Q(code=""), name="designation_kind_code_unique"),
        ]


class DesignationQuerySet(ScopedQuerySet):
    def held_at_end_of(self, year: int):
        """Designations granted in or before `year` and not revoked by its end (a stock)."""
        return self.filter(year__lte=year).filter(in_force_on(year_end(year), end="revoked_on"))


class Designation(models.Model):
    """A designation of one kind granted to an organization or a village for a year, at a level.

    `area` is the organization's area or the village itself (set by the service), so scoping and
    indicator roll-up read one column.
    """

    class Level(models.TextChoices):
        PREFECTURE = "prefecture", _("地区")
        REGION = "region", _("自治区")

    kind = models.ForeignKey(DesignationKind, verbose_name=_("类别"), on_delete=models.PROTECT,
                             related_name="designations")
    organization = models.ForeignKey(PartyOrganization, verbose_name=_("党组织"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="designations")
    village = models.ForeignKey(Area, verbose_name=_("村(社区)"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="designations")
    area = models.ForeignKey(Area, verbose_name=_("所在区域"), on_delete=models.PROTECT, related_name="+",
                             editable=False)
    year = models.PositiveSmallIntegerField(_("命名年度"))
    level = models.CharField(_("命名层级"), max_length=20, choices=Level.choices, default=Level.PREFECTURE)
    revoked_on = models.DateField(_("撤销命名日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = DesignationQuerySet.as_manager()
    scope_area_field = "area"

    class Meta:
        verbose_name = _("示范创建命名")
        verbose_name_plural = _("示范创建命名")
        ordering = ["-year", "kind__order", "area__path"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(organization__isnull=False, village__isnull=True)
                           | models.Q(organization__isnull=True, village__isnull=False)),
                name="designation_org_xor_village",
                violation_error_message=_("请在党组织和村(社区)中选择且只选择一个命名对象。")),
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100), name="designation_year_range",
                                   violation_error_message=_("命名年度不在合理范围内。")),
        ]

    def __str__(self):
        return f"{self.year} {self.kind} · {self.target}"

    def get_absolute_url(self):
        return reverse("branches:designation_update", args=[self.pk])

    @property
    def target(self):
        return self.organization or self.village

    def clean(self):
        errors = future_date_errors(self, "revoked_on")
        if bool(self.organization_id) == bool(self.village_id):
            errors["organization"] = _("请在党组织和村(社区)中选择且只选择一个命名对象。")
        if self.village_id and self.village.level != Area.Level.VILLAGE:
            errors["village"] = _("命名对象必须是村(社区)。")
        if self.organization_id and self.organization.status != PartyOrganization.Status.ACTIVE:
            # Only a new grant (or re-pointing a grant) is refused: history stays editable.
            unchanged = self.pk and Designation.objects.filter(pk=self.pk, organization_id=self.organization_id).exists()
            if not unchanged:
                errors["organization"] = _("“%(org)s”已%(status)s，不能再授予示范创建命名。") % {
                    "org": self.organization, "status": self.organization.get_status_display()}
        if self.revoked_on and self.year and self.revoked_on.year < self.year:
            errors["revoked_on"] = _("撤销命名日期不能早于命名年度。")
        if errors:
            raise ValidationError(errors)


class ProgrammeEnrollment(models.Model):
    """A village in the "十村示范、百村提标" programme, as a demonstration or a raise-the-standard target."""

    class Track(models.TextChoices):
        DEMONSTRATION = "demonstration", _("示范村")
        RAISE_STANDARD = "raise_standard", _("提标村")

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("推进中")
        ACHIEVED = "achieved", _("已达标")

    village = models.OneToOneField(Area, verbose_name=_("村(社区)"), on_delete=models.PROTECT,
                                   related_name="programme_enrollment",
                                   error_messages={"unique": _("该村(社区)已纳入“十村示范、百村提标”工程。")})
    track = models.CharField(_("类型"), max_length=20, choices=Track.choices)
    enrolled_year = models.PositiveSmallIntegerField(_("纳入年度"))
    target_year = models.PositiveSmallIntegerField(_("计划达标年度"))
    progress_percent = models.PositiveSmallIntegerField(_("完成进度(%)"), default=0)
    progress_note = models.TextField(_("进展情况"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    achieved_on = models.DateField(_("达标日期"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("“十村示范、百村提标”村")
        verbose_name_plural = _("“十村示范、百村提标”村")
        ordering = ["track", "village__path"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress_percent__lte=100), name="programme_progress_max_100",
                                   violation_error_message=_("完成进度不能超过100%%。")),
            models.CheckConstraint(condition=models.Q(target_year__gte=models.F("enrolled_year")),
                                   name="programme_target_after_enrolled",
                                   violation_error_message=_("计划达标年度不能早于纳入年度。")),
            models.CheckConstraint(condition=models.Q(status="in_progress") | models.Q(achieved_on__isnull=False),
                                   name="programme_achieved_has_date",
                                   violation_error_message=_("已达标的村必须填写达标日期。")),
        ]

    def __str__(self):
        return f"{self.village}（{self.get_track_display()}）"

    def get_absolute_url(self):
        return reverse("branches:programme_update", args=[self.pk])

    def clean(self):
        errors = future_date_errors(self, "achieved_on")
        if self.village_id and self.village.level != Area.Level.VILLAGE:
            errors["village"] = _("只能纳入村(社区)。")
        if self.enrolled_year and self.target_year and self.target_year < self.enrolled_year:
            errors["target_year"] = _("计划达标年度不能早于纳入年度。")
        if self.status == self.Status.ACHIEVED and not self.achieved_on:
            errors["achieved_on"] = _("已达标的村必须填写达标日期。")
        if self.status == self.Status.ACHIEVED and self.progress_percent != 100:
            errors["progress_percent"] = _("已达标的村完成进度应为100%。")
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------------------------
# Standardization assessment (标准化规范化建设达标)
# ---------------------------------------------------------------------------------------------

class StandardItem(models.Model):
    """One checklist item of a year's standardization checklist, under one of the six pillars (admin-edited)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    pillar = models.CharField(_("所属“六个基本”"), max_length=20, choices=Pillar.choices)
    name = models.CharField(_("考核内容"), max_length=200)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("标准化建设考核项目")
        verbose_name_plural = _("标准化建设考核项目")
        ordering = ["year", "pillar", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["year", "name"], name="standard_item_unique_per_year")]

    def __str__(self):
        return f"{self.year} {self.get_pillar_display()}：{self.name}"


class AssessmentQuerySet(ScopedQuerySet):
    def not_up_to_standard(self):
        return self.filter(passed=False)


class Assessment(models.Model):
    """One organization's standardization assessment for one year.

    `score` (items met ÷ items on the year's checklist × 100) and `passed` (no failed item) are
    derived by the service from the failed items, never typed.
    """

    organization = models.ForeignKey(PartyOrganization, verbose_name=_("党组织"), on_delete=models.PROTECT,
                                     related_name="assessments")
    year = models.PositiveSmallIntegerField(_("年度"))
    assessed_on = models.DateField(_("考核日期"))
    failed_items = models.ManyToManyField(StandardItem, verbose_name=_("未达标项目"), blank=True,
                                          related_name="failed_in")
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=1, default=0)
    passed = models.BooleanField(_("达标"), default=False)
    note = models.TextField(_("备注"), blank=True)

    objects = AssessmentQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("标准化建设考核")
        verbose_name_plural = _("标准化建设考核")
        ordering = ["-year", "organization__area__path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="assessment_one_per_org_year",
                                    violation_error_message=_("该党组织本年度已有考核记录。")),
        ]

    def __str__(self):
        return f"{self.organization} {self.year}"

    def get_absolute_url(self):
        return reverse("branches:assessment_update", args=[self.pk])

    @property
    def result_display(self) -> str:
        return _("达标") if self.passed else _("未达标")

    def clean(self):
        errors = future_date_errors(self, "assessed_on")
        if self.assessed_on and self.year and self.assessed_on.year < self.year:
            errors["assessed_on"] = _("考核日期不能早于考核年度。")
        if errors:
            raise ValidationError(errors)


# ---------------------------------------------------------------------------------------------
# 软弱涣散 rectification workflow
# ---------------------------------------------------------------------------------------------

class ProblemCategory(TranslatedName, models.Model):
    """Catalogue of weak-and-lax problem categories (书记空缺 3 个月以上, 三会一课不落实 …), admin-edited."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("软弱涣散问题类别")
        verbose_name_plural = _("软弱涣散问题类别")
        ordering = ["order", "name"]


class RectificationQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status=Rectification.Status.OPEN)


class Rectification(models.Model):
    """A weak-and-lax (软弱涣散) organization identified in a year, tracked until 晋位升级 (closure)."""

    class Source(models.TextChoices):
        SELF = "self", _("党组织“自己找”")
        MASSES = "masses", _("农牧民“群众提”")
        SUPERIOR = "superior", _("上级党组织“逐一点”")

    class Status(models.TextChoices):
        OPEN = "open", _("整顿中")
        CLOSED = "closed", _("已晋位升级")

    organization = models.ForeignKey(PartyOrganization, verbose_name=_("党组织"), on_delete=models.PROTECT,
                                     related_name="rectifications")
    year = models.PositiveSmallIntegerField(_("认定年度"))
    identified_on = models.DateField(_("认定日期"))
    source = models.CharField(_("排查方式"), max_length=20, choices=Source.choices)
    categories = models.ManyToManyField(ProblemCategory, verbose_name=_("问题类别"), related_name="rectifications")
    description = models.TextField(_("主要问题"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.OPEN)
    closed_on = models.DateField(_("晋位升级日期"), null=True, blank=True)
    closure_note = models.TextField(_("销号说明"), blank=True)

    objects = RectificationQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("软弱涣散党组织整顿")
        verbose_name_plural = _("软弱涣散党组织整顿")
        ordering = ["-year", "organization__area__path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="rectification_one_per_org_year",
                                    violation_error_message=_("该党组织本年度已被认定为软弱涣散。")),
            models.CheckConstraint(condition=models.Q(status="open") | models.Q(closed_on__isnull=False),
                                   name="rectification_closed_has_date",
                                   violation_error_message=_("晋位升级必须填写日期。")),
            models.CheckConstraint(condition=models.Q(closed_on__isnull=True)
                                   | models.Q(closed_on__gte=models.F("identified_on")),
                                   name="rectification_closed_after_identified",
                                   violation_error_message=_("晋位升级日期不能早于认定日期。")),
        ]

    def __str__(self):
        return _("%(organization)s（%(year)s年软弱涣散）") % {"organization": self.organization, "year": self.year}

    def get_absolute_url(self):
        return reverse("branches:rectification_detail", args=[self.pk])

    def clean(self):
        errors = future_date_errors(self, "identified_on", "closed_on")
        if self.identified_on and self.year and self.identified_on.year != self.year:
            errors["identified_on"] = _("认定日期必须在认定年度内。")
        if self.closed_on and self.identified_on and self.closed_on < self.identified_on:
            errors["closed_on"] = _("晋位升级日期不能早于认定日期。")
        if errors:
            raise ValidationError(errors)


class ResponsiblePerson(models.Model):
    """A named person responsible for one rectification, with their place in the 五位一体 system."""

    class Role(models.TextChoices):
        COUNTY_LEADER = "county_leader", _("县级领导联系")
        TOWNSHIP_LEADER = "township_leader", _("乡镇领导包联")
        FIRST_SECRETARY = "first_secretary", _("驻村第一书记(工作队)")
        PAIRED_UNIT = "paired_unit", _("结对帮扶单位")
        BRANCH_SECRETARY = "branch_secretary", _("村党组织书记")

    rectification = models.ForeignKey(Rectification, verbose_name=_("整顿事项"), on_delete=models.CASCADE,
                                      related_name="responsible_persons")
    name = models.CharField(_("姓名"), max_length=50)
    position = models.CharField(_("职务"), max_length=100, blank=True)
    role = models.CharField(_("“五位一体”责任"), max_length=30, choices=Role.choices)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "rectification__organization__area"

    class Meta:
        verbose_name = _("整改责任人")
        verbose_name_plural = _("整改责任人")
        ordering = ["rectification", "role", "pk"]

    def __str__(self):
        return f"{self.name}（{self.get_role_display()}）"

    def get_absolute_url(self):
        return self.rectification.get_absolute_url()


class MeasureQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(status=Measure.Status.OPEN)

    def overdue(self, today):
        return self.open().filter(deadline__lt=today)


class Measure(models.Model):
    """One rectification measure, with an owner, a deadline and a status."""

    class Status(models.TextChoices):
        OPEN = "open", _("未完成")
        DONE = "done", _("已完成")

    rectification = models.ForeignKey(Rectification, verbose_name=_("整顿事项"), on_delete=models.CASCADE,
                                      related_name="measures")
    description = models.CharField(_("整改措施"), max_length=300)
    owner = models.CharField(_("责任人"), max_length=50)
    deadline = models.DateField(_("完成时限"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.OPEN)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)

    objects = MeasureQuerySet.as_manager()
    scope_area_field = "rectification__organization__area"

    class Meta:
        verbose_name = _("整改措施")
        verbose_name_plural = _("整改措施")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(status="open") | models.Q(completed_on__isnull=False),
                                   name="measure_done_has_date",
                                   violation_error_message=_("已完成的措施必须填写完成日期。")),
        ]

    def __str__(self):
        return self.description

    def get_absolute_url(self):
        return self.rectification.get_absolute_url()

    @property
    def is_overdue(self) -> bool:
        """Still open after its deadline (today is past it); MeasureQuerySet.overdue is the same rule
        in SQL."""
        return self.status == self.Status.OPEN and self.deadline < timezone.localdate()

    def clean(self):
        # The deadline lies ahead; the completion is a fact.
        errors = future_date_errors(self, "completed_on")
        identified_on = self.rectification.identified_on if self.rectification_id else None
        if self.deadline and identified_on and self.deadline < identified_on:
            errors["deadline"] = _("完成时限不能早于认定日期（%(date)s）。") % {"date": identified_on.isoformat()}
        if self.status == self.Status.DONE and not self.completed_on:
            errors["completed_on"] = _("已完成的措施必须填写完成日期。")
        if self.completed_on and identified_on and self.completed_on < identified_on:
            errors["completed_on"] = _("完成日期不能早于认定日期。")
        if errors:
            raise ValidationError(errors)


class Review(models.Model):
    """A review (验收 / 督导) of one rectification's progress."""

    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("继续整改")
        PASSED = "passed", _("验收合格")

    rectification = models.ForeignKey(Rectification, verbose_name=_("整顿事项"), on_delete=models.CASCADE,
                                      related_name="reviews")
    reviewed_on = models.DateField(_("评估日期"))
    reviewer = models.CharField(_("评估人/单位"), max_length=100)
    outcome = models.CharField(_("评估结论"), max_length=20, choices=Outcome.choices)
    comment = models.TextField(_("评估意见"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "rectification__organization__area"

    class Meta:
        verbose_name = _("整顿评估")
        verbose_name_plural = _("整顿评估")
        ordering = ["reviewed_on", "pk"]

    def __str__(self):
        return f"{self.reviewed_on} {self.get_outcome_display()}"

    def get_absolute_url(self):
        return self.rectification.get_absolute_url()

    def clean(self):
        errors = future_date_errors(self, "reviewed_on")
        if self.reviewed_on and self.rectification_id and self.reviewed_on < self.rectification.identified_on:
            errors["reviewed_on"] = _("评估日期不能早于认定日期。")
        if errors:
            raise ValidationError(errors)
