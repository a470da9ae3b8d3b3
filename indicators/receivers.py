"""A change to any pillar record queues a (debounced, after-commit) recompute of what it can
affect: the years from its earliest event date on, the townships it counts in (before and after
the change), and the indicators whose query reads a column it changed. This is the one place
that knows it: pillar services stay free of indicator plumbing, and a new model is covered without
anyone remembering to call anything."""
import datetime
from functools import lru_cache

from django.apps import apps as django_apps
from django.conf import settings
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

PILLAR_APPS = {"branches", "cadres", "activities", "capacity", "evaluations", "funding"}

# Areas a record counts in besides its own (a member counted where they were before a transfer).
EXTRA_AREA_LOOKUPS = {
    "cadres.PartyMember": ["transfers__from_organization__area", "transfers__to_organization__area"],
    "cadres.OrganizationTransfer": ["from_organization__area"],
}
# Recompute the subtree of the township (tree depth 3) a record counts in; a record of a county
# itself recomputes that county, a record of the prefecture itself the whole tree.
PLACE_DEPTH = 3


def _years_of(instance, before: dict | None = None) -> list[int]:
    """The years a record can change: from its earliest event date (before or after an update) on."""
    from .services import default_years
    years = default_years()
    # A birth date says nothing about which year's records changed (and would mean "every year").
    fields = [f for f in instance._meta.concrete_fields if isinstance(f, models.DateField) and f.name != "birth_date"]
    dates = [getattr(instance, f.attname) for f in fields] + [(before or {}).get(f.attname) for f in fields]
    dated = [d.year for d in dates if isinstance(d, datetime.date)]
    # Stocks carry forward: a record dated 2021 can change every year from 2021 on.
    first = max(min(dated), years[0]) if dated else years[0]
    return [y for y in years if y >= first]


@lru_cache(maxsize=None)
def _area_lookups(model) -> tuple[str, ...] | None:
    """Lookups from `model` to the path of every Area a row of it is counted in (None: cannot tell)."""
    from branches.models import Area, PartyOrganization
    scope = getattr(model, "scope_area_field", None)
    if scope is None:
        return None
    lookups = [scope]
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is Area:
            lookups.append(field.name)
        elif field.is_relation and field.related_model is PartyOrganization:
            lookups.append(f"{field.name}__area")
    return tuple(f"{lookup}__path" for lookup in dict.fromkeys(lookups + EXTRA_AREA_LOOKUPS.get(model._meta.label, [])))


def _places(paths) -> set[str] | None:
    """The townships (or counties) of Area `paths`; None for the prefecture itself (the whole tree)."""
    from branches.models import Area
    paths = {path for path in paths if path}
    if any(len(path) < 2 * Area.steplen for path in paths):
        return None
    return {path[: PLACE_DEPTH * Area.steplen] for path in paths}


def places_of(model, pks) -> set[str] | None:
    """Tree paths of the townships (or counties) whose figures the stored rows `pks` of `model`
    count in, one query; None when that cannot be told (the whole tree is recomputed then)."""
    lookups = _area_lookups(model)
    pks = [pk for pk in pks if pk is not None]
    if lookups is None or not pks:
        return None
    rows = model._base_manager.filter(pk__in=pks).values_list(*lookups).distinct()
    return _places(path for row in rows for path in row)


def _remember_before(sender, instance, **kwargs):
    """Before a save or delete, in one query: where the stored row counts now (a change may move
    it elsewhere) and, before a save, its stored values (to tell which columns the save changes)."""
    if not _watched(sender, kwargs) or instance.pk is None:
        return
    lookups = _area_lookups(sender)
    if lookups is None:
        instance._indicator_places_before = None
        return
    attnames = [f.attname for f in sender._meta.concrete_fields]
    rows = list(sender._base_manager.filter(pk=instance.pk).values(*attnames, *lookups))
    instance._indicator_places_before = _places(row[lookup] for row in rows for lookup in lookups)
    if rows and kwargs.get("signal") is pre_save:
        instance._indicator_values_before = {name: rows[0][name] for name in attnames}


def _watched(sender, kwargs) -> bool:
    if not getattr(settings, "INDICATORS_AUTO_RECOMPUTE", True) or kwargs.get("raw"):
        return False
    if sender._meta.app_label not in PILLAR_APPS:
        return False
    # Migrations save through historical model classes: not a record change worth a recompute
    # (and the indicator tables may not exist yet).
    return django_apps.get_model(sender._meta.label) is sender


def _changed_columns(sender, instance, kwargs) -> list[str] | None:
    """Columns an update changed; None for a new or deleted row (every column)."""
    before = getattr(instance, "_indicator_values_before", None)
    if kwargs.get("signal") is not post_save or kwargs.get("created") or before is None:
        return None
    return [f.column for f in sender._meta.concrete_fields if before.get(f.attname) != getattr(instance, f.attname)]


def _on_change(sender, instance, **kwargs):
    if not _watched(sender, kwargs):
        return
    from .services import queue_recompute
    if kwargs.get("signal") is m2m_changed:
        if not kwargs.get("action", "").startswith("post_"):
            return
        places, columns = places_of(type(instance), [instance.pk]), None
    else:
        before = getattr(instance, "_indicator_places_before", set())
        after = set() if kwargs.get("signal") is post_delete else places_of(sender, [instance.pk])
        places = None if before is None or after is None else before | after
        columns = _changed_columns(sender, instance, kwargs)
        if columns is not None and not _read_by_any_indicator(sender._meta.db_table, columns):
            return  # saved without a change, or changed only what no indicator reads (a phone number)
    queue_recompute(_years_of(instance, getattr(instance, "_indicator_values_before", None)),
                    under=sorted(places) if places else None, tables=[sender._meta.db_table], columns=columns)


def bulk_created(model, objs) -> None:
    """What post_save would queue for each of `objs`, rows inserted by bulk_create (which sends no
    signals), asked once for all of them: their years together, the places they count in."""
    if not objs or not _watched(model, {}):
        return
    from .services import queue_recompute
    years = sorted(set().union(*(_years_of(obj) for obj in objs)))
    places = places_of(model, [obj.pk for obj in objs])
    queue_recompute(years, under=sorted(places) if places else None, tables=[model._meta.db_table])


def _read_by_any_indicator(table: str, columns: list[str]) -> bool:
    from . import engine, registry
    return bool(columns) and any(engine.reads_any(i, [table], columns) for i in registry.all_indicators())


def connect() -> None:
    pre_save.connect(_remember_before, dispatch_uid="indicators.pre_save")
    pre_delete.connect(_remember_before, dispatch_uid="indicators.pre_delete")
    post_save.connect(_on_change, dispatch_uid="indicators.post_save")
    post_delete.connect(_on_change, dispatch_uid="indicators.post_delete")
    m2m_changed.connect(_on_change, dispatch_uid="indicators.m2m_changed")
