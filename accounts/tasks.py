"""Celery tasks of accounts: thin, each calls a service."""
from celery import shared_task

from . import services


@shared_task(name="accounts.tasks.purge_audit_log")
def purge_audit_log() -> int:
    """celery beat, daily: delete audit rows past AUDIT_RETENTION_DAYS (idempotent: a rerun on the
    same day deletes nothing more and records one more purge event)."""
    return services.audit_purge(source="定时任务").total
