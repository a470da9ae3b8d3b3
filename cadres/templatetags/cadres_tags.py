from django import template

from ..dates import age_band, age_on

register = template.Library()


@register.filter
def age_at(birth_date, day):
    """{{ member.birth_date|age_at:today }} — completed years on `day` (age is never stored)."""
    return age_on(birth_date, day) if birth_date and day else ""


@register.filter
def age_band_at(birth_date, day):
    return age_band(age_on(birth_date, day)) if birth_date and day else ""
