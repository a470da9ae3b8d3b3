"""Money in templates: amounts are stored in yuan and shown as 元 or 万元, exactly (no floats).

    {% load money %}
    {{ allocation.amount|yuan }}      → 1,234,567.50 元
    {{ allocation.amount|wan_yuan }}  → 123.46 万元
    {{ rate|percent }}                → 80.53%
"""
from decimal import Decimal, InvalidOperation

from django import template

from django.utils.translation import gettext as _

from ali_party.rounding import round_half_up

register = template.Library()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def _grouped(number: Decimal) -> str:
    return f"{round_half_up(number):,}"


@register.filter
def yuan(value) -> str:
    number = _decimal(value)
    return "—" if number is None else _("%(amount)s 元") % {"amount": _grouped(number)}


@register.filter
def wan_yuan(value) -> str:
    """Yuan shown in 万元 with two decimals."""
    number = _decimal(value)
    return "—" if number is None else _("%(amount)s 万元") % {"amount": _grouped(number / 10000)}


@register.filter
def percent(value) -> str:
    number = _decimal(value)
    return "—" if number is None else f"{round_half_up(number)}%"
