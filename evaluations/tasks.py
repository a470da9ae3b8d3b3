"""Celery tasks of 基本制度 (thin: each calls a service).

Beat schedule (wired by the lead in CELERY_BEAT_SCHEDULE):
    "evaluations-compliance-reminders-daily": {
        "task": "evaluations.tasks.raise_compliance_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
"""
from celery import shared_task
from django.utils import timezone

from .services import reminders_raise


@shared_task(name="evaluations.tasks.raise_compliance_reminders")
def raise_compliance_reminders() -> int:
    """Raise reminders for organizations behind on a period that closes soon. Returns how many."""
    return reminders_raise(today=timezone.localdate())
