"""Recomputing indicator snapshots. Idempotent: a rerun writes the same values; a failed run
writes nothing, so the last good snapshot stays in place."""
from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnavailable

from . import engine, registry
from .models import IndicatorSnapshot, RecomputeRun

logger = logging.getLogger(__name__)


def default_years() -> list[int]:
    first = getattr(settings, "INDICATOR_FIRST_YEAR", 2019)
    return list(range(first, timezone.localdate().year + 1))


Row = tuple  # (code, area_id, value, numerator, denominator): one snapshot, before it is a model object


def compute_snapshots(year: int, tree=None, memo: dict | None = None) -> list[Row]:
    """Every indicator for one year at every node with data (in memory, nothing written)."""
    tree = tree or engine._tree()
    memo = {} if memo is None else memo
    return [(indicator.code, area_id, v.value, v.numerator, v.denominator)
            for indicator in registry.all_indicators()
            for area_id, v in engine.compute_year(indicator, year, tree, memo).items()]


def compute_part_snapshots(year: int, indicators, tree, part: engine.Part, memo: dict) -> list[Row]:
    """`indicators` for one year at the nodes of `part` (see engine.compute_part)."""
    codes = [i.code for i in indicators if i.unit != registry.Unit.PERCENTAGE_POINTS]
    by_year: dict[int, dict] = memo.setdefault(("stored", part), {})

    def stored(y: int) -> dict:
        if y not in by_year:
            by_year[y] = {(c, a): (n, d) for c, a, n, d in IndicatorSnapshot.objects.filter(
                year=y, area_id__in=part.siblings, code__in=codes).values_list(
                "code", "area_id", "numerator", "denominator")} if part.siblings else {}
        return by_year[y]

    return [(indicator.code, area_id, v.value, v.numerator, v.denominator)
            for indicator in indicators
            for area_id, v in engine.compute_part(indicator, year, tree, part, stored, memo).items()]


@transaction.atomic
def write_snapshots(year: int, rows: list[Row], *, area_ids=None, codes=None) -> int:
    """Make one year's stored snapshots equal `rows`, writing only what differs.

    With `area_ids` / `codes`, only that part of the year is compared (and stale rows deleted).
    Upserts (ON CONFLICT DO UPDATE) make two runs at once safe; comparing first means a second
    run over unchanged records writes nothing. Returns the number of rows written or deleted.
    """
    stored_rows = IndicatorSnapshot.objects.filter(year=year)
    if area_ids is not None:
        stored_rows = stored_rows.filter(area_id__in=sorted(area_ids))
    if codes is not None:
        stored_rows = stored_rows.filter(code__in=sorted(codes))
    stored = {(c, a): (v, n, d) for c, a, v, n, d in stored_rows.values_list(
        "code", "area_id", "value", "numerator", "denominator")}
    now = timezone.now()
    changed = [(code, area_id, year, value, numerator, denominator, now)
               for code, area_id, value, numerator, denominator in rows
               if stored.get((code, area_id)) != (value, numerator, denominator)]
    _upsert(changed)
    wanted = {(row[0], row[1]) for row in rows}
    stale: dict[str, list[int]] = {}
    for code, area_id in stored:
        if (code, area_id) not in wanted:
            stale.setdefault(code, []).append(area_id)
    for code, area_ids in stale.items():
        IndicatorSnapshot.objects.filter(year=year, code=code, area_id__in=area_ids).delete()
    return len(changed) + sum(map(len, stale.values()))


SNAPSHOT_COLUMNS = ("code", "area_id", "year", "value", "numerator", "denominator", "computed_at")


def _upsert(rows: list[tuple]) -> None:
    """Insert or update snapshot rows (SNAPSHOT_COLUMNS), ON CONFLICT (code, area, year) DO UPDATE.

    On PostgreSQL the tuples go straight to psycopg2's execute_values, 5,000 per statement: a first
    recompute of the region writes about two million rows, and building a model object for each
    cost more than the queries. Elsewhere (SQLite) through bulk_create.
    """
    if not rows:
        return
    if connection.vendor == "postgresql":
        from psycopg2.extras import execute_values
        table = IndicatorSnapshot._meta.db_table
        sql = (f"INSERT INTO {table} ({', '.join(SNAPSHOT_COLUMNS)}) VALUES %s "  # nosec B608
               "ON CONFLICT (code, area_id, year) DO UPDATE SET value = EXCLUDED.value, "
               "numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, computed_at = EXCLUDED.computed_at")
        with connection.cursor() as cursor:
            execute_values(cursor.cursor, sql, rows, page_size=5000)
        return
    IndicatorSnapshot.objects.bulk_create(
        [IndicatorSnapshot(**dict(zip(SNAPSHOT_COLUMNS, row))) for row in rows], batch_size=2000,
        update_conflicts=True, unique_fields=["code", "area", "year"],
        update_fields=["value", "numerator", "denominator", "computed_at"])


