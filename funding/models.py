"""基本保障: funds and allocations, the 村财乡管 books, activity-venue upgrades, collective-economy projects.

Money is always an exact decimal in yuan (DecimalField(14, 2)); it is shown as 元 or 万元 by the
`money` template filters.
"""
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.catalogue import TranslatedName
from ali_party.scoping import ScopedQuerySet
from ali_party.validators import future_date_errors
from branches.models import Area

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")
# The standard for a village activity venue: at least 15万 invested in total, of which the
# prefecture pays 4万 per village.
VENUE_STANDARD_MIN_INVESTMENT = Decimal("150000.00")
VENUE_PREFECTURE_DEFAULT = Decimal("40000.00")

positive_amount = MinValueValidator(Decimal("0.01"), message=_("金额必须大于0。"))
non_negative_amount = MinValueValidator(ZERO, message=_("金额不能为负数。"))


def _require_level(errors: dict, field: str, area, level, message) -> None:
    if area is not None and area.level != level:
        errors[field] = message


class CatalogueEntry(TranslatedName, models.Model):
    """Common shape of an admin-editable catalogue: name, stable code, order, active flag."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    code = models.SlugField(_("代码"), max_length=40, unique=True,
                            help_text=_("稳定的英文代码，供统计和演示数据引用。"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "name"]


class FundSource(CatalogueEntry):
    """Where money comes from (中央三部委, 自治区, 地区财政, 县, 乡, 自筹 …); a catalogue."""

    CENTRAL = "central"  # 中央三部委 (财政部、农业农村部、中央组织部)

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("资金来源")
        verbose_name_plural = _("资金来源")


class FundPurpose(CatalogueEntry):
    """What money is earmarked for (村干部报酬, 党建工作经费, 活动场所建设, 村级集体经济 …); a catalogue."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("资金用途")
        verbose_name_plural = _("资金用途")


class Status(models.TextChoices):
    PLANNED = "planned", _("计划中")
    IN_PROGRESS = "in_progress", _("实施中")
    COMPLETED = "completed", _("已完成")
    SUSPENDED = "suspended", _("已中止")


class CollectiveEconomyProject(models.Model):
    """A village collective-economy project (扶持壮大村级集体经济项目) and the money behind it."""

    name = models.CharField(_("项目名称"), max_length=200)
    village = models.ForeignKey(Area, verbose_name=_("所在村(社区)"), on_delete=models.PROTECT,
                                related_name="collective_projects")
    start_year = models.PositiveSmallIntegerField(_("立项年度"))
    end_year = models.PositiveSmallIntegerField(_("完成年度"), null=True, blank=True)
    central_support_funds = models.DecimalField(
        _("中央三部委扶持资金(元)"), **MONEY, default=ZERO, validators=[non_negative_amount])
    other_funds = models.DecimalField(_("其他资金(元)"), **MONEY, default=ZERO,
                                      validators=[non_negative_amount])
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    income_generated = models.DecimalField(_("累计产生收益(元)"), **MONEY, default=ZERO,
                                           validators=[non_negative_amount])
    households_benefiting = models.PositiveIntegerField(_("带动受益户数"), default=0)
    note = models.TextField(_("备注"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("村级集体经济项目")
        verbose_name_plural = _("村级集体经济项目")
        ordering = ["-start_year", "village__path", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True) | models.Q(end_year__gte=models.F("start_year")),
                name="project_end_after_start", violation_error_message=_("完成年度不能早于立项年度。")),
            models.CheckConstraint(
                condition=models.Q(central_support_funds__gte=0, other_funds__gte=0, income_generated__gte=0),
                name="project_money_not_negative", violation_error_message=_("金额不能为负数。")),
        ]

    def __str__(self):
        return f"{self.name}（{self.start_year}）"

    def get_absolute_url(self):
        return reverse("funding:project_detail", args=[self.pk])

    @property
    def total_funds(self) -> Decimal:
        return (self.central_support_funds or ZERO) + (self.other_funds or ZERO)

    def clean(self):
        errors = {}
        _require_level(errors, "village", getattr(self, "village", None), Area.Level.VILLAGE,
                       _("集体经济项目必须落在一个村(社区)。"))
        if self.start_year and not 2000 <= self.start_year <= 2100:
            errors["start_year"] = _("立项年度应在2000—2100年之间。")
        if self.end_year and self.start_year and self.end_year < self.start_year:
            errors["end_year"] = _("完成年度不能早于立项年度。")
        if self.status == Status.COMPLETED and not self.end_year:
            errors["end_year"] = _("已完成的项目必须填写完成年度。")
        if errors:
            raise ValidationError(errors)


