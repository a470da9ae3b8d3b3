"""Plausibility checks the pillar models share in their clean().

One rule, one place: a record of something that has happened (an activity held, money spent, an
assessment made, a person taking office …) cannot be dated after today. Dates that look ahead — a
term's end, a deadline, the planned end of a pairing — are not checked here; each model lists
the fields it refuses in the future (tests/test_plausibility.py holds the list of every DateField).
"""
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def future_date_errors(obj, *fields: str) -> dict:
    """{field: message} for each of `fields` of `obj` dated after today; empty fields pass.

    The message names the field (its verbose_name), so it reads the same on the web form and in
    an import's error list."""
    today = timezone.localdate()
    errors = {}
    for name in fields:
        value = getattr(obj, name)
        # A value that is not a date yet (a field that failed its own cleaning) is left to that field's error.
        if isinstance(value, date) and value > today:
            errors[name] = _("%(field)s不能晚于今天。") % {"field": obj._meta.get_field(name).verbose_name}
    return errors


def village_errors(village, field: str = "village") -> dict:
    """The village of a record must be a village-level Area."""
    from branches.models import Area

    if village is not None and village.level != Area.Level.VILLAGE:
        return {field: _("请选择村(社区)一级的区域。")}
    return {}


def same_county(area_a, area_b) -> bool:
    """True when both areas lie in the same county (paths share the first two tree steps)."""
    from branches.models import Area

    prefix = 2 * Area.steplen
    return area_a.path[:prefix] == area_b.path[:prefix]
