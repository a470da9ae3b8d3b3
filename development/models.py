"""发展党员纪实: the record of a member's development in the 25 steps (development/steps.py), beside the
stage dates that cadres.PartyMember keeps (applied_on … full_member_on, with their timing rules in
PartyMember.clean()).

- `DevelopmentStep`: one step done (date, who did it, note), one per member and step; the rules of one
  row in `clean()`, the rules between a member's steps in `sequence_errors()` / `contact_errors()`,
  called by the services (development/services.py).
- `DevelopmentContact`: a 培养联系人 (step 5) or an 入党介绍人 (step 9), a full member in good standing.
- `ProbationReport`: a quarterly 思想汇报 during the 预备期.
- `StepAttachment`: a file of a step (ali_party.files policy "development_attachment"), downloaded only
  through the scoped view.
"""
from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.files import StoredName
from ali_party.scoping import ScopedQuerySet
from cadres.dates import add_months
from cadres.models import PartyMember

from . import steps as catalogue


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_end(start: date) -> date:
    """The last day of the quarter starting on `start`."""
    return add_months(start, 3) - timedelta(days=1)


def probation_quarters(member: PartyMember, today: date) -> list[date]:
    """The quarters of the member's 预备期 a 思想汇报 is due for: each calendar quarter that starts on or
    after the admission and has ended by the end of the 预备期 (or by the 转正 if earlier) and by `today`."""
    if member.admitted_on is None:
        return []
    end = member.probation_ends_on
    if member.full_member_on is not None:
        end = min(end, member.full_member_on)
    end = min(end, today)
    quarters = []
    start = quarter_start(member.admitted_on)
    if start < member.admitted_on:
        start = add_months(start, 3)
    while quarter_end(start) < end:
        quarters.append(start)
        start = add_months(start, 3)
    return quarters


def _member_date_label(field: str) -> str:
    return str(PartyMember._meta.get_field(field).verbose_name)


