"""Redis down for a while: logins and data entry keep working, the dashboard keeps showing the last
snapshot (marked as waiting for a recompute), and the change's dirty mark, kept in PostgreSQL, is
recomputed by celery beat's process_dirty once Redis is back — with no process restarted.

The real stack on throwaway servers: gunicorn serving the app with the automatic recompute on (the
production default), a Celery worker and celery beat on a throwaway Redis, all on a throwaway
PostgreSQL database. Redis is stopped (no persistence: whatever it held is gone), a clerk logs in
and saves a record, the dashboard is read, then Redis is started again on the same port.
"""
import time

import pytest

from . import harness

YEAR_SQL = "SELECT EXTRACT(YEAR FROM now() AT TIME ZONE 'Asia/Shanghai')::int"
SNAPSHOT_SQL = """
    SELECT s.value FROM indicators_indicatorsnapshot s JOIN branches_area a ON a.id = s.area_id
    WHERE a.name = '噶尔县' AND s.code = 'org.organizations.branch' AND s.year = %s"""

SETUP = """
import json
from accounts.models import User
from branches.models import Area
from branches.services import organization_create
from indicators.services import recompute

clerk = User.objects.get(username="gaer")
county = Area.objects.get(name="噶尔县")
village = Area.objects.filter(level="village", path__startswith=county.path).order_by("path").first()
for n in range(3):
    organization_create(actor=clerk, name=f"基线党支部{n}", kind="branch", area=village)
run = recompute()
print(json.dumps({"county": county.pk, "village": village.pk, "run": run.pk, "status": run.status}))
"""


def _runs(pg, db, status):
    return pg.sql(db, "SELECT count(*) FROM indicators_recomputerun WHERE status = %s", [status])[0][0]


def _marks(pg, db):
    """Changes waiting for their recompute (the queue is this table, not Redis)."""
    return pg.sql(db, "SELECT count(*) FROM indicators_dirtymark")[0][0]


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
def test_it_keeps_logins_and_data_entry_working_while_redis_is_down(pg_cluster, base_db, clone, redis_server,
                                                                     stop_later, tmp_path):
    started = time.monotonic()
    db = clone(base_db)
    # A baseline: three branches in 噶尔县 and a finished recompute (in process, no broker).
    setup = harness.shell(harness.django_env(pg_cluster, db, INDICATORS_AUTO_RECOMPUTE="0"), SETUP)
    assert setup["status"] == "done"
    year = pg_cluster.sql(db, YEAR_SQL)[0][0]
    assert pg_cluster.sql(db, SNAPSHOT_SQL, [year]) == [(3,)]

    env = harness.django_env(pg_cluster, db, redis_server, INDICATORS_AUTO_RECOMPUTE="1", FAULTS_BEAT_INTERVAL="2")
    worker = harness.CeleryWorker(env, "outage", log=tmp_path / "worker.log")
    stop_later(worker)
    beat = harness.CeleryBeat(env, tmp_path)
    stop_later(beat)
    server = harness.Gunicorn(env, workers=2, log=tmp_path / "gunicorn.log")
    stop_later(server)
    worker.wait_ready()
    processes = (server.process.pid, server.worker_pids(), worker.process.pid, beat.process.pid)
    dashboard = f"/dashboard/area/{setup['county']}/?year={year}"

    redis_server.stop()
    outage_started = time.monotonic()

    # Logins work (sessions, lockout counters and the security log are in PostgreSQL).
    clerk = harness.Browser(server.base)
    logins = "SELECT count(*) FROM accounts_accessevent WHERE kind = 'login' AND success"
    logins_before = pg_cluster.sql(db, logins)[0][0]
    clerk.login("gaer")
    assert pg_cluster.sql(db, logins)[0][0] == logins_before + 1

    # Data entry works: the save is acknowledged (redirect to the new record), stored and audited.
    save_started = time.monotonic()
    status, location, body = clerk.post("/branches/organizations/new/", {
        "name": "断网期间新建党支部", "kind": "branch", "area": str(setup["village"]), "parent": "",
        "unit_name": "", "founded_on": ""})
    save_seconds = time.monotonic() - save_started
    assert status == 302 and "/branches/organizations/" in location, (status, body[-3000:],
                                                                      server.log.read_text()[-3000:])
    pk = harness.created_pk(location)
    assert pg_cluster.sql(db, "SELECT name FROM branches_partyorganization WHERE id = %s", [pk]) == [("断网期间新建党支部",)]
    assert pg_cluster.sql(db, """
        SELECT count(*) FROM auditlog_logentry e JOIN django_content_type t ON t.id = e.content_type_id
        WHERE t.model = 'partyorganization' AND e.object_pk = %s""", [str(pk)])[0][0] == 1

    # The dashboard shows the last snapshot, marked: a recompute is waiting.
    status, _, page = clerk.get(dashboard)
    assert status == 200
    assert pg_cluster.sql(db, SNAPSHOT_SQL, [year]) == [(3,)], "the last snapshot is still the one shown"
    assert 'id="run-status"' in page and "排队中" in page, "the dashboard must say the figures await a recompute"
    assert _marks(pg_cluster, db) == 1, "the change's dirty mark waits in PostgreSQL"

    time.sleep(max(0.0, 5 - (time.monotonic() - outage_started)))  # down for at least 5 s
    outage_seconds = time.monotonic() - outage_started
    redis_server.start()  # same port, empty: nothing queued before the outage survives in Redis
    back = time.monotonic()

    # The recompute asked for during the outage runs, with nothing restarted.
    harness.wait_for(lambda: pg_cluster.sql(db, SNAPSHOT_SQL, [year]) == [(4,)] and _marks(pg_cluster, db) == 0
                     and _runs(pg_cluster, db, "running") == 0, 90, "the queued recompute after Redis came back",
                     interval=0.5)
    caught_up = time.monotonic() - back
    status, _, page = clerk.get(dashboard)
    assert status == 200 and "排队中" not in page
    assert (server.process.pid, server.worker_pids(), worker.process.pid, beat.process.pid) == processes
    assert server.process.poll() is None and worker.process.poll() is None and beat.alive()
    print(f"\nRedis down {outage_seconds:.1f} s: login ok, save acknowledged in {save_seconds:.2f} s, "
          f"dashboard 200 with the last snapshot marked 排队中; recompute done {caught_up:.1f} s after Redis "
          f"came back; same gunicorn, worker and beat processes; test {time.monotonic() - started:.1f} s")
