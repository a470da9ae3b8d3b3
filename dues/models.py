"""党费: each member's dues profile, the hardship reliefs (减免) decided by the branch and approved one
level up, the monthly ledger of a branch (one line per member due that month) and the payments
that settle its lines (receipt numbers unique per branch; 补缴 and 代缴 recorded).

Money is an exact decimal in yuan (DecimalField(14, 2)); the monthly amount comes from one
function, dues.rules.monthly_dues.
"""
from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import ScopedQuerySet
from ali_party.validators import future_date_errors

from .rules import FLAT_CATEGORIES, INCOME_CATEGORIES, Category, monthly_dues

MONEY = {"max_digits": 14, "decimal_places": 2}
non_negative = MinValueValidator(Decimal("0.00"), message=_("金额不能为负数。"))
positive = MinValueValidator(Decimal("0.01"), message=_("金额必须大于0。"))


def month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("按月交纳")
    QUARTERLY = "quarterly", _("按季交纳")
    YEARLY = "yearly", _("按年交纳（农牧民党员可一次预交）")


class DuesProfile(models.Model):
    """How much one member pays a month and how often: the category, the base (monthly income after
    tax, fixed items) or the amount the branch set for a 农牧民党员, and an optional voluntary amount."""

    member = models.OneToOneField("cadres.PartyMember", verbose_name=_("党员"), on_delete=models.CASCADE,
                                  related_name="dues_profile")
    category = models.CharField(_("党员类别"), max_length=20, choices=Category.choices)
    base_income = models.DecimalField(_("月工资收入（税后，元）"), **MONEY, null=True, blank=True,
                                      validators=[non_negative],
                                      help_text=_("在职和离退休党员填写：每月税后工资中相对固定的项目。"))
    fixed_amount = models.DecimalField(_("支部确定的月交纳额（元）"), **MONEY, null=True, blank=True,
                                       help_text=_("农牧民党员填写：0.2—1元。"))
    voluntary_amount = models.DecimalField(_("自愿多交的月交纳额（元）"), **MONEY, null=True, blank=True,
                                           help_text=_("不少于按规定应交的金额；不多交的留空。"))
    frequency = models.CharField(_("交纳方式"), max_length=20, choices=Frequency.choices,
                                 default=Frequency.MONTHLY)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "member__organization__area"

    class Meta:
        verbose_name = _("党费档案")
        verbose_name_plural = _("党费档案")
        ordering = ["member__organization__area__path", "member__name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(base_income__isnull=True) | Q(base_income__gte=0),
                                   name="dues_profile_base_not_negative",
                                   violation_error_message=_("月工资收入不能为负数。")),
            models.CheckConstraint(
                condition=Q(fixed_amount__isnull=True) | Q(fixed_amount__gte=Decimal("0.20"),
                                                         fixed_amount__lte=Decimal("1.00")),
                name="dues_profile_fixed_in_range", violation_error_message=_("农牧民党员每月交纳0.2元至1元。")),
        ]

    def __str__(self):
        return f"{self.member}（{self.get_category_display()}）"

    def get_absolute_url(self):
        return reverse("dues:profile_update", args=[self.pk])

    @property
    def monthly_amount(self) -> Decimal:
        return monthly_dues(self.category, base=self.base_income, fixed=self.fixed_amount,
                            voluntary=self.voluntary_amount)

    @property
    def shown_amount(self) -> Decimal | None:
        """The monthly amount for a page, None when the stored values no longer make one."""
        try:
            return self.monthly_amount
        except ValidationError:
            return None

    def clean(self):
        errors = {}
        if self.category not in INCOME_CATEGORIES and self.base_income is not None:
            errors["base_income"] = _("只有在职和离退休党员按工资收入计算党费，其他类别请留空。")
        if self.category != Category.FARMER_HERDER and self.fixed_amount is not None:
            errors["fixed_amount"] = _("只有农牧民党员由支部确定月交纳额，其他类别请留空。")
        if self.frequency == Frequency.YEARLY and self.category not in (Category.FARMER_HERDER, *FLAT_CATEGORIES):
            errors["frequency"] = _("按年一次预交适用于农牧民党员和无固定收入的党员。")
        if not errors and self.category:
            try:
                self.monthly_amount  # noqa: B018 — the one rule says whether the values are complete
            except ValidationError as error:
                errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)


