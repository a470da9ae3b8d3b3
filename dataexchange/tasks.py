"""Celery tasks of the import and export: thin, each loads the job by id and calls a service.

Queued with transaction.on_commit by the views, so the worker sees the stored job. Each runs in
the language of the user who started it (passed by the view), so that the row-by-row problems
stored in the preview read in the user's language; a worker's own language is the default one.
"""
from celery import shared_task
from django.conf import settings
from django.utils import translation

from . import services


@shared_task(name="dataexchange.tasks.validate_import")
def validate_import(job_id: int, language: str = settings.LANGUAGE_CODE) -> str:
    with translation.override(language):
        return services.job_validate(job_id=job_id).status


@shared_task(name="dataexchange.tasks.commit_import")
def commit_import(job_id: int, language: str = settings.LANGUAGE_CODE) -> str:
    with translation.override(language):
        return services.job_commit(job_id=job_id).status


@shared_task(name="dataexchange.tasks.run_export")
def run_export(job_id: int, language: str = settings.LANGUAGE_CODE) -> str:
    with translation.override(language):
        return services.export_job_run(job_id=job_id).status


@shared_task(name="dataexchange.tasks.purge_stale_uploads")
def purge_stale_uploads() -> dict:
    """Hourly (beat): expired previews and exports, lost jobs, files no job needs."""
    return services.jobs_purge_stale()
