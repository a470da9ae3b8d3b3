"""软弱涣散预警: the weight versions and the scores computed with them.

The score of an organization and year is never typed in: `services.scores_compute` adds up the
weights of the signals (earlywarning.signals) present in the records, and the nightly task stores
the result here (what the ranked list, the organization's page and the indicators read).
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import ScopedQuerySet
from branches.models import PartyOrganization

from . import defaults

MAX_WEIGHT = 100


class Level(models.TextChoices):
    NONE = "none", _("无预警")
    WATCH = "watch", _("关注")
    WARNING = "warning", _("预警")


class WeightSet(models.Model):
    """One version of the signal weights and level thresholds, in force from `valid_from` on (until a
    newer version takes over). Never edited once written: a change is a new version, so every stored
    score can say which weights it was computed with."""

    version = models.PositiveIntegerField(_("版本号"), unique=True, editable=False)
    valid_from = models.PositiveSmallIntegerField(_("起用年度"))
    watch_from = models.PositiveSmallIntegerField(_("关注起点分"), default=defaults.WATCH_FROM)
    warning_from = models.PositiveSmallIntegerField(_("预警起点分"), default=defaults.WARNING_FROM)
    note = models.TextField(_("调整说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+", editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("预警权重版本")
        verbose_name_plural = _("预警权重版本")
        ordering = ["-version"]
        constraints = [
            models.CheckConstraint(condition=models.Q(watch_from__gte=1, warning_from__gt=models.F("watch_from")),
                                   name="weightset_levels_ordered",
                                   violation_error_message=_("预警起点分必须高于关注起点分，关注起点分至少为1。")),
        ]

    def __str__(self):
        return _("第%(version)s版（%(year)s年起）") % {"version": self.version, "year": self.valid_from}

    def get_absolute_url(self):
        return reverse("earlywarning:weightset_list") + f"#v{self.version}"

    def clean(self):
        if self.watch_from is not None and self.warning_from is not None:
            if self.watch_from < 1:
                raise ValidationError({"watch_from": _("关注起点分至少为1。")})
            if self.warning_from <= self.watch_from:
                raise ValidationError({"warning_from": _("预警起点分必须高于关注起点分。")})

    def level_of(self, score: int) -> str:
        if score >= self.warning_from:
            return Level.WARNING
        if score >= self.watch_from:
            return Level.WATCH
        return Level.NONE


class Weight(models.Model):
    """The weight of one signal (by its code in earlywarning.signals) in one version."""

    weight_set = models.ForeignKey(WeightSet, verbose_name=_("权重版本"), on_delete=models.CASCADE,
                                   related_name="weights")
    signal = models.CharField(_("预警信号"), max_length=40)
    weight = models.PositiveSmallIntegerField(_("权重（分）"))

    class Meta:
        verbose_name = _("信号权重")
        verbose_name_plural = _("信号权重")
        ordering = ["weight_set", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["weight_set", "signal"], name="weight_one_per_signal",
                                    violation_error_message=_("同一版本中每个信号只有一个权重。")),
            models.CheckConstraint(condition=models.Q(weight__lte=MAX_WEIGHT), name="weight_at_most_100",
                                   violation_error_message=_("权重不能超过100分。")),
        ]

    def __str__(self):
        return f"{self.signal}: {self.weight}"


class OrganizationScore(models.Model):
    """The stored early-warning score of one organization in one year: the weights of the signals
    found (`signals`: [{"code", "weight", "message", "params"}], in the registry's order; the detail is
shown in the reader's language, signals.render_detail), the level, and the
    weight version used. Written only by services.scores_recompute."""

    organization = models.ForeignKey(PartyOrganization, verbose_name=_("党组织"), on_delete=models.CASCADE,
                                     related_name="warning_scores")
    year = models.PositiveSmallIntegerField(_("年度"))
    score = models.PositiveSmallIntegerField(_("预警分"))
    level = models.CharField(_("预警等级"), max_length=10, choices=Level.choices)
    weight_set = models.ForeignKey(WeightSet, verbose_name=_("权重版本"), on_delete=models.PROTECT,
                                   related_name="scores")
    signals = models.JSONField(_("预警信号"), default=list)
    computed_at = models.DateTimeField(_("计算时间"))

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("软弱涣散预警分")
        verbose_name_plural = _("软弱涣散预警分")
        ordering = ["-year", "-score", "organization__area__path", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="warningscore_one_per_org_year"),
        ]
        indexes = [models.Index(fields=["year", "level"])]

    def __str__(self):
        return _("%(organization)s %(year)s年预警分%(score)s") % {
            "organization": self.organization, "year": self.year, "score": self.score}

    def get_absolute_url(self):
        return self.organization.get_absolute_url()
