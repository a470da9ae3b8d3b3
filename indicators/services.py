"""Recomputing indicator snapshots. Idempotent: a rerun writes the same values; a failed run
writes nothing, so the last good snapshot stays in place."""
from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnavailable

from . import engine, registry
from .models import CompleteYear, DirtyMark, IndicatorSnapshot, RecomputeRun

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


def compute_part_snapshots(year: int, indicators, tree, part: engine.Part, memo: dict,
                           complete: frozenset = frozenset()) -> list[Row]:
    """`indicators` for one year at the nodes of `part` (see engine.compute_part); `complete`: the
    years whose stored snapshots are whole (the siblings' totals are read from those only)."""
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
            for area_id, v in engine.compute_part(indicator, year, tree, part, stored, memo, complete).items()]


@transaction.atomic
def write_snapshots(year: int, rows: list[Row], *, area_ids=None, codes=None) -> int:
    """Make one year's stored snapshots equal `rows`, writing only what differs.

    With `area_ids` / `codes`, only that part of the year is compared (and stale rows deleted).
    Runs of one year take turns (the year's lock), and the stored rows are read after the lock is
    held, under READ COMMITTED (PostgreSQL's and Django's default): every run committed before is
    seen, so the rows not stored when this one read them are still not stored when it inserts
    them. Comparing first means a second run over unchanged records writes nothing. A snapshot of
    an area deleted meanwhile is deleted by the next whole recompute of its year (not computed
    any more). Returns the number of rows written or deleted.
    """
    _lock_year(year)
    stored_rows = IndicatorSnapshot.objects.filter(year=year)
    if area_ids is not None:
        stored_rows = stored_rows.filter(area_id__in=sorted(area_ids))
    if codes is not None:
        stored_rows = stored_rows.filter(code__in=sorted(codes))
    stored = {(c, a): (v, n, d) for c, a, v, n, d in stored_rows.values_list(
        "code", "area_id", "value", "numerator", "denominator")}
    now = timezone.now()
    new, changed = [], []
    for code, area_id, value, numerator, denominator in rows:
        before = stored.get((code, area_id))
        if before is None:
            new.append((code, area_id, year, value, numerator, denominator, now))
        elif before != (value, numerator, denominator):
            changed.append((code, area_id, year, value, numerator, denominator, now))
    _insert(new)
    _update(changed)
    wanted = {(row[0], row[1]) for row in rows}
    stale: dict[str, list[int]] = {}
    for code, area_id in stored:
        if (code, area_id) not in wanted:
            stale.setdefault(code, []).append(area_id)
    for code, area_ids in stale.items():
        IndicatorSnapshot.objects.filter(year=year, code=code, area_id__in=area_ids).delete()
    return len(new) + len(changed) + sum(map(len, stale.values()))


SNAPSHOT_COLUMNS = ("code", "area_id", "year", "value", "numerator", "denominator", "computed_at")


def _insert(rows: list[tuple]) -> None:
    """Insert snapshot rows (SNAPSHOT_COLUMNS) that are not stored.

    On PostgreSQL with COPY: a first recompute of the region writes about two million rows, and
    sending them as INSERT … VALUES (quoted by psycopg2, parsed by the server) took three times as
    long. Elsewhere (SQLite) through bulk_create.
    """
    if not rows:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(f"COPY {IndicatorSnapshot._meta.db_table} ({', '.join(SNAPSHOT_COLUMNS)}) "
                                      "FROM STDIN", _copy_text(rows))
        return
    IndicatorSnapshot.objects.bulk_create(
        [IndicatorSnapshot(**dict(zip(SNAPSHOT_COLUMNS, row))) for row in rows], batch_size=2000)


