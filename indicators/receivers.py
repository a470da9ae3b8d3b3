"""A change to any pillar record marks the snapshots it can move as stale, in the change's own
transaction (indicators.services.mark_dirty): the years it counts in, the townships it counts in,
before and after the change, and the tables and columns it changed. This is the one place that
reads a record's footprint; pillar services stay free of indicator plumbing, and a new model is
covered without anyone remembering to call anything.

Where a row counts is read from the database (before a save or delete, and after it), through
the lookups of `footprint_lookups`: the row's own columns, plus what its app declared with
`registry.counts_in` for the places and years it counts in through related rows.
"""
from ali_party.pillars import RECORD_APPS
import datetime
from functools import lru_cache

from django.apps import apps as django_apps
from django.conf import settings
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from ali_party.signals import bulk_saved

PILLAR_APPS = set(RECORD_APPS)

# Recompute the subtree of the township (tree depth 3) a record counts in; a record of a county
# itself recomputes that county, a record of the prefecture itself the whole tree.
PLACE_DEPTH = 3


@lru_cache(maxsize=None)
def footprint_lookups(model) -> tuple[tuple[str, ...] | None, tuple[str, ...], bool]:
    """(lookups to the path of every Area a row counts in, or None: cannot tell (the whole tree);
    lookups to every date or year number that bounds the years it counts in; every year or not)."""
    from branches.models import Area, PartyOrganization

    from . import registry
    declared = registry.footprint(model._meta.label)
    scope = getattr(model, "scope_area_field", None)
    places = None
    if scope is not None:
        lookups = [scope]
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Area:
                lookups.append(field.name)
            elif field.is_relation and field.related_model is PartyOrganization:
                lookups.append(f"{field.name}__area")
        places = tuple(f"{lookup}__path" for lookup in dict.fromkeys(lookups + list(declared.places)))
    dates = []
    for field in model._meta.concrete_fields:
        # A birth date says nothing about which year's records changed (and would mean "every year").
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField) \
                and field.name != "birth_date":
            dates.append(field.name)
        elif isinstance(field, models.IntegerField) and (field.name == "year" or field.name.endswith("_year")):
            dates.append(field.name)
    return places, tuple(dict.fromkeys(dates + list(declared.dates))), declared.every_year


def _places(paths) -> set[str] | None:
    """The townships (or counties) of Area `paths`; None for the prefecture itself (the whole tree)."""
    from branches.models import Area
    paths = {path for path in paths if path}
    if any(len(path) < 2 * Area.steplen for path in paths):
        return None
    return {path[: PLACE_DEPTH * Area.steplen] for path in paths}


def _year_of(value) -> int | None:
    if isinstance(value, datetime.date):
        return value.year
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


class Footprint:
    """Where and when some rows of one model count: `places` (tree paths; None: the whole tree)
    and `first_year` (0: every year; None: nothing known yet, as for no rows at all)."""

    def __init__(self, places: set[str] | None, first_year: int | None):
        self.places, self.first_year = places, first_year

    @classmethod
    def empty(cls) -> "Footprint":
        return cls(set(), None)

    def __or__(self, other: "Footprint") -> "Footprint":
        places = None if self.places is None or other.places is None else self.places | other.places
        firsts = [y for y in (self.first_year, other.first_year) if y is not None]
        return Footprint(places, min(firsts) if firsts else None)


def footprint_of(model, pks, values: dict | None = None) -> Footprint:
    """Where and when the stored rows `pks` of `model` count, in one query; with `values` (a row's
    own column values, as they are on the instance: a new row's, or a deleted one's) also the
    years those say."""
    place_lookups, date_lookups, every_year = footprint_lookups(model)
    pks = [pk for pk in pks if pk is not None]
    paths, years, rows = [], [], 0
    if pks:
        n = len(place_lookups or ())
        for row in model._base_manager.filter(pk__in=pks).values_list(
                *(place_lookups or ()), *date_lookups).distinct():
            rows += 1
            paths.extend(row[:n])
            years.extend(y for y in map(_year_of, row[n:]) if y is not None)
    if rows and not years:
        years = [0]  # stored rows without any date count in every year
    if values:
        years.extend(y for y in (_year_of(values.get(name)) for name in date_lookups if "__" not in name)
                     if y is not None)
    if not rows and not years:
        return Footprint.empty()
    places = None if place_lookups is None else _places(paths)
    # Models that other records are counted through count in every year.
    return Footprint(places, 0 if every_year else min(years))


