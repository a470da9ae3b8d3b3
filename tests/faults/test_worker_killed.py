"""A Celery worker killed mid-task: the recompute is delivered again to a new worker and the
snapshots it leaves equal those of a clean recompute (acks late + an idempotent service).

Worker A (the project's worker, started by tests/faults/worker.py with a pause after each year it
commits) takes a recompute of the demo data set; once the first year is committed it is killed
with SIGKILL — no ack, no reject, no cleanup: the database holds one year recomputed and the run
marked 计算中. Worker B is started. Redis hands the unacknowledged message out again once its
visibility timeout has passed (shortened to 2 seconds here; the default is an hour), B redoes
the whole run, and the result is compared with a clean recompute done in process on an untouched
copy of the same database.
"""
import subprocess
import time

import pytest

from . import harness

YEARS = [2019, 2020, 2021, 2022]
SNAPSHOTS = "SELECT code, area_id, year, value, numerator, denominator FROM indicators_indicatorsnapshot"

QUEUE = f"""
import json
from indicators.models import RecomputeRun
from indicators.tasks import recompute_years
run = RecomputeRun.objects.create(years="{','.join(map(str, YEARS))}")
recompute_years.delay(years={YEARS}, run_id=run.pk)
print(json.dumps({{"run": run.pk}}))
"""
CLEAN = f"""
import json
from indicators.services import recompute
run = recompute(years={YEARS})
print(json.dumps({{"run": run.pk, "status": run.status}}))
"""


def _progress(path):
    """[(pid, year, rows written)] from the worker launcher's progress file."""
    try:
        return [tuple(map(int, line.split())) for line in path.read_text().splitlines() if line.strip()]
    except FileNotFoundError:
        return []


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
def test_it_redoes_a_recompute_whose_worker_was_killed(pg_cluster, demo_db, clone, redis_server, stop_later,
                                                        tmp_path):
    started = time.monotonic()
    db, clean_db = clone(demo_db, "_a"), clone(demo_db, "_clean")
    # The reference: a clean recompute of the same data, in process, on an untouched copy (runs
    # while the workers below do their part).
    clean = subprocess.Popen(
        [harness.PYTHON, str(harness.ROOT / "manage.py"), "shell", "-c", CLEAN],
        env=harness.django_env(pg_cluster, clean_db, INDICATORS_AUTO_RECOMPUTE="0"), cwd=harness.ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    progress = tmp_path / "progress"
    env = harness.django_env(pg_cluster, db, redis_server, INDICATORS_AUTO_RECOMPUTE="0", FAULTS_VISIBILITY_TIMEOUT="2",
                             FAULTS_PROGRESS_FILE=str(progress))
    worker_a = harness.CeleryWorker({**env, "FAULTS_SLOW_RECOMPUTE": "5"}, "doomed", log=tmp_path / "worker-a.log")
    stop_later(worker_a)
    worker_a.wait_ready()
    run = harness.shell(env, QUEUE)["run"]

    harness.wait_for(lambda: _progress(progress), 90, "worker A to commit its first year", interval=0.05)
    worker_a.kill()
    killed_at = time.monotonic()
    (pid_a, first_year, _), = _progress(progress)
    assert pid_a == worker_a.process.pid and first_year == YEARS[0]
    # Half done: one year recomputed, the others not, the run stuck at 计算中.
    assert pg_cluster.sql(db, "SELECT DISTINCT year FROM indicators_indicatorsnapshot") == [(YEARS[0],)]
    assert pg_cluster.sql(db, "SELECT status FROM indicators_recomputerun WHERE id = %s", [run]) == [("running",)]

    worker_b = harness.CeleryWorker({**env, "FAULTS_SLOW_RECOMPUTE": "0"}, "rescuer", log=tmp_path / "worker-b.log")
    stop_later(worker_b)
    harness.wait_for(lambda: pg_cluster.sql(db, "SELECT status FROM indicators_recomputerun WHERE id = %s",
                                            [run]) == [("done",)], 120, "worker B to redo the recompute", interval=0.5)
    redone_after = time.monotonic() - killed_at

    stdout, stderr = clean.communicate(timeout=180)
    assert clean.returncode == 0, stderr
    assert pg_cluster.sql(clean_db, "SELECT status FROM indicators_recomputerun") == [("done",)]
    after_kill = sorted(pg_cluster.sql(db, SNAPSHOTS))
    reference = sorted(pg_cluster.sql(clean_db, SNAPSHOTS))
    assert len(reference) > 1000
    assert after_kill == reference, "the redone recompute must leave exactly a clean recompute's snapshots"

    # Worker B did the whole run again; the year A had committed needed no write (idempotent).
    redo = [(year, written) for pid, year, written in _progress(progress) if pid == worker_b.process.pid]
    assert [year for year, _ in redo][:len(YEARS)] == YEARS
    assert redo[0] == (YEARS[0], 0) and all(written > 0 for _, written in redo[1:])
    assert pg_cluster.sql(db, "SELECT steps_done, steps_total FROM indicators_recomputerun WHERE id = %s",
                          [run]) == [(len(YEARS), len(YEARS))]
    print(f"\nWorker killed mid-recompute (after {YEARS[0]} of {YEARS}): redelivered to a new worker and redone "
          f"{redone_after:.1f} s later; {len(after_kill)} snapshots equal a clean recompute's; "
          f"{YEARS[0]} rewritten with 0 changes; test {time.monotonic() - started:.1f} s")
