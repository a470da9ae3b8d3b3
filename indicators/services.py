"""Recomputing indicator snapshots. Idempotent: a rerun writes the same values; a failed run
writes nothing, so the last good snapshot stays in place."""
from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnavailable

from branches.models import Area

from . import engine, registry
from .models import IndicatorSnapshot, RecomputeRun

logger = logging.getLogger(__name__)


def default_years() -> list[int]:
    first = getattr(settings, "INDICATOR_FIRST_YEAR", 2019)
    return list(range(first, timezone.localdate().year + 1))


def compute_snapshots(year: int, tree=None, memo: dict | None = None) -> list[IndicatorSnapshot]:
    """Every indicator for one year at every node with data (in memory, nothing written)."""
    tree = tree or engine._tree()
    memo = {} if memo is None else memo
    now = timezone.now()
    rows = []
    for indicator in registry.all_indicators():
        for area_id, value in engine.compute_year(indicator, year, tree, memo).items():
            rows.append(IndicatorSnapshot(code=indicator.code, area_id=area_id, year=year, value=value.value,
                                          numerator=value.numerator, denominator=value.denominator,
                                          computed_at=now))
    return rows


@transaction.atomic
def write_snapshots(year: int, rows: list[IndicatorSnapshot]) -> int:
    """Make one year's stored snapshots equal `rows`, writing only what differs.

    Upserts (ON CONFLICT DO UPDATE) make two runs at once safe; comparing first means a second
    run over unchanged records writes nothing. Returns the number of rows written or deleted.
    """
    key = lambda code, area_id: (code, area_id)  # noqa: E731
    stored = {key(c, a): (v, n, d) for c, a, v, n, d in IndicatorSnapshot.objects.filter(year=year).values_list(
        "code", "area_id", "value", "numerator", "denominator")}
    changed = [r for r in rows if stored.get(key(r.code, r.area_id)) != (r.value, r.numerator, r.denominator)]
    if changed:
        IndicatorSnapshot.objects.bulk_create(
            changed, batch_size=2000, update_conflicts=True, unique_fields=["code", "area", "year"],
            update_fields=["value", "numerator", "denominator", "computed_at"])
    wanted = {key(r.code, r.area_id) for r in rows}
    stale = [k for k in stored if k not in wanted]
    for code, area_id in stale:
        IndicatorSnapshot.objects.filter(year=year, code=code, area_id=area_id).delete()
    return len(changed) + len(stale)


def recompute(years: list[int] | None = None, run: RecomputeRun | None = None) -> RecomputeRun:
    years = sorted(set(years or default_years()))
    run = run or RecomputeRun.objects.create(years=",".join(map(str, years)))
    RecomputeRun.objects.filter(pk=run.pk).update(status=RecomputeRun.Status.RUNNING, started_at=timezone.now(),
                                                  steps_total=len(years), steps_done=0)
    try:
        tree = engine._tree()
        memo: dict = {}  # a change in points reuses the rate computed for the year before
        for done, year in enumerate(years, start=1):
            write_snapshots(year, compute_snapshots(year, tree, memo))
            RecomputeRun.objects.filter(pk=run.pk).update(steps_done=done)
    except Exception as error:
        RecomputeRun.objects.filter(pk=run.pk).update(status=RecomputeRun.Status.FAILED, error=repr(error)[:2000],
                                                      finished_at=timezone.now())
        raise
    RecomputeRun.objects.filter(pk=run.pk).update(status=RecomputeRun.Status.DONE, finished_at=timezone.now())
    run.refresh_from_db()
    return run


DEBOUNCE_SECONDS = 10
# RecomputeRun.error of a run that could not be handed to the broker (Redis unreachable); the
# dashboard shows it as 排队中 over the last snapshot, tasks.send_pending_recomputes sends it later.
BROKER_DOWN = "消息队列不可用，恢复后自动计算"
# After a failed publish, saves skip the broker for this long (no publish timeout on every save).
BROKER_DOWN_SECONDS = 30


def queue_recompute(years: list[int]) -> None:
    """Ask for a recompute of `years` after the current transaction commits.

    Debounced: many saves within DEBOUNCE_SECONDS queue one task per year (a cache key marks a
    year as already queued), so a bulk edit does not start hundreds of recomputes.

    The broker being unreachable never fails a save (the record is committed by then and must be
    acknowledged): the request is kept in PostgreSQL as a queued RecomputeRun instead.
    """
    from .tasks import recompute_years

    def _queue():
        pending = [y for y in sorted(set(years)) if cache.add(f"indicators:queued:{y}", 1, DEBOUNCE_SECONDS)]
        if not pending:
            return
        if not settings.CELERY_TASK_ALWAYS_EAGER and cache.get("indicators:broker-down"):
            keep_for_later(pending)
            return
        try:
            recompute_years.apply_async(kwargs={"years": pending}, countdown=0 if settings.CELERY_TASK_ALWAYS_EAGER
                                        else DEBOUNCE_SECONDS)
        except BrokerUnavailable:
            logger.warning("broker unreachable: recompute of %s kept in the database for later", pending,
                           exc_info=True)
            cache.set("indicators:broker-down", 1, BROKER_DOWN_SECONDS)
            keep_for_later(pending)

    transaction.on_commit(_queue)


def keep_for_later(years: list[int]) -> RecomputeRun:
    """Record a recompute the broker could not take (one such run collects every year asked for)."""
    run = RecomputeRun.objects.filter(status=RecomputeRun.Status.QUEUED, error=BROKER_DOWN).order_by("pk").first()
    if run is None:
        return RecomputeRun.objects.create(years=",".join(map(str, sorted(set(years)))), error=BROKER_DOWN)
    wanted = {int(y) for y in run.years.split(",") if y}
    if run.years and not wanted.issuperset(years):  # "" means every year already
        run.years = ",".join(map(str, sorted(wanted | set(years))))
        run.save(update_fields=["years"])
    return run


def send_pending_recomputes() -> list[int]:
    """Hand the runs kept by keep_for_later to the broker (which is reachable: this runs in a task)."""
    from .tasks import recompute_years

    sent = []
    for run in RecomputeRun.objects.filter(status=RecomputeRun.Status.QUEUED, error=BROKER_DOWN).order_by("pk"):
        recompute_years.delay(years=[int(y) for y in run.years.split(",") if y], run_id=run.pk)
        RecomputeRun.objects.filter(pk=run.pk).update(error="")
        sent.append(run.pk)
    if sent:
        cache.delete("indicators:broker-down")
    return sent


def years_touched(*dates: datetime.date | None) -> list[int]:
    """The years whose indicators a record dated `dates` can change (stocks carry forward)."""
    present = [d.year for d in dates if d is not None]
    last = timezone.localdate().year
    if not present:
        return [last]
    return list(range(min(present), last + 1))


def last_computed_at(area: Area, year: int):
    snap = IndicatorSnapshot.objects.filter(area=area, year=year).order_by("-computed_at").first()
    return snap.computed_at if snap else None