class DuesRelief(models.Model):
    """A hardship reduction or exemption (减免) of one member's dues for a span of months: asked for
    by the branch, approved or refused one level up (a user whose scope lies above the branch)."""

    class Kind(models.TextChoices):
        EXEMPT = "exempt", _("免交")
        REDUCE = "reduce", _("减交")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("待审批")
        APPROVED = "approved", _("已批准")
        REFUSED = "refused", _("未批准")

    member = models.ForeignKey("cadres.PartyMember", verbose_name=_("党员"), on_delete=models.CASCADE,
                               related_name="dues_reliefs")
    kind = models.CharField(_("减免方式"), max_length=10, choices=Kind.choices)
    reduced_amount = models.DecimalField(_("减交后的月交纳额（元）"), **MONEY, null=True, blank=True,
                                         validators=[non_negative], help_text=_("减交时填写；免交留空。"))
    from_month = models.DateField(_("起始月份"), help_text=_("该月1日。"))
    to_month = models.DateField(_("截止月份"), help_text=_("该月1日（含该月）。"))
    reason = models.TextField(_("困难情况"))
    status = models.CharField(_("审批状态"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("申请人"), on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField(_("申请时间"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("审批人"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.CharField(_("审批意见"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "member__organization__area"

    class Meta:
        verbose_name = _("党费减免")
        verbose_name_plural = _("党费减免")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(to_month__gte=models.F("from_month")), name="dues_relief_month_order",
                                   violation_error_message=_("截止月份不能早于起始月份。")),
            models.CheckConstraint(condition=Q(kind="exempt", reduced_amount__isnull=True)
                                   | Q(kind="reduce", reduced_amount__isnull=False),
                                   name="dues_relief_amount_by_kind",
                                   violation_error_message=_("减交须填写减交后的金额，免交不填。")),
            models.CheckConstraint(condition=Q(status="requested", decided_by__isnull=True)
                                   | (~Q(status="requested") & Q(decided_by__isnull=False, decided_at__isnull=False)),
                                   name="dues_relief_decision_recorded",
                                   violation_error_message=_("审批结果须记录审批人和审批时间。")),
        ]

    def __str__(self):
        return _("%(member)s %(kind)s（%(start)s—%(end)s）") % {
            "member": self.member, "kind": self.get_kind_display(),
            "start": f"{self.from_month:%Y-%m}", "end": f"{self.to_month:%Y-%m}"}

    def get_absolute_url(self):
        return reverse("dues:relief_list")

    def covers(self, year: int, month: int) -> bool:
        return self.from_month <= month_start(year, month) <= self.to_month

    def clean(self):
        errors = {}
        for name in ("from_month", "to_month"):
            value = getattr(self, name)
            if value is not None and value.day != 1:
                setattr(self, name, value.replace(day=1))
        if self.from_month and self.to_month and self.to_month < self.from_month:
            errors["to_month"] = _("截止月份不能早于起始月份。")
        if self.kind == self.Kind.REDUCE and self.reduced_amount is None:
            errors["reduced_amount"] = _("减交须填写减交后的月交纳额。")
        if self.kind == self.Kind.EXEMPT and self.reduced_amount is not None:
            errors["reduced_amount"] = _("免交不填写金额。")
        if errors:
            raise ValidationError(errors)


class DuesLedger(models.Model):
    """The dues ledger of one branch for one month (党费收缴台账): one line per member due that month.
    Generated, and regenerated, only by services.ledger_generate."""

    organization = models.ForeignKey("branches.PartyOrganization", verbose_name=_("党组织"),
                                     on_delete=models.PROTECT, related_name="dues_ledgers")
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    generated_at = models.DateTimeField(_("生成时间"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("党费收缴台账")
        verbose_name_plural = _("党费收缴台账")
        ordering = ["-year", "-month", "organization__area__path", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "month"], name="dues_ledger_one_per_month",
                                    violation_error_message=_("该党组织该月的台账已经生成。")),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="dues_ledger_month_range",
                                   violation_error_message=_("月份应为1—12。")),
        ]

    def __str__(self):
        return _("%(organization)s %(year)s年%(month)s月党费台账") % {
            "organization": self.organization, "year": self.year, "month": self.month}

    def get_absolute_url(self):
        return reverse("dues:ledger_detail", args=[self.pk])

    @property
    def first_day(self) -> date:
        return month_start(self.year, self.month)

    @property
    def last_day(self) -> date:
        return month_end(self.year, self.month)


class DuesPayment(models.Model):
    """Money handed in for one or more ledger lines of one member (several when paying ahead for a
    quarter or a year), with the branch's receipt number. 补缴: paid after the end of the first
    month it covers; 代缴: paid by someone else on the member's behalf (who is recorded)."""

    organization = models.ForeignKey("branches.PartyOrganization", verbose_name=_("党组织"),
                                     on_delete=models.PROTECT, related_name="dues_payments")
    member = models.ForeignKey("cadres.PartyMember", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="dues_payments")
    receipt_no = models.CharField(_("收据号"), max_length=50)
    paid_on = models.DateField(_("交纳日期"))
    amount = models.DecimalField(_("实交金额（元）"), **MONEY, validators=[positive])
    paid_by = models.CharField(_("代缴人"), max_length=50, blank=True,
                               help_text=_("由他人代为交纳时填写代缴人姓名；本人交纳留空。"))
    is_back_payment = models.BooleanField(_("补缴"), default=False)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("党费交纳")
        verbose_name_plural = _("党费交纳")
        ordering = ["-paid_on", "-pk"]
        indexes = [models.Index(fields=["paid_on"])]
        constraints = [
            models.UniqueConstraint(fields=["organization", "receipt_no"], name="dues_payment_receipt_unique",
                                    violation_error_message=_("本支部已有相同收据号的党费交纳记录。")),
            models.CheckConstraint(condition=Q(amount__gt=0), name="dues_payment_amount_positive",
                                   violation_error_message=_("金额必须大于0。")),
        ]

    def __str__(self):
        return _("%(receipt)s %(member)s %(amount)s元") % {"receipt": self.receipt_no, "member": self.member,
                                                           "amount": self.amount}

    def get_absolute_url(self):
        return reverse("dues:payment_list")

    @property
    def months(self) -> int:
        """How many months the payment settles (several when paid ahead)."""
        return len(self.lines.all())

    @property
    def is_proxy(self) -> bool:
        return bool(self.paid_by)

    def clean(self):
        errors = future_date_errors(self, "paid_on")
        self.receipt_no = (self.receipt_no or "").strip()
        self.paid_by = (self.paid_by or "").strip()
        if errors:
            raise ValidationError(errors)


class DuesLedgerLine(models.Model):
    """One member due in one month of a branch's ledger: the amount due then (after any approved
    relief; None while the member has no dues profile) and, once paid, the payment."""

    ledger = models.ForeignKey(DuesLedger, verbose_name=_("台账"), on_delete=models.CASCADE, related_name="lines")
    member = models.ForeignKey("cadres.PartyMember", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="dues_lines")
    category = models.CharField(_("党员类别"), max_length=20, choices=Category.choices, blank=True)
    amount_due = models.DecimalField(_("应交金额（元）"), **MONEY, null=True, blank=True)
    relief = models.ForeignKey(DuesRelief, verbose_name=_("减免"), on_delete=models.PROTECT, null=True, blank=True,
                               related_name="lines")
    payment = models.ForeignKey(DuesPayment, verbose_name=_("交纳记录"), on_delete=models.PROTECT, null=True,
                                blank=True, related_name="lines")

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "ledger__organization__area"

    class Meta:
        verbose_name = _("党费台账明细")
        verbose_name_plural = _("党费台账明细")
        ordering = ["ledger", "member__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ledger", "member"], name="dues_line_one_per_member",
                                    violation_error_message=_("该党员在本月台账中已有记录。")),
        ]

    def __str__(self):
        return f"{self.ledger} · {self.member}"

    def get_absolute_url(self):
        return self.ledger.get_absolute_url()

    @property
    def is_exempt(self) -> bool:
        return self.relief_id is not None and self.amount_due == 0

    @property
    def is_paid(self) -> bool:
        return self.payment_id is not None
