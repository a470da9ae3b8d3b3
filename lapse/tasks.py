"""Celery task of the lapse warning (thin: calls the service). Beat: "lapse-warnings-daily"
(ali_party/settings/base.py)."""
from celery import shared_task
from django.utils import timezone

from .services import warnings_compute


@shared_task(name="lapse.tasks.compute_lapse_warnings")
def compute_lapse_warnings() -> int:
    """Recompute the snapshot of lapse warnings as of today. Returns how many."""
    return warnings_compute(today=timezone.localdate())