def _remember_before(sender, instance, **kwargs):
    """Before a save or delete, in one query: where and when the stored row counts now (a change
    may move it elsewhere) and, before a save, its stored values (to tell which columns changed)."""
    if not _watched(sender, kwargs) or instance.pk is None:
        return
    instance._indicator_footprint_before = footprint_of(sender, [instance.pk])
    if kwargs.get("signal") is pre_save:
        attnames = [f.attname for f in sender._meta.concrete_fields]
        rows = list(sender._base_manager.filter(pk=instance.pk).values(*attnames))
        if rows:
            instance._indicator_values_before = rows[0]


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


def _own_values(instance) -> dict:
    return {f.name: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def _on_change(sender, instance, **kwargs):
    if not _watched(sender, kwargs):
        return
    from .services import mark_dirty
    signal = kwargs.get("signal")
    if signal is m2m_changed:
        if not kwargs.get("action", "").startswith("post_"):
            return
        model = type(instance)
        footprint, columns = footprint_of(model, [instance.pk]), None
        tables = [sender._meta.db_table, model._meta.db_table]  # the link table, and the row's own
    else:
        columns = _changed_columns(sender, instance, kwargs)
        tables = [sender._meta.db_table]
        before = getattr(instance, "_indicator_footprint_before", Footprint.empty())
        # A deleted row is gone: where it counted was read before the delete (its own dates are
        # still on the instance).
        after = (Footprint(set(), None) if signal is post_delete else footprint_of(sender, [instance.pk]))
        before_values = getattr(instance, "_indicator_values_before", None) or {}
        footprint = before | after | footprint_of(sender, [], _own_values(instance)) | \
            footprint_of(sender, [], {f.name: before_values.get(f.attname) for f in sender._meta.concrete_fields})
    if not _read_by_any_indicator(tables, columns):
        return  # saved without a change, or changed only what no indicator reads (a phone number)
    mark_dirty(footprint.first_year, places=footprint.places, tables=tables, columns=columns)


def _on_bulk_saved(sender, objs, **kwargs) -> None:
    """What post_save would mark for each of `objs`, rows inserted by bulk_create (which sends no
    signals; the inserting service sends ali_party.signals.bulk_saved), asked once for all of them:
    their years together, the places they count in."""
    model = sender
    if not objs or not _watched(model, {}):
        return
    from .services import mark_dirty
    if not _read_by_any_indicator([model._meta.db_table], None):
        return
    footprint = footprint_of(model, [obj.pk for obj in objs])
    for obj in objs:
        footprint = footprint | footprint_of(model, [], _own_values(obj))
    mark_dirty(footprint.first_year, places=footprint.places, tables=[model._meta.db_table])


def _read_by_any_indicator(tables: list[str], columns: list[str] | None) -> bool:
    """Whether some indicator reads one of `tables` (and, for an update, one of the changed `columns`)."""
    from . import engine, registry
    if columns is not None and not columns:
        return False
    return any(engine.reads_any(i, tables, columns) for i in registry.all_indicators())


def connect() -> None:
    pre_save.connect(_remember_before, dispatch_uid="indicators.pre_save")
    pre_delete.connect(_remember_before, dispatch_uid="indicators.pre_delete")
    post_save.connect(_on_change, dispatch_uid="indicators.post_save")
    post_delete.connect(_on_change, dispatch_uid="indicators.post_delete")
    m2m_changed.connect(_on_change, dispatch_uid="indicators.m2m_changed")
    bulk_saved.connect(_on_bulk_saved, dispatch_uid="indicators.bulk_saved")
