"""Template helpers for the generic record pages (ali_party.records): a cell by dotted path, a detail page's rows."""
import datetime

from django import template
from django.db import models
from django.utils.translation import gettext as _

register = template.Library()


def _display(value):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@register.filter
def cell(obj, path: str):
    """The value at a dotted attribute path, using get_FOO_display for choice fields."""
    for part in path.split("."):
        if obj is None:
            break
        display = getattr(obj, f"get_{part}_display", None)
        obj = display() if callable(display) else getattr(obj, part)
    return _display(obj)


@register.simple_tag
def field_rows(obj):
    """(label, value) for each concrete, non-file field of `obj` (for generic detail pages)."""
    rows = []
    for field in obj._meta.fields:
        if field.primary_key or isinstance(field, models.FileField):
            continue
        rows.append((field.verbose_name, cell(obj, field.name)))
    return rows
