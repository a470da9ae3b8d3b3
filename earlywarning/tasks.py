"""Thin Celery task: store the early-warning scores. Nightly before the indicators' nightly recompute
(which counts them by level); after a new weight version, followed by the indicators of its years."""
from celery import shared_task

from . import services


@shared_task(name="earlywarning.tasks.recompute_scores")
def recompute_scores(years: list[int] | None = None, then_indicators: bool = False) -> int:
    years = years or services.stored_years()
    written = services.scores_recompute(years=years)
    if then_indicators:
        from indicators.tasks import recompute_years

        recompute_years.delay(years=years)
    return written
