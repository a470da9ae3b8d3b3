"""Thin Celery tasks: load arguments, call the service. acks_late is on (settings), so a task whose
worker dies is delivered again; the service is idempotent, so running it twice is harmless."""
from celery import shared_task

from . import services
from .models import RecomputeRun


@shared_task(name="indicators.tasks.recompute_all")
def recompute_all(run_id: int | None = None) -> int:
    run = RecomputeRun.objects.filter(pk=run_id).first() if run_id else None
    return services.recompute(run=run).pk


@shared_task(name="indicators.tasks.recompute_years")
def recompute_years(years: list[int], run_id: int | None = None, under: list[str] | None = None,
                    tables: list[str] | None = None, columns: list[str] | None = None) -> int:
    run = RecomputeRun.objects.filter(pk=run_id).first() if run_id else None
    return services.recompute(years=years, run=run, under=under, tables=tables, columns=columns).pk


@shared_task(name="indicators.tasks.process_dirty")
def process_dirty() -> list[int]:
    """After every committed change, and from celery beat every minute (which catches whatever was
    marked while the broker was unreachable): recompute what the dirty marks ask for."""
    return services.process_dirty()
