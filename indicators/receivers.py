"""A change to any pillar record queues a (debounced, after-commit) recompute of the years it can
affect. This is the one place that knows it: pillar services stay free of indicator plumbing, and a
new model is covered without anyone remembering to call anything."""
import datetime

from django.apps import apps as django_apps
from django.conf import settings
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save

PILLAR_APPS = {"branches", "cadres", "activities", "capacity", "evaluations", "funding"}


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


def _on_change(sender, instance, **kwargs):
    if not getattr(settings, "INDICATORS_AUTO_RECOMPUTE", True) or kwargs.get("raw"):
        return
    if sender._meta.app_label not in PILLAR_APPS:
        return
    # Migrations save through historical model classes: not a record change worth a recompute
    # (and the indicator tables may not exist yet).
    if django_apps.get_model(sender._meta.label) is not sender:
        return
    from .services import queue_recompute
    queue_recompute(_years_of(instance))


def connect() -> None:
    post_save.connect(_on_change, dispatch_uid="indicators.post_save")
    post_delete.connect(_on_change, dispatch_uid="indicators.post_delete")
    m2m_changed.connect(_on_change, dispatch_uid="indicators.m2m_changed")