def _lock_year(year: int) -> None:
    """Recomputes of one year take turns (PostgreSQL): a run reads the records and the other
    subtrees' snapshots and writes, with no other run of that year in between."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [YEAR_LOCK, year])


YEAR_LOCK = 710_000  # advisory-lock namespace of the recompute (any constant no other code uses)


@transaction.atomic
def recompute_year(year: int, tree, memo: dict, *, part: engine.Part | None = None, tables=None,
                   columns=None) -> int:
    """One year of a recompute, committed as a whole. Returns the number of snapshots written or deleted."""
    _lock_year(year)
    if part is None:
        return write_snapshots(year, compute_snapshots(year, tree, memo))
    indicators = [i for i in registry.all_indicators() if not tables or engine.reads_any(i, tables, columns)]
    if not indicators:
        return 0
    return write_snapshots(year, compute_part_snapshots(year, indicators, tree, part, memo),
                           area_ids=part.affected, codes={i.code for i in indicators})


def recompute(years: list[int] | None = None, run: RecomputeRun | None = None, *,
              under: list[str] | None = None, tables: list[str] | None = None,
              columns: list[str] | None = None) -> RecomputeRun:
    """Recompute `years` (default: all). `under` (Area tree paths) limits it to those subtrees and
    their ancestors; `tables` (and `columns`) to the indicators whose queries read one of those
    tables (and columns). Only `under` limits anything: a run over the whole tree does everything."""
    years = sorted(set(years or default_years()))
    run = run or RecomputeRun.objects.create(years=",".join(map(str, years)),
                                             scope=",".join(sorted(under or [])))
    RecomputeRun.mark(run.pk, status=RecomputeRun.Status.RUNNING, started_at=timezone.now(),
                                                  steps_total=len(years), steps_done=0)
    try:
        tree = engine._tree()
        part = engine.part_of(under, tree) if under else None
        if part is not None and not part.subtree:  # the counties asked for are gone: do the whole tree
            part = None
        memo: dict = {}  # a change in points reuses the rate computed for the year before
        for done, year in enumerate(years, start=1):
            recompute_year(year, tree, memo, part=part, tables=tables, columns=columns)
            RecomputeRun.mark(run.pk, steps_done=done)
    except Exception as error:
        RecomputeRun.mark(run.pk, status=RecomputeRun.Status.FAILED, error=repr(error)[:2000],
                                                      finished_at=timezone.now())
        raise
    RecomputeRun.mark(run.pk, status=RecomputeRun.Status.DONE, finished_at=timezone.now())
    run.refresh_from_db()
    return run


DEBOUNCE_SECONDS = 10
# RecomputeRun.error of a run that could not be handed to the broker (Redis unreachable); the
# dashboard shows it as 排队中 over the last snapshot, tasks.send_pending_recomputes sends it later.
BROKER_DOWN = "消息队列不可用，恢复后自动计算"
# After a failed publish, saves skip the broker for this long (no publish timeout on every save).
BROKER_DOWN_SECONDS = 30


def queue_recompute(years: list[int], *, under: list[str] | None = None, tables: list[str] | None = None,
                    columns: list[str] | None = None) -> None:
    """Ask for a recompute of `years` after the current transaction commits.

    `under` (tree paths), `tables` and `columns` narrow it to the places a change touched and the
    indicators reading what it changed (see `recompute`); None means all.

    Debounced: many saves within DEBOUNCE_SECONDS queue one task per year, county set and table (a
    cache key marks it as already queued), so a bulk edit does not start hundreds of recomputes.

    The broker being unreachable never fails a save (the record is committed by then and must be
    acknowledged): the request is kept in PostgreSQL as a queued RecomputeRun instead (for the
    whole tree: a superset of what was asked).
    """
    from .tasks import recompute_years
    scope = ":".join(",".join(sorted(part or [])) or "*" for part in (under, tables, columns))
    task_kwargs = {"under": list(under) if under else None, "tables": list(tables) if tables else None,
                   "columns": list(columns) if columns is not None else None}

    def _queue():
        pending = [y for y in sorted(set(years)) if cache.add(f"indicators:queued:{y}:{scope}", 1, DEBOUNCE_SECONDS)]
        if not pending:
            return
        if not settings.CELERY_TASK_ALWAYS_EAGER and cache.get("indicators:broker-down"):
            keep_for_later(pending)
            return
        try:
            recompute_years.apply_async(kwargs={"years": pending, **task_kwargs},
                                        countdown=0 if settings.CELERY_TASK_ALWAYS_EAGER else DEBOUNCE_SECONDS)
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
        RecomputeRun.mark(run.pk, years=run.years)
    return run


def send_pending_recomputes() -> list[int]:
    """Hand the runs kept by keep_for_later to the broker (which is reachable: this runs in a task)."""
    from .tasks import recompute_years

    sent = []
    for run in RecomputeRun.objects.filter(status=RecomputeRun.Status.QUEUED, error=BROKER_DOWN).order_by("pk"):
        recompute_years.delay(years=[int(y) for y in run.years.split(",") if y], run_id=run.pk)
        RecomputeRun.mark(run.pk, error="")
        sent.append(run.pk)
    if sent:
        cache.delete("indicators:broker-down")
    return sent