class DevelopmentStep(models.Model):
    """One of the 25 steps done for a member: when, by whom, with what note. Step 11 (集中培训) also
    records its length: at least 3 days or 24 学时."""

    member = models.ForeignKey(PartyMember, verbose_name=_("党员"), on_delete=models.CASCADE,
                               related_name="development_steps")
    step = models.PositiveSmallIntegerField(_("步骤"), choices=catalogue.CHOICES)
    done_on = models.DateField(_("完成日期"))
    handled_by = models.CharField(_("经办人"), max_length=100, help_text=_("谈话人、审查人或经办的党组织等。"))
    training_days = models.PositiveSmallIntegerField(_("培训天数"), null=True, blank=True,
                                                     help_text=_("仅“开展集中培训”填写：不少于3天或24学时。"))
    training_hours = models.PositiveSmallIntegerField(_("培训学时"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "member__organization__area"

    class Meta:
        verbose_name = _("发展党员步骤")
        verbose_name_plural = _("发展党员步骤")
        ordering = ["member", "step"]
        constraints = [
            models.UniqueConstraint(fields=["member", "step"], name="development_one_row_per_step",
                                    violation_error_message=_("该党员的这一步骤已经登记。")),
            models.CheckConstraint(condition=models.Q(step__gte=1, step__lte=25), name="development_step_1_to_25",
                                   violation_error_message=_("步骤须为1至25。")),
        ]

    def __str__(self):
        return f"{self.member} {self.definition.number}. {self.definition.name}"

    def get_absolute_url(self):
        return reverse("development:member_record", args=[self.member_id])

    @property
    def definition(self) -> catalogue.Step:
        return catalogue.BY_NUMBER[self.step]

    def clean(self):
        errors = {}
        if self.step not in catalogue.BY_NUMBER:
            raise ValidationError({"step": _("步骤须为1至25。")})
        definition = self.definition
        if self.done_on and self.done_on > timezone.localdate():
            errors["done_on"] = _("完成日期不能晚于今天。")
        if definition.member_date and self.done_on and self.member_id and "done_on" not in errors:
            expected = getattr(self.member, definition.member_date)
            label = _member_date_label(definition.member_date)
            if expected is None:
                errors["done_on"] = _("党员信息中尚未登记%(field)s，请先在党员信息中办理这一阶段，再登记“%(step)s”。") % {
                    "field": label, "step": definition.name}
            elif expected != self.done_on:
                errors["done_on"] = _("“%(step)s”的完成日期（%(date)s）须与党员信息中的%(field)s（%(expected)s）一致。") % {
                    "step": definition.name, "date": self.done_on.isoformat(), "field": label,
                    "expected": expected.isoformat()}
        if self.step == catalogue.TRAINING:
            days, hours = self.training_days or 0, self.training_hours or 0
            if days < catalogue.TRAINING_MIN_DAYS and hours < catalogue.TRAINING_MIN_HOURS:
                errors["training_days"] = _("集中培训时间一般不少于3天（或不少于24个学时），请填写培训天数或学时。")
        elif self.training_days is not None or self.training_hours is not None:
            errors["training_days"] = _("只有“开展集中培训”填写培训天数和学时。")
        if self.step == catalogue.APPROVAL and self.done_on and self.member_id and self.member.admitted_on \
                and self.done_on > add_months(self.member.admitted_on, catalogue.APPROVAL_AT_MOST_MONTHS):
            errors["done_on"] = _("上级党委审批须在支部大会讨论（%(date)s）后3个月内完成，特殊情况最长不超过6个月（%(latest)s）。") % {
                "date": self.member.admitted_on.isoformat(),
                "latest": add_months(self.member.admitted_on, catalogue.APPROVAL_AT_MOST_MONTHS).isoformat()}
        if errors:
            raise ValidationError(errors)

    def sequence_errors(self, recorded: dict[int, date]) -> dict:
        """The steps happen in order. `recorded`: the member's other steps, number -> date. A step's date
        is not before any earlier step's nor after any later one's, and no earlier step that may not be
        left out is missing."""
        if not self.done_on:
            return {}
        missing = [n for n in range(1, self.step) if n not in recorded and not catalogue.BY_NUMBER[n].optional]
        if missing:
            first = catalogue.BY_NUMBER[missing[0]]
            return {"step": _("请先登记第%(number)s步“%(name)s”，再登记这一步（步骤须按顺序办理）。") % {
                "number": first.number, "name": first.name}}
        for number, day in sorted(recorded.items()):
            other = catalogue.BY_NUMBER[number]
            if number < self.step and day > self.done_on:
                return {"done_on": _("完成日期不能早于第%(number)s步“%(name)s”的日期（%(date)s）。") % {
                    "number": number, "name": other.name, "date": day.isoformat()}}
            if number > self.step and day < self.done_on:
                return {"done_on": _("完成日期不能晚于第%(number)s步“%(name)s”的日期（%(date)s）。") % {
                    "number": number, "name": other.name, "date": day.isoformat()}}
        return {}

    def contact_errors(self, contacts) -> dict:
        """Step 5 needs 1–2 培养联系人 and step 9 exactly two 入党介绍人 recorded (by the step's date)."""
        if self.step not in (catalogue.CONTACTS, catalogue.SPONSORS):
            return {}
        role = DevelopmentContact.Role.CONTACT if self.step == catalogue.CONTACTS else DevelopmentContact.Role.SPONSOR
        count = sum(1 for c in contacts if c.role == role and (not self.done_on or c.from_on <= self.done_on))
        if role == DevelopmentContact.Role.CONTACT and not catalogue.CONTACTS_MIN <= count <= catalogue.CONTACTS_MAX:
            return {"step": _("指定培养联系人须先登记1至2名培养联系人（自完成日期起），现有%(count)s名。") % {"count": count}}
        if role == DevelopmentContact.Role.SPONSOR and count != catalogue.SPONSORS_COUNT:
            return {"step": _("确定入党介绍人须先登记2名入党介绍人（自完成日期起），现有%(count)s名。") % {"count": count}}
        return {}

    # What is late (recorded all the same; listed on the overdue page).
    @property
    def is_late(self) -> bool:
        if self.step == catalogue.TALK and self.member.applied_on:
            return self.done_on > add_months(self.member.applied_on, catalogue.TALK_WITHIN_MONTHS)
        if self.step == catalogue.APPROVAL and self.member.admitted_on:
            return self.done_on > add_months(self.member.admitted_on, catalogue.APPROVAL_WITHIN_MONTHS)
        return False


class DevelopmentContact(models.Model):
    """A 培养联系人 or 入党介绍人 of a member: a full member in good standing from `from_on`."""

    class Role(models.TextChoices):
        CONTACT = "contact", _("培养联系人")
        SPONSOR = "sponsor", _("入党介绍人")

    member = models.ForeignKey(PartyMember, verbose_name=_("党员"), on_delete=models.CASCADE,
                               related_name="development_contacts")
    role = models.CharField(_("身份"), max_length=10, choices=Role.choices)
    contact = models.ForeignKey(PartyMember, verbose_name=_("联系人或介绍人"), on_delete=models.PROTECT,
                                related_name="+")
    from_on = models.DateField(_("确定日期"))

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "member__organization__area"

    class Meta:
        verbose_name = _("培养联系人和入党介绍人")
        verbose_name_plural = _("培养联系人和入党介绍人")
        ordering = ["member", "role", "from_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "role", "contact"], name="development_contact_once",
                                    violation_error_message=_("这名党员已登记为该身份。")),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.contact}"

    def get_absolute_url(self):
        return reverse("development:member_record", args=[self.member_id])

    def clean(self):
        errors = {}
        if self.from_on and self.from_on > timezone.localdate():
            errors["from_on"] = _("确定日期不能晚于今天。")
        if self.member_id and self.contact_id:
            if self.member_id == self.contact_id:
                errors["contact"] = _("不能指定本人为自己的培养联系人或入党介绍人。")
            elif self.from_on and not self.is_full_member_on(self.contact, self.from_on):
                errors["contact"] = _("%(name)s在%(date)s不是党籍正常的正式党员，不能担任%(role)s。") % {
                    "name": self.contact.name, "date": self.from_on.isoformat(), "role": self.get_role_display()}
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def is_full_member_on(person: PartyMember, day: date) -> bool:
        """正式党员 by `day` (转正 on or before it) and in good standing then."""
        if person.stage != PartyMember.Stage.FULL or person.full_member_on is None or person.full_member_on > day:
            return False
        return person.status == PartyMember.Status.NORMAL or (
            person.status_changed_on is not None and person.status_changed_on > day)


class ProbationReport(models.Model):
    """A 预备党员's 思想汇报 for one quarter of the 预备期 (at least one a quarter)."""

    member = models.ForeignKey(PartyMember, verbose_name=_("党员"), on_delete=models.CASCADE,
                               related_name="probation_reports")
    quarter = models.DateField(_("季度"), help_text=_("该季度的第一天，如2024-04-01。"))
    submitted_on = models.DateField(_("提交日期"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "member__organization__area"

    class Meta:
        verbose_name = _("预备期思想汇报")
        verbose_name_plural = _("预备期思想汇报")
        ordering = ["member", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["member", "quarter"], name="development_one_report_per_quarter",
                                    violation_error_message=_("该季度的思想汇报已经登记。")),
        ]

    def __str__(self):
        return f"{self.member} {self.quarter_label}"

    def get_absolute_url(self):
        return reverse("development:member_record", args=[self.member_id])

    @property
    def quarter_label(self) -> str:
        return _("%(year)s年第%(q)s季度") % {"year": self.quarter.year, "q": (self.quarter.month - 1) // 3 + 1}

    def clean(self):
        errors = {}
        if self.quarter and self.quarter > timezone.localdate():
            errors["quarter"] = _("季度不能晚于今天。")
        elif self.quarter and self.quarter != quarter_start(self.quarter):
            errors["quarter"] = _("季度请填写该季度的第一天（1月1日、4月1日、7月1日或10月1日）。")
        if self.submitted_on and self.submitted_on > timezone.localdate():
            errors["submitted_on"] = _("提交日期不能晚于今天。")
        member = self.member if self.member_id else None
        if member is not None and "quarter" not in errors and self.quarter:
            if member.admitted_on is None:
                errors["quarter"] = _("只有预备党员（已接收为预备党员）登记预备期思想汇报。")
            else:
                end = member.full_member_on or member.probation_ends_on
                if quarter_end(self.quarter) < member.admitted_on or self.quarter >= end:
                    errors["quarter"] = _("该季度不在预备期内（%(start)s至%(end)s）。") % {
                        "start": member.admitted_on.isoformat(), "end": end.isoformat()}
                elif self.submitted_on and self.submitted_on < member.admitted_on:
                    errors["submitted_on"] = _("提交日期不能早于接收为预备党员日期（%(date)s）。") % {
                        "date": member.admitted_on.isoformat()}
        if errors:
            raise ValidationError(errors)


class StepAttachment(models.Model):
    """A file of a step (the application letter, the 志愿书, a 公示 …): kinds and size by the policy
    "development_attachment", checked by content by the service; downloaded only through the scoped view."""

    step = models.ForeignKey(DevelopmentStep, verbose_name=_("步骤"), on_delete=models.CASCADE,
                             related_name="attachments")
    file = models.FileField(_("文件"), upload_to=StoredName("development/attachments"), max_length=255)
    original_name = models.CharField(_("原文件名"), max_length=255)
    content_type = models.CharField(_("文件格式"), max_length=100)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "step__member__organization__area"

    class Meta:
        verbose_name = _("发展党员材料")
        verbose_name_plural = _("发展党员材料")
        ordering = ["step", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("development:attachment_download", args=[self.pk])
