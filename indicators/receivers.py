"""A change to any pillar record queues a (debounced, after-commit) recompute of the years it can
affect, limited to the counties it touches and the indicators that read its table. This is the one
place that knows it: pillar services stay free of indicator plumbing, and a new model is covered
without anyone remembering to call anything."""
import datetime

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


def _years_of(instance) -> list[int]:
    from .services import default_years
    years = default_years()
    # A birth date says nothing about which year's records changed (and would mean "every year").
    dates = [getattr(instance, f.attname) for f in instance._meta.concrete_fields
             if isinstance(f, models.DateField) and f.name != "birth_date"]
    dated = [d.year for d in dates if isinstance(d, datetime.date)]
    # Stocks carry forward: a record dated 2021 can change every year from 2021 on.
    first = max(min(dated), years[0]) if dated else years[0]
    return [y for y in years if y >= first]


def _area_lookups(model) -> list[str] | None:
    """Lookups from `model` to every Area a row of it is counted in (None: cannot tell)."""
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
    return list(dict.fromkeys(lookups + EXTRA_AREA_LOOKUPS.get(model._meta.label, [])))


def counties_of(model, pk) -> set[str] | None:
    """Tree paths of the counties (depth-2 nodes) whose figures the stored row `pk` of `model`
    counts in; None when that cannot be told (the whole tree is recomputed then)."""
    from branches.models import Area
    lookups = _area_lookups(model)
    if lookups is None or pk is None:
        return None
    depth = 2 * Area.steplen
    paths = set()
    for row in model._base_manager.filter(pk=pk).values_list(*[f"{lookup}__path" for lookup in lookups]):
        paths.update(path for path in row if path)
    if any(len(path) < depth for path in paths):
        return None  # a record of the prefecture itself
    return {path[:depth] for path in paths}


def _remember_counties(sender, instance, **kwargs):
    """Before a save or delete: where the stored row counts now (a change may move it elsewhere)."""
    if not _watched(sender, kwargs) or instance.pk is None:
        return
    instance._indicator_counties_before = counties_of(sender, instance.pk)


def _watched(sender, kwargs) -> bool:
    if not getattr(settings, "INDICATORS_AUTO_RECOMPUTE", True) or kwargs.get("raw"):
        return False
    if sender._meta.app_label not in PILLAR_APPS:
        return False
    # Migrations save through historical model classes: not a record change worth a recompute
    # (and the indicator tables may not exist yet).
    return django_apps.get_model(sender._meta.label) is sender


def _on_change(sender, instance, **kwargs):
    if not _watched(sender, kwargs):
        return
    from .services import queue_recompute
    if kwargs.get("signal") is m2m_changed:
        if not kwargs.get("action", "").startswith("post_"):
            return
        counties = counties_of(type(instance), instance.pk)
    else:
        before = getattr(instance, "_indicator_counties_before", set())
        after = set() if kwargs.get("signal") is post_delete else counties_of(sender, instance.pk)
        counties = None if before is None or after is None else before | after
    queue_recompute(_years_of(instance), under=sorted(counties) if counties else None,
                    tables=[sender._meta.db_table])


def connect() -> None:
    pre_save.connect(_remember_counties, dispatch_uid="indicators.pre_save")
    pre_delete.connect(_remember_counties, dispatch_uid="indicators.pre_delete")
    post_save.connect(_on_change, dispatch_uid="indicators.post_save")
    post_delete.connect(_on_change, dispatch_uid="indicators.post_delete")
    m2m_changed.connect(_on_change, dispatch_uid="indicators.m2m_changed")
