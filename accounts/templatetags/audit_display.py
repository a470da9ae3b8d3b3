"""The audit page shows change-log values through `mask_personal`: entries written before the ID
mask was narrowed (issue 17) carry the old mask, which the page must not show as stored."""
from django import template

from accounts.audit import model_label
from ali_party.logging import mask_personal_data

register = template.Library()


@register.filter
def mask_personal(value):
    return mask_personal_data(str(value)) if value is not None else value



@register.filter
def model_name(content_type):
    """A change's kind of record in the active language (accounts.audit.model_label)."""
    model = content_type.model_class()
    return content_type.model if model is None else model_label(model)
