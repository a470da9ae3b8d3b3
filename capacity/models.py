"""基本能力 records: co-building pairings, dispute screenings and cases, collective-economy
demonstration villages, income teams, "强带弱" pairings and green "五支" ecology teams.

See the package docstring for why these live apart from `activities`.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.periods import PeriodQuerySet, VillagePeriodRecord, period_constraint, period_errors
from ali_party.scoping import ScopedQuerySet
from ali_party.validators import future_date_errors, same_county, village_errors


class CoBuildingPairing(VillagePeriodRecord):
    """A military–civilian co-building pairing (军地共建) of a village, or one branch in it, with a
    garrison unit. Activities recorded with this pairing count toward it (党课, 国防教育, 演练)."""

    village = models.ForeignKey("branches.Area", verbose_name=_("结对村(社区)"), on_delete=models.PROTECT,
                                related_name="co_building_pairings")
    organization = models.ForeignKey("branches.PartyOrganization", verbose_name=_("结对党支部(可选)"),
                                      null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="co_building_pairings")
    garrison_unit = models.CharField(_("驻军单位"), max_length=100)
    started_on = models.DateField(_("结对开始日期"))
    ended_on = models.DateField(_("结对结束日期"), null=True, blank=True)
    note = models.CharField(_("共建内容"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("军地共建结对")
        verbose_name_plural = _("军地共建结对")
        ordering = ["village__path", "-started_on"]
        constraints = [period_constraint("pairing_end_after_start")]

    def __str__(self):
        return f"{self.village} — {self.garrison_unit}"

    def get_absolute_url(self):
        return reverse("capacity:pairing_detail", args=[self.pk])

    def village_record_errors(self) -> dict:
        if self.organization_id and self.organization.area_id != self.village_id:
            return {"organization": _("结对党支部必须设在所选的村(社区)。")}
        return {}


class DisputeScreening(models.Model):
    """One round of 矛盾纠纷排查 in a village: when, and how many disputes it turned up."""

    village = models.ForeignKey("branches.Area", verbose_name=_("村(社区)"), on_delete=models.PROTECT,
                                related_name="dispute_screenings")
    screened_on = models.DateField(_("排查日期"))
    disputes_found = models.PositiveIntegerField(_("排查出纠纷数"), default=0)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("矛盾纠纷排查")
        verbose_name_plural = _("矛盾纠纷排查")
        ordering = ["-screened_on", "-pk"]

    def __str__(self):
        return f"{self.screened_on} {self.village}"

    def get_absolute_url(self):
        return reverse("capacity:screening_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.village_id:
            errors.update(village_errors(self.village))
        errors.update(future_date_errors(self, "screened_on"))
        if errors:
            raise ValidationError(errors)


class DisputeCase(models.Model):
    """One dispute: found on a day (optionally by a screening), then handled (调处) with an outcome.

    The rates are per year of finding: mediation rate = handled / found, success rate =
    successful / handled. A case cannot be "调解成功" without having been handled, so successful
    mediations can never outnumber handled cases (the database holds that rule too).
    """

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("调解成功")
        FAILED = "failed", _("调解失败")
        REFERRED = "referred", _("移交")

    village = models.ForeignKey("branches.Area", verbose_name=_("村(社区)"), on_delete=models.PROTECT,
                                related_name="dispute_cases")
    screening = models.ForeignKey(DisputeScreening, verbose_name=_("所属排查(可选)"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="cases")
    found_on = models.DateField(_("发现日期"))
    description = models.CharField(_("纠纷简况"), max_length=300)
    handling = models.TextField(_("调处经过"), blank=True)
    handled = models.BooleanField(_("已调处"), default=False)
    handled_on = models.DateField(_("调处日期"), null=True, blank=True)
    outcome = models.CharField(_("调处结果"), max_length=20, choices=Outcome.choices, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("矛盾纠纷")
        verbose_name_plural = _("矛盾纠纷")
        ordering = ["-found_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="success") | Q(handled=True),
                name="dispute_success_requires_handled",
                violation_error_message=_("调解成功的纠纷必须已调处：调解成功数不能多于已调处数。"),
            ),
            models.CheckConstraint(
                condition=Q(handled=False) | (Q(handled_on__isnull=False) & ~Q(outcome="")),
                name="dispute_handled_has_date_and_outcome",
                violation_error_message=_("已调处的纠纷必须填写调处日期和调处结果。"),
            ),
            models.CheckConstraint(
                condition=Q(handled_on__isnull=True) | Q(handled_on__gte=models.F("found_on")),
                name="dispute_handled_after_found",
                violation_error_message=_("调处日期不能早于发现日期。"),
            ),
        ]

    def __str__(self):
        return f"{self.found_on} {self.village}：{self.description[:20]}"

    def get_absolute_url(self):
        return reverse("capacity:case_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.village_id:
            errors.update(village_errors(self.village))
        errors.update(future_date_errors(self, "found_on", "handled_on"))
        if self.outcome == self.Outcome.SUCCESS and not self.handled:
            errors["outcome"] = _("调解成功的纠纷必须已调处：调解成功数不能多于已调处数。")
        if self.handled and not self.handled_on:
            errors["handled_on"] = _("已调处的纠纷必须填写调处日期。")
        if self.handled and not self.outcome:
            errors["outcome"] = _("已调处的纠纷必须填写调处结果。")
        if not self.handled and self.outcome and "outcome" not in errors:
            errors["handled"] = _("填写了调处结果的纠纷必须标记为已调处。")
        if self.found_on and self.handled_on and self.handled_on < self.found_on:
            errors["handled_on"] = _("调处日期不能早于发现日期。")
        if self.screening_id and self.village_id and self.screening.village_id != self.village_id:
            errors["screening"] = _("所属排查必须是同一村(社区)的排查。")
        if errors:
            raise ValidationError(errors)


class CollectiveEconomyDemoVillage(models.Model):
    """A village designated as a collective-economy demonstration village (集体经济示范村)."""

    village = models.ForeignKey("branches.Area", verbose_name=_("村(社区)"), on_delete=models.PROTECT,
                                related_name="collective_economy_designations")
    designated_year = models.PositiveSmallIntegerField(_("命名年度"))
    note = models.CharField(_("主要产业"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("集体经济示范村")
        verbose_name_plural = _("集体经济示范村")
        ordering = ["village__path"]
        constraints = [
            models.UniqueConstraint(fields=["village"], name="one_demo_designation_per_village",
                                    violation_error_message=_("该村(社区)已是集体经济示范村。")),
            models.CheckConstraint(condition=Q(designated_year__gte=2000) & Q(designated_year__lte=2100),
                                   name="demo_village_year_range",
                                   violation_error_message=_("命名年度应在2000至2100年之间。")),
        ]

    def __str__(self):
        return f"{self.village}（{self.designated_year}）"

    def get_absolute_url(self):
        return reverse("capacity:demo_village_detail", args=[self.pk])

    def clean(self):
        from django.utils import timezone

        errors = {}
        if self.village_id:
            errors.update(village_errors(self.village))
        if self.designated_year and self.designated_year > timezone.localdate().year:
            errors["designated_year"] = _("命名年度不能晚于今年。")
        if errors:
            raise ValidationError(errors)


class IncomeTeam(VillagePeriodRecord):
    """A party-member construction team (施工队) or income team (创收队) of a village."""

    class Kind(models.TextChoices):
        CONSTRUCTION = "construction", _("施工队")
        INCOME = "income", _("创收队")

    village = models.ForeignKey("branches.Area", verbose_name=_("村(社区)"), on_delete=models.PROTECT,
                                related_name="income_teams")
    kind = models.CharField(_("队伍类型"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=100)
    members_count = models.PositiveIntegerField(_("成员人数"))
    income = models.DecimalField(_("创收金额(元)"), max_digits=14, decimal_places=2, default=0)
    started_on = models.DateField(_("成立日期"))
    ended_on = models.DateField(_("解散日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("党员施工队/创收队")
        verbose_name_plural = _("党员施工队/创收队")
        ordering = ["village__path", "name"]
        constraints = [
            period_constraint("income_team_end_after_start"),
            models.CheckConstraint(condition=Q(income__gte=0), name="income_team_income_not_negative",
                                   violation_error_message=_("创收金额不能为负数。")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("capacity:income_team_detail", args=[self.pk])


class StrongWeakPairing(models.Model):
    """A "强带弱" pairing: a strong village helps a weak one (both in the same county)."""

    strong_village = models.ForeignKey("branches.Area", verbose_name=_("强村"), on_delete=models.PROTECT,
                                       related_name="strong_pairings")
    weak_village = models.ForeignKey("branches.Area", verbose_name=_("弱村"), on_delete=models.PROTECT,
                                     related_name="weak_pairings")
    started_on = models.DateField(_("结对日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    model_note = models.CharField(_("带动模式"), max_length=200, blank=True,
                                  help_text=_("如：支部+公司+协会(合作社)+农牧户"))

    objects = PeriodQuerySet.as_manager()
    scope_area_field = "strong_village"

    class Meta:
        verbose_name = _("强带弱结对")
        verbose_name_plural = _("强带弱结对")
        ordering = ["strong_village__path", "-started_on"]
        constraints = [
            period_constraint("strong_weak_end_after_start"),
            models.CheckConstraint(condition=~Q(strong_village=models.F("weak_village")),
                                   name="strong_weak_distinct_villages",
                                   violation_error_message=_("强村和弱村不能是同一个村。")),
        ]

    def __str__(self):
        return f"{self.strong_village} → {self.weak_village}"

    def get_absolute_url(self):
        return reverse("capacity:strong_weak_detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.strong_village_id:
            errors.update(village_errors(self.strong_village, "strong_village"))
        if self.weak_village_id:
            errors.update(village_errors(self.weak_village, "weak_village"))
        if self.strong_village_id and self.weak_village_id and not errors:
            if self.strong_village_id == self.weak_village_id:
                errors["weak_village"] = _("强村和弱村不能是同一个村。")
            elif not same_county(self.strong_village, self.weak_village):
                errors["weak_village"] = _("弱村必须与强村在同一县内。")
        errors.update(future_date_errors(self, "started_on"))
        errors.update(period_errors(self.started_on, self.ended_on))
        if errors:
            raise ValidationError(errors)


class EcologyTeam(VillagePeriodRecord):
    """A green "五支" ecology team of a village (护林、护草、护河 …) with its member count."""

    village = models.ForeignKey("branches.Area", verbose_name=_("村(社区)"), on_delete=models.PROTECT,
                                related_name="ecology_teams")
    name = models.CharField(_("队伍名称"), max_length=100)
    members_count = models.PositiveIntegerField(_("队员人数"))
    started_on = models.DateField(_("组建日期"))
    ended_on = models.DateField(_("撤销日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("绿色“五支”队伍")
        verbose_name_plural = _("绿色“五支”队伍")
        ordering = ["village__path", "name"]
        constraints = [
            period_constraint("ecology_team_end_after_start"),
            models.CheckConstraint(condition=Q(members_count__gt=0), name="ecology_team_has_members",
                                   violation_error_message=_("队员人数必须大于0。")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("capacity:ecology_team_detail", args=[self.pk])
