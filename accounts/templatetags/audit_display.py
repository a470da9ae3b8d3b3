"""The audit page shows change-log values through `mask_personal`: entries written before the ID
mask was narrowed (issue 17) carry the old mask, which the page must not show as stored."""
from django import template

from ali_party.logging import mask_personal_data

register = template.Library()


@register.filter
def mask_personal(value):
    return mask_personal_data(str(value)) if value is not None else value
