"""The lapse warning's snapshot: one row per member and kind at 3 or more consecutive months, written
whole by the daily job (services.warnings_compute; the rule: rules.py). Nothing here changes a
member: a warning asks the branch to act, the branch meeting decides."""
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import ScopedQuerySet

from . import rules


class Kind(models.TextChoices):
    ATTENDANCE = "attendance", _("未参加组织生活")
    DUES = "dues", _("未交纳党费")


class LapseWarning(models.Model):
    """A member in good standing with `months` consecutive months (from `first_month` to
    `last_month`, ending no earlier than the reference month's streak allows) without attendance or
    without paying dues that were due, as of `computed_on`. `organization` is the member's
    organization when computed (the branch that should act)."""

    member = models.ForeignKey("cadres.PartyMember", verbose_name=_("党员"), on_delete=models.CASCADE,
                               related_name="lapse_warnings")
    organization = models.ForeignKey("branches.PartyOrganization", verbose_name=_("党组织"),
                                     on_delete=models.CASCADE, related_name="lapse_warnings")
    kind = models.CharField(_("预警类型"), max_length=20, choices=Kind.choices)
    months = models.PositiveSmallIntegerField(_("连续月数"))
    first_month = models.DateField(_("起始月份"))
    last_month = models.DateField(_("最近月份"))
    computed_on = models.DateField(_("计算日期"))

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("失联失管预警")
        verbose_name_plural = _("失联失管预警")
        ordering = ["-months", "organization__area__path", "organization__name", "member__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "kind"], name="lapse_warning_one_per_kind"),
            models.CheckConstraint(condition=Q(months__gte=rules.LEVELS[0]), name="lapse_warning_months_at_level"),
        ]
        indexes = [models.Index(fields=["organization", "months"])]

    def __str__(self):
        return f"{self.member} {self.get_kind_display()} {self.months}"

    def get_absolute_url(self):
        return reverse("lapse:warning_list")
