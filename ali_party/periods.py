"""Records of a village that run for a period: a start date and an optional end date.

The rules are the stock convention's (ali_party.stock): the start date is the first day in force,
the end date the last. A start cannot be in the future, an end cannot be before the start (the
database holds that rule too: `period_constraint`).
"""
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import ScopedQuerySet
from ali_party.stock import in_force_on
from ali_party.validators import future_date_errors, village_errors


class PeriodQuerySet(ScopedQuerySet):
    """Records with a start and an optional end; `active_on(day)` is the year-end stock rule."""

    start_field = "started_on"
    end_field = "ended_on"

    def active_on(self, day: date):
        return self.filter(in_force_on(day, start=self.start_field, end=self.end_field))


def period_errors(start, end, end_field: str = "ended_on") -> dict:
    if start and end and end < start:
        return {end_field: _("结束日期不能早于开始日期。")}
    return {}


def period_constraint(name: str, start: str = "started_on", end: str = "ended_on"):
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": models.F(start)}),
        name=name, violation_error_message=_("结束日期不能早于开始日期。"))


class VillagePeriodRecord(models.Model):
    """A record of one village that starts on a day and may end on a later one (a pairing, a team).

    Each concrete model overrides the three fields to give them its own labels and related_name
    (the columns and the migrations stay the model's own), and lists
    `period_constraint("<its name>")` in its Meta.constraints.
    """

    village = models.ForeignKey("branches.Area", verbose_name=_("村(社区)"), on_delete=models.PROTECT,
                                related_name="+")
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)

    objects = PeriodQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        abstract = True

    def active_on(self, day: date) -> bool:
        """In force on `day`: started by then, and ended on that day at the earliest."""
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)

    def village_record_errors(self) -> dict:
        """The model's own rules that need the village (checked once one is chosen, before the
        dates)."""
        return {}

    def clean(self):
        errors = {}
        if self.village_id:
            errors.update(village_errors(self.village))
            errors.update(self.village_record_errors())
        errors.update(future_date_errors(self, "started_on"))
        errors.update(period_errors(self.started_on, self.ended_on))
        if errors:
            raise ValidationError(errors)
