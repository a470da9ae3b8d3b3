"""The two writes every simple record of the pillars shares (HackSoft's `model_update`).

A pillar service that only creates or changes a record's own fields calls these inside its own
transaction; one with more to check (attendees, balances, a case still open) adds its checks
around them. The scope is checked where the record is before the change *and* where the new values
put it (tests/test_update_scope.py), so a clerk cannot move a record out of their county.
"""
from __future__ import annotations

from django.db import models

from .scoping import area_of, require_editable


def scoped_create(model: type[models.Model], *, actor, **fields) -> models.Model:
    """A new `model` row from `fields`: scope check on its area, `full_clean()`, save."""
    instance = model(**fields)
    require_editable(actor=actor, area=area_of(instance))
    instance.full_clean()
    instance.save()
    return instance


def _update_fields(instance: models.Model, names) -> list[str]:
    """The columns to write for a change of `names`: those of them that are concrete fields, and the
    fields derived from them on save (a LookupHashField follows its `source`)."""
    by_name = {}
    for field in instance._meta.concrete_fields:
        by_name[field.name] = by_name[field.attname] = field.name
    changed = {by_name[name] for name in names if name in by_name}
    derived = {field.name for field in instance._meta.concrete_fields
               if getattr(field, "source", None) in changed}
    return sorted(changed | derived)


def scoped_update(instance: models.Model, *, actor, **fields) -> models.Model:
    """Set `fields` on `instance`: scope check on the old and the new area, `full_clean()`, then
    `save(update_fields=…)` of the changed fields only (another field changed meanwhile by someone
    else is not overwritten with this object's stale value)."""
    require_editable(actor=actor, area=area_of(instance))
    for name, value in fields.items():
        setattr(instance, name, value)
    require_editable(actor=actor, area=area_of(instance))
    instance.full_clean()
    instance.save(update_fields=_update_fields(instance, fields))
    return instance