def _update(rows: list[tuple]) -> None:
    """Update stored snapshot rows (SNAPSHOT_COLUMNS) to these values: on PostgreSQL COPYed into a
    temporary table and updated from there in one statement; elsewhere through bulk_update."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        table = IndicatorSnapshot._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS snapshot_update (code varchar(60), "
                           "area_id bigint, year smallint, value numeric(18, 2), numerator numeric(18, 2), "
                           "denominator numeric(18, 2), computed_at timestamptz) ON COMMIT DELETE ROWS")
            cursor.cursor.copy_expert(f"COPY snapshot_update ({', '.join(SNAPSHOT_COLUMNS)}) FROM STDIN",
                                      _copy_text(rows))
            cursor.execute(
                f"UPDATE {table} AS s SET value = u.value, numerator = u.numerator, "  # nosec B608
                "denominator = u.denominator, computed_at = u.computed_at FROM snapshot_update AS u "
                "WHERE s.year = u.year AND s.code = u.code AND s.area_id = u.area_id")
            cursor.execute("TRUNCATE snapshot_update")
        return
    found = {(s.code, s.area_id, s.year): s for s in IndicatorSnapshot.objects.filter(
        year__in={row[2] for row in rows}, code__in={row[0] for row in rows},
        area_id__in={row[1] for row in rows})}
    objs = []
    for code, area_id, year, value, numerator, denominator, computed_at in rows:
        snapshot = found[(code, area_id, year)]
        snapshot.value, snapshot.numerator, snapshot.denominator = value, numerator, denominator
        snapshot.computed_at = computed_at
        objs.append(snapshot)
    IndicatorSnapshot.objects.bulk_update(objs, ["value", "numerator", "denominator", "computed_at"],
                                          batch_size=2000)


def _copy_text(rows: list[tuple]) -> io.StringIO:
    """`rows` in COPY's text format. Nothing needs escaping: codes are dotted names of [a-z0-9_]
    (registry.register refuses any other) and the other columns numbers, None or one timestamp."""
    stamps: dict = {}
    lines = []
    for code, area_id, year, value, numerator, denominator, computed_at in rows:
        stamp = stamps.get(computed_at)
        if stamp is None:
            stamp = stamps[computed_at] = computed_at.isoformat()
        lines.append(f"{code}\t{area_id}\t{year}\t{_null(value)}\t{numerator}\t{_null(denominator)}\t{stamp}\n")
    return io.StringIO("".join(lines))


def _null(value) -> str:
    return "\\N" if value is None else str(value)


def _lock_year(year: int) -> None:
    """Recomputes of one year take turns (PostgreSQL): a run reads the records and the other
    subtrees' snapshots and writes, with no other run of that year in between."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [YEAR_LOCK, year])


YEAR_LOCK = 710_000  # advisory-lock namespace of the recompute (any constant no other code uses)


def catalogue_version() -> str:
    """A hash of the catalogue's indicator codes: a year computed whole for another catalogue (an
    indicator added since) is not complete for this one."""
    codes = "\n".join(sorted(i.code for i in registry.all_indicators()))
    return hashlib.sha256(codes.encode()).hexdigest()


def complete_years() -> frozenset[int]:
    """The years whose snapshots were computed whole for this catalogue."""
    return frozenset(CompleteYear.objects.filter(catalogue=catalogue_version()).values_list("year", flat=True))


def latest_complete_year() -> int | None:
    """The latest complete year up to this one: the year a dashboard or report opens on."""
    return latest_of(complete_years())


def latest_of(complete: frozenset[int]) -> int | None:
    shown = [year for year in complete if year <= timezone.localdate().year]
    return max(shown) if shown else None


@transaction.atomic
def recompute_year(year: int, tree, memo: dict, *, part: engine.Part | None = None, tables=None,
                   columns=None) -> int:
    """One year of a recompute, committed as a whole. Returns the number of snapshots written or deleted.

    A part of a year (`part`, `tables`, `columns`) is computed only on a complete year: the part's
    ancestors add the other places' stored totals, which exist only there. A year that is not
    complete is computed whole first, whatever was asked, and is complete from then on.
    """
    _lock_year(year)
    complete = complete_years()
    if part is not None and year in complete:
        indicators = [i for i in registry.all_indicators() if not tables or engine.reads_any(i, tables, columns)]
        if not indicators:
            return 0
        return write_snapshots(year, compute_part_snapshots(year, indicators, tree, part, memo, complete),
                               area_ids=part.affected, codes={i.code for i in indicators})
    written = write_snapshots(year, compute_snapshots(year, tree, memo))
    CompleteYear.objects.update_or_create(year=year, defaults={"catalogue": catalogue_version(),
                                                               "computed_at": timezone.now()})
    return written


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
        if part is not None and not part.subtree:  # the places asked for are gone: do the whole tree
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


# --- the recompute queue: dirty marks in the database --------------------------------------------

def mark_dirty(first_year: int | None, *, places: set[str] | None = None, tables: list[str] | None = None,
               columns: list[str] | None = None) -> DirtyMark | None:
    """Record, in the current transaction, that the snapshots of every shown year from
    `first_year` on (None or 0: every year) at `places` (township or county tree paths; None: the
    whole tree) of the indicators reading `tables` / `columns` (None: all) are stale; ask a worker to
    recompute them once the transaction commits.

    Nothing here can fail a save: the mark is a row like the change itself, committed with it or
    not at all, and a broker that cannot be reached only delays the recompute until the periodic
    task (celery beat, every minute) or the next change hands the marks to a worker.
    """
    years = [y for y in default_years() if not first_year or y >= first_year]
    if not years or places == set():
        return None
    mark = DirtyMark.objects.create(
        years=",".join(map(str, years)), places=",".join(sorted(places)) if places else "",
        tables=",".join(sorted(set(tables))) if tables else "",
        columns=",".join(sorted(set(columns))) if columns is not None else None)
    _process_after_commit()
    return mark


