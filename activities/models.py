"""基本活动: activity records of every kind, their attachments, and the convenience services
(one-stop service halls with their duty rota, contact cards issued, matters handled on villagers'
behalf).

Every record sits in one village (an Area of level "village"); row scoping and the indicators both
follow that village up the tree.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.catalogue import TranslatedName
from ali_party.files import StoredName
from ali_party.pillars import Pillar
from ali_party.scoping import ScopedQuerySet
from ali_party.stock import in_force_on
from ali_party.validators import future_date_errors, same_county, village_errors


class ActivityKind(TranslatedName, models.Model):
    """Catalogue of activity kinds (政治学习, 主题党日, 宣传活动 …); admins extend it.

    `code` is stable and is what the indicators count; `pillar` says which of the six pillars
    the kind reports to (e.g. "三讲" reports to 基本队伍, 国防教育 to 基本能力).
    """

    name = models.CharField(_("名称"), max_length=50, unique=True)
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    pillar = models.CharField(_("所属支柱"), max_length=20, choices=Pillar.choices, default=Pillar.ACTIVITIES)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("活动类型")
        verbose_name_plural = _("活动类型")
        ordering = ["order", "name"]


class ActivityQuerySet(ScopedQuerySet):
    def in_year(self, year: int):
        return self.filter(held_on__year=year)

    def of_kind(self, *codes: str):
        return self.filter(kind__code__in=codes)


class Activity(models.Model):
    """One activity held on one day by one party organization in one village.

    `participants` is the head count; `attendees` optionally names the party members among them
    (all from the organization's county). `person_times` counts every attendance (a multi-session
    study counts each person once per session), so it is never below the head count.
    """

    kind = models.ForeignKey(ActivityKind, verbose_name=_("活动类型"), on_delete=models.PROTECT,
                             related_name="activities")
    held_on = models.DateField(_("活动日期"))
    organization = models.ForeignKey("branches.PartyOrganization", verbose_name=_("组织单位(党组织)"),
                                     on_delete=models.PROTECT, related_name="activities")
    village = models.ForeignKey("branches.Area", verbose_name=_("活动村(社区)"), on_delete=models.PROTECT,
                                related_name="activities")
    participants = models.PositiveIntegerField(_("参加人数"), default=0)
    attendees = models.ManyToManyField("cadres.PartyMember", verbose_name=_("参加党员(可选)"), blank=True,
                                       related_name="activities")
    person_times = models.PositiveIntegerField(_("参加人次"), default=0)
    problems_solved = models.PositiveIntegerField(_("解决急难愁盼问题(件)"), default=0)
    note = models.CharField(_("简要说明"), max_length=300, blank=True)
    pairing = models.ForeignKey("capacity.CoBuildingPairing", verbose_name=_("军地共建结对(可选)"),
                                null=True, blank=True, on_delete=models.PROTECT, related_name="activities")
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = ActivityQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person_times__gte=models.F("participants")),
                name="activity_person_times_not_below_participants",
                violation_error_message=_("参加人次不能少于参加人数。"),
            ),
        ]

    def __str__(self):
        return f"{self.held_on} {self.kind} · {self.village}"

    def get_absolute_url(self):
        return reverse("activities:activity_detail", args=[self.pk])

    def clean(self):
        errors = {}
        errors.update(future_date_errors(self, "held_on"))
        if self.village_id:
            errors.update(village_errors(self.village))
        if self.village_id and self.organization_id and "village" not in errors:
            if not same_county(self.village, self.organization.area):
                errors["village"] = _("活动村(社区)必须在组织单位所在的县内。")
        if self.kind_id and not self.kind.active and self._state.adding:
            errors["kind"] = _("该活动类型已停用。")
        if self.pairing_id and self.village_id:
            pairing = self.pairing
            if not same_county(pairing.village, self.village):
                errors["pairing"] = _("军地共建结对必须与活动村(社区)在同一县内。")
            elif self.held_on and not pairing.active_on(self.held_on):
                errors["pairing"] = _("活动日期不在该军地共建结对的起止期间内。")
        if self.person_times is not None and self.participants is not None \
                and self.person_times < self.participants:
            errors["person_times"] = _("参加人次不能少于参加人数。")
        if errors:
            raise ValidationError(errors)


def attachment_path(instance, filename):
    """The stored name before issue 17 (the user's file name): kept because migration 0001 names it."""
    return f"activities/{instance.activity_id}/{filename}"


class ActivityAttachment(models.Model):
    """A photo or sign-in sheet of an activity: kinds and sizes by ali_party.files.POLICIES
    ("activity_photo", "activity_sign_in"), checked by content by the services; stored under a
    generated name; downloaded only through the scoped view."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("活动照片")
        SIGN_IN = "sign_in", _("签到表")

    activity = models.ForeignKey(Activity, verbose_name=_("活动"), on_delete=models.CASCADE,
                                 related_name="attachments")
    kind = models.CharField(_("附件类型"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("文件"), upload_to=StoredName("activities/attachments"), max_length=255)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件格式"), max_length=50)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "activity__village"

    class Meta:
        verbose_name = _("活动附件")
        verbose_name_plural = _("活动附件")
        ordering = ["kind", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("activities:attachment_download", args=[self.pk])


class ServiceHallQuerySet(ScopedQuerySet):
    def open_on(self, day):
        return self.filter(in_force_on(day, start="opened_on", end="closed_on"))


class ServiceHall(models.Model):
    """The one-stop convenience service hall (一站式便民服务大厅) of a village; at most one per village."""

    village = models.ForeignKey("branches.Area", verbose_name=_("村(社区)"), on_delete=models.PROTECT,
                                related_name="service_halls")
    name = models.CharField(_("名称"), max_length=100)
    opened_on = models.DateField(_("启用日期"))
    closed_on = models.DateField(_("停用日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ServiceHallQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("便民服务大厅")
        verbose_name_plural = _("便民服务大厅")
        ordering = ["village__path"]
        constraints = [
            models.UniqueConstraint(fields=["village"], name="one_service_hall_per_village",
                                    violation_error_message=_("该村(社区)已有便民服务大厅。")),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("opened_on")),
                name="service_hall_closed_after_opened",
                violation_error_message=_("停用日期不能早于启用日期。"),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:hall_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.village_id:
            errors.update(village_errors(self.village))
        errors.update(future_date_errors(self, "opened_on"))
        if self.opened_on and self.closed_on and self.closed_on < self.opened_on:
            errors["closed_on"] = _("停用日期不能早于启用日期。")
        if errors:
            raise ValidationError(errors)


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("星期一")
    TUESDAY = 2, _("星期二")
    WEDNESDAY = 3, _("星期三")
    THURSDAY = 4, _("星期四")
    FRIDAY = 5, _("星期五")
    SATURDAY = 6, _("星期六")
    SUNDAY = 7, _("星期日")


class ServiceHallDuty(models.Model):
    """One slot of a hall's rota (轮流坐班): which village cadre sits in the hall on which weekday."""

    hall = models.ForeignKey(ServiceHall, verbose_name=_("便民服务大厅"), on_delete=models.CASCADE,
                             related_name="duties")
    weekday = models.PositiveSmallIntegerField(_("值班日"), choices=Weekday.choices)
    cadre_name = models.CharField(_("值班村干部"), max_length=50)
    post = models.CharField(_("职务"), max_length=50, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "hall__village"

    class Meta:
        verbose_name = _("坐班安排")
        verbose_name_plural = _("坐班安排")
        ordering = ["weekday", "cadre_name"]
        constraints = [
            models.UniqueConstraint(fields=["hall", "weekday", "cadre_name"], name="unique_hall_duty",
                                    violation_error_message=_("该村干部当天已在值班表中。")),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.cadre_name}"


class ContactCardIssue(models.Model):
    """A batch of 便民联系卡 (contact cards) handed out in a village on one day."""

    village = models.ForeignKey("branches.Area", verbose_name=_("村(社区)"), on_delete=models.PROTECT,
                                related_name="contact_card_issues")
    issued_on = models.DateField(_("发放日期"))
    count = models.PositiveIntegerField(_("发放张数"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("联系卡发放")
        verbose_name_plural = _("联系卡发放")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(count__gt=0), name="contact_cards_positive",
                                   violation_error_message=_("发放张数必须大于0。")),
        ]

    def __str__(self):
        return f"{self.issued_on} {self.village} {self.count}"

    def get_absolute_url(self):
        return reverse("activities:card_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.village_id:
            errors.update(village_errors(self.village))
        errors.update(future_date_errors(self, "issued_on"))
        if errors:
            raise ValidationError(errors)


class ProxyMatter(models.Model):
    """One matter handled on a villager's behalf (代办事项): kind, date and outcome."""

    class Kind(models.TextChoices):
        HOUSEHOLD = "household", _("户籍证明")
        SOCIAL_SECURITY = "social_security", _("社保医保")
        SUBSIDY = "subsidy", _("惠农补贴")
        LICENCE = "licence", _("证照办理")
        OTHER = "other", _("其他")

    class Outcome(models.TextChoices):
        DONE = "done", _("已办结")
        IN_PROGRESS = "in_progress", _("办理中")
        FAILED = "failed", _("未能办成")

    village = models.ForeignKey("branches.Area", verbose_name=_("村(社区)"), on_delete=models.PROTECT,
                                related_name="proxy_matters")
    accepted_on = models.DateField(_("受理日期"))
    kind = models.CharField(_("事项类别"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("事项内容"), max_length=200, blank=True)
    outcome = models.CharField(_("办理结果"), max_length=20, choices=Outcome.choices,
                               default=Outcome.IN_PROGRESS)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("代办事项")
        verbose_name_plural = _("代办事项")
        ordering = ["-accepted_on", "-pk"]

    def __str__(self):
        return f"{self.accepted_on} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("activities:matter_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.village_id:
            errors.update(village_errors(self.village))
        errors.update(future_date_errors(self, "accepted_on"))
        if errors:
            raise ValidationError(errors)