class Allocation(models.Model):
    """Money granted in one year, from one source, earmarked for one purpose, to one village (or to
    one collective-economy project in that village). Expenditures are booked against it."""

    source = models.ForeignKey(FundSource, verbose_name=_("资金来源"), on_delete=models.PROTECT,
                               related_name="allocations")
    purpose = models.ForeignKey(FundPurpose, verbose_name=_("资金用途"), on_delete=models.PROTECT,
                                related_name="allocations")
    year = models.PositiveSmallIntegerField(_("年度"))
    amount = models.DecimalField(_("拨付金额(元)"), **MONEY, validators=[positive_amount])
    village = models.ForeignKey(Area, verbose_name=_("受援村(社区)"), on_delete=models.PROTECT,
                                related_name="allocations")
    project = models.ForeignKey(CollectiveEconomyProject, verbose_name=_("集体经济项目"),
                                null=True, blank=True, on_delete=models.PROTECT,
                                related_name="allocations",
                                help_text=_("拨给集体经济项目时填写，受援村即项目所在村。"))
    document_no = models.CharField(_("拨款文号"), max_length=100, blank=True)
    note = models.TextField(_("备注"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("资金拨付")
        verbose_name_plural = _("资金拨付")
        ordering = ["-year", "village__path", "purpose__order", "pk"]
        indexes = [models.Index(fields=["year"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="allocation_amount_positive",
                                   violation_error_message=_("金额必须大于0。")),
        ]

    def __str__(self):
        return _("%(year)s年 %(village)s %(purpose)s（%(source)s）") % {
            "year": self.year, "village": self.village, "purpose": self.purpose, "source": self.source}

    def get_absolute_url(self):
        return reverse("funding:allocation_detail", args=[self.pk])

    def clean(self):
        errors = {}
        village = getattr(self, "village", None) if self.village_id else None
        _require_level(errors, "village", village, Area.Level.VILLAGE, _("受援单位必须是村(社区)。"))
        if self.project_id and self.village_id and self.project.village_id != self.village_id:
            errors["project"] = _("集体经济项目必须在受援村内。")
        if self.year and not 2000 <= self.year <= 2100:
            errors["year"] = _("年度应在2000—2100年之间。")
        if errors:
            raise ValidationError(errors)


class TownshipAccount(models.Model):
    """The one bank account a township keeps for all its villages (村财乡管、统一开户)."""

    township = models.OneToOneField(Area, verbose_name=_("乡镇"), on_delete=models.PROTECT,
                                    related_name="funding_account")
    bank = models.CharField(_("开户银行"), max_length=100)
    account_number = models.CharField(_("账号"), max_length=40)
    opened_on = models.DateField(_("开户日期"), null=True, blank=True)
    bookkeeper = models.CharField(_("代理记账人"), max_length=50, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "township"

    class Meta:
        verbose_name = _("乡镇统一账户")
        verbose_name_plural = _("乡镇统一账户")
        ordering = ["township__path"]

    def __str__(self):
        return _("%(township)s统一账户") % {"township": self.township}

    def get_absolute_url(self):
        return reverse("funding:account_detail", args=[self.pk])

    def clean(self):
        errors = future_date_errors(self, "opened_on")
        _require_level(errors, "township", getattr(self, "township", None) if self.township_id else None,
                       Area.Level.TOWNSHIP, _("统一账户必须开在乡镇一级。"))
        if errors:
            raise ValidationError(errors)


class VillageLedger(models.Model):
    """A village's own books inside its township's account (分村核算)."""

    account = models.ForeignKey(TownshipAccount, verbose_name=_("乡镇统一账户"), on_delete=models.PROTECT,
                                related_name="ledgers")
    village = models.OneToOneField(Area, verbose_name=_("村(社区)"), on_delete=models.PROTECT,
                                   related_name="funding_ledger")
    opened_on = models.DateField(_("建账日期"), null=True, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("分村账簿")
        verbose_name_plural = _("分村账簿")
        ordering = ["village__path"]

    def __str__(self):
        return _("%(village)s账簿") % {"village": self.village}

    def clean(self):
        errors = future_date_errors(self, "opened_on")
        village = getattr(self, "village", None) if self.village_id else None
        _require_level(errors, "village", village, Area.Level.VILLAGE, _("分村账簿必须建在村(社区)一级。"))
        if village is not None and self.account_id and not self.account.township.contains(village):
            errors["village"] = _("该村不属于此乡镇，不能在此账户下建账。")
        if errors:
            raise ValidationError(errors)


class Expenditure(models.Model):
    """A payment booked in a village ledger against one allocation (专款专用: same purpose, never
    more than what is left of the allocation). Booked only through `services.expenditure_create`,
    which locks the allocation so that two clerks cannot overspend it together."""

    ledger = models.ForeignKey(VillageLedger, verbose_name=_("分村账簿"), on_delete=models.PROTECT,
                               related_name="expenditures")
    allocation = models.ForeignKey(Allocation, verbose_name=_("资金拨付"), on_delete=models.PROTECT,
                                   related_name="expenditures")
    purpose = models.ForeignKey(FundPurpose, verbose_name=_("支出用途"), on_delete=models.PROTECT,
                                related_name="expenditures")
    spent_on = models.DateField(_("支出日期"))
    amount = models.DecimalField(_("支出金额(元)"), **MONEY, validators=[positive_amount])
    voucher_no = models.CharField(_("凭证号"), max_length=50)
    description = models.CharField(_("摘要"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("记账时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "ledger__village"

    class Meta:
        verbose_name = _("支出")
        verbose_name_plural = _("支出")
        ordering = ["-spent_on", "-pk"]
        indexes = [models.Index(fields=["spent_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="expenditure_amount_positive",
                                   violation_error_message=_("金额必须大于0。")),
            models.UniqueConstraint(fields=["ledger", "voucher_no"], name="expenditure_voucher_unique",
                                    violation_error_message=_("该账簿中已有相同凭证号的支出。")),
        ]

    def __str__(self):
        return _("%(date)s %(voucher)s %(amount)s元") % {
            "date": self.spent_on, "voucher": self.voucher_no, "amount": self.amount}

    def get_absolute_url(self):
        return reverse("funding:expenditure_detail", args=[self.pk])

    def clean(self):
        errors = future_date_errors(self, "spent_on")
        if self.allocation_id and self.purpose_id and self.allocation.purpose_id != self.purpose_id:
            errors["purpose"] = _("专款专用：该拨款用途为“%(allocated)s”，不能列支“%(asked)s”。") % {
                "allocated": self.allocation.purpose, "asked": self.purpose}
        if self.allocation_id and self.ledger_id and self.ledger.village_id != self.allocation.village_id:
            errors["ledger"] = _("支出必须记入受援村自己的账簿。")
        if self.allocation_id and self.spent_on and self.spent_on.year < self.allocation.year:
            errors["spent_on"] = _("支出日期不能早于拨款年度。")
        if errors:
            raise ValidationError(errors)


class VenueUpgrade(models.Model):
    """The upgrade of one village's activity venue (村级组织活动场所整改提升): the prefecture pays 4万,
    the standard asks for at least 15万 invested in total from all sources."""

    village = models.OneToOneField(Area, verbose_name=_("村(社区)"), on_delete=models.PROTECT,
                                   related_name="venue_upgrade")
    prefecture_allocation = models.DecimalField(
        _("地区划拨资金(元)"), **MONEY, default=VENUE_PREFECTURE_DEFAULT, validators=[non_negative_amount])
    total_investment = models.DecimalField(_("总投入(元)"), **MONEY, validators=[non_negative_amount],
                                           help_text=_("各渠道资金合计，标准要求不低于15万元。"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    is_demonstration = models.BooleanField(_("整改提升示范点"), default=False)
    note = models.TextField(_("备注"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("活动场所整改提升")
        verbose_name_plural = _("活动场所整改提升")
        ordering = ["village__path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total_investment__gte=models.F("prefecture_allocation")),
                name="venue_total_covers_prefecture",
                violation_error_message=_("总投入不能少于地区划拨资金。")),
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_on__isnull=False),
                name="venue_completed_has_date",
                violation_error_message=_("已完成的整改提升必须填写完成日期。")),
        ]

    def __str__(self):
        return _("%(village)s活动场所整改提升") % {"village": self.village}

    def get_absolute_url(self):
        return reverse("funding:venue_detail", args=[self.pk])

    @property
    def below_standard(self) -> bool:
        return self.total_investment is not None and self.total_investment < VENUE_STANDARD_MIN_INVESTMENT

    def clean(self):
        errors = future_date_errors(self, "completed_on")
        village = getattr(self, "village", None) if self.village_id else None
        _require_level(errors, "village", village, Area.Level.VILLAGE, _("活动场所整改提升按村(社区)登记。"))
        if (self.total_investment is not None and self.prefecture_allocation is not None
                and self.total_investment < self.prefecture_allocation):
            errors["total_investment"] = _("总投入不能少于地区划拨资金。")
        if self.status == Status.COMPLETED and not self.completed_on:
            errors["completed_on"] = _("已完成的整改提升必须填写完成日期。")
        if self.completed_on and self.status != Status.COMPLETED:
            errors["status"] = _("填写了完成日期，状态应为“已完成”。")
        if errors:
            raise ValidationError(errors)