def _process_after_commit() -> None:
    """One request per transaction for a worker to process the marks (not one per saved row): a
    request already waiting for this transaction's commit (still in its on-commit list, so not
    dropped by a rollback to a savepoint) covers every mark made since."""
    connection = transaction.get_connection()
    waiting = getattr(connection, "_indicators_kick", None)
    if waiting is not None and any(entry[1] is waiting for entry in connection.run_on_commit):
        return

    def kick():
        connection._indicators_kick = None
        _send_process_dirty()

    connection._indicators_kick = kick
    transaction.on_commit(kick)


def _send_process_dirty() -> None:
    from .tasks import process_dirty
    try:
        # No publish retries: with Redis down the save is already committed and acknowledged, and
        # its marks wait in the database for beat (or the next change) to send them.
        process_dirty.apply_async(retry=False)
    except BrokerUnavailable:
        logger.warning("broker unreachable: the recompute waits in the database (indicators_dirtymark)",
                       exc_info=True)


@dataclass(frozen=True)
class Work:
    """What marks ask for in one year: places (None: the whole tree), tables (None: every table)
    and columns (None: every column). Merged marks ask for everything either asks for."""
    places: frozenset[str] | None
    tables: frozenset[str] | None
    columns: frozenset[str] | None

    @classmethod
    def of(cls, mark: DirtyMark) -> "Work":
        return cls(frozenset(mark.places.split(",")) if mark.places else None,
                   frozenset(mark.tables.split(",")) if mark.tables else None,
                   frozenset(mark.columns.split(",")) if mark.columns is not None else None)

    def __or__(self, other: "Work") -> "Work":
        def union(a, b):
            return None if a is None or b is None else a | b
        return Work(union(self.places, other.places), union(self.tables, other.tables),
                    union(self.columns, other.columns))


def merge_marks(marks) -> dict[int, Work]:
    """{year: Work} asking for everything any of `marks` asks for."""
    work: dict[int, Work] = {}
    for mark in marks:
        asked = Work.of(mark)
        for year in map(int, mark.years.split(",")):
            work[year] = work[year] | asked if year in work else asked
    return work


CLAIM_BATCH = 500


def process_dirty(*, batches: int = 100) -> list[int]:
    """Claim the dirty marks no other worker holds, merge them per year, recompute what they ask
    for and delete them, all in one transaction (a worker that dies leaves them to the next one);
    again until none is left. Returns the ids of the recompute runs made."""
    runs = []
    for _ in range(batches):
        run = _process_batch()
        if run is None:
            break
        runs.append(run)
    return runs


def _process_batch() -> int | None:
    started = timezone.now()
    try:
        with transaction.atomic():
            marks = list(DirtyMark.objects.select_for_update(skip_locked=True).order_by("pk")[:CLAIM_BATCH])
            if not marks:
                return None
            work = merge_marks(marks)
            scopes = {",".join(sorted(w.places)) if w.places is not None else "" for w in work.values()}
            run = RecomputeRun.objects.create(
                years=",".join(map(str, sorted(work))), scope=";".join(sorted(scopes))[:10000],
                status=RecomputeRun.Status.RUNNING, started_at=started, steps_total=len(work))
            tree, memo = engine._tree(), {}
            for year in sorted(work):  # in order: two workers never wait for each other's years
                w = work[year]
                part = engine.part_of(sorted(w.places), tree) if w.places else None
                if part is not None and not part.subtree:
                    part = None
                recompute_year(year, tree, memo, part=part, tables=sorted(w.tables) if w.tables else None,
                               columns=sorted(w.columns) if w.columns is not None else None)
            DirtyMark.objects.filter(pk__in=[m.pk for m in marks]).delete()
            RecomputeRun.mark(run.pk, status=RecomputeRun.Status.DONE, steps_done=len(work),
                              finished_at=timezone.now())
            return run.pk
    except Exception as error:
        # The marks stay (rolled back) for the next try; the failure is shown on the dashboard.
        RecomputeRun.objects.create(status=RecomputeRun.Status.FAILED, started_at=started,
                                    finished_at=timezone.now(), error=repr(error)[:2000])
        raise


def pending_marks() -> bool:
    """Whether some committed change still waits for its recompute (the dashboard says so)."""
    return DirtyMark.objects.exists()


def pending_for(*, path: str, year: int) -> bool:
    """Whether a waiting change touches the figures of the area at tree path `path` in `year`: a
    mark of that year whose places are the whole tree, or a path above, at or below the area."""
    for years, places in DirtyMark.objects.values_list("years", "places"):
        if str(year) in years.split(",") and (
                not places or any(p.startswith(path) or path.startswith(p) for p in places.split(","))):
            return True
    return False


def whole_recompute_pending() -> bool:
    """Whether a recompute of everything already waits (the 重新计算 button adds nothing then)."""
    return DirtyMark.objects.filter(places="", tables="", columns__isnull=True,
                                    years=",".join(map(str, default_years()))).exists()
