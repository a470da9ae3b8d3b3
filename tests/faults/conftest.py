"""Fixtures of the fault tests: one throwaway PostgreSQL cluster for the session (a migrated
template database with the tree and demo accounts, and one with the demo records), and a
throwaway Redis server per test. Every test clones its own database from a template.

When they run: in CI (CI=true or REQUIRE_SERVICES=1, where a missing initdb / redis-server fails
the test instead of skipping it), when the suite itself runs on PostgreSQL and Redis, or when
FAULT_TESTS=1 is set. Otherwise they are skipped, so a plain local `make test` stays quick.
"""
import os
import time

import pytest

from . import harness

TIMINGS: dict[str, float] = {}


def _strict() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_SERVICES") == "1"


def _wanted() -> bool:
    if _strict() or os.environ.get("FAULT_TESTS") == "1":
        return True
    from django.conf import settings

    return (settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
            and bool(os.environ.get("CELERY_BROKER_URL")))


def _why_not(item) -> tuple[str, bool] | None:
    """(message, fail) when this test cannot run here; fail is True in CI, where it must not skip."""
    if not _wanted():
        return "fault tests: set FAULT_TESTS=1 (they start their own PostgreSQL and Redis)", False
    markers = {m.name for m in item.iter_markers()}
    missing = []
    if "postgres" in markers and harness.pg_bindir() is None:
        missing.append("PostgreSQL server programs (initdb, pg_ctl; set PG_BIN)")
    if "redis" in markers and harness.redis_server_binary() is None:
        missing.append("redis-server (set REDIS_SERVER)")
    if missing:
        message = "needs " + ", ".join(missing)
        return ("CI requires this: " + message, True) if _strict() else (message, False)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Decides before any fixture is set up: the session fixtures below (a cluster, a migrated
    template) cost ~15 s, which a test that is then skipped must not pay."""
    verdict = _why_not(item)
    if verdict is not None:
        message, fail = verdict
        if fail:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture(autouse=True)
def _require_services():
    """Replaces the root fixture of the same name: these tests start their own servers, so what
    they need are the server programs, not a configured DATABASE_URL / CELERY_BROKER_URL (checked
    by pytest_runtest_setup above)."""


def _timed(name: str, function, *args, **kwargs):
    started = time.monotonic()
    try:
        return function(*args, **kwargs)
    finally:
        TIMINGS[name] = round(time.monotonic() - started, 1)


@pytest.fixture(scope="session")
def pg_cluster():
    """initdb + pg_ctl start on a spare loopback port; stopped and deleted at the end."""
    cluster = harness.Postgres()
    try:
        _timed("initdb+start", lambda: cluster.init().start())
        yield cluster
    finally:
        cluster.destroy()


# Setup runs without the automatic recompute: these commands only load records.
SETUP = {"INDICATORS_AUTO_RECOMPUTE": "0"}


@pytest.fixture(scope="session")
def base_db(pg_cluster) -> str:
    """Template: migrated, with the 阿里 tree (7 counties, 38 townships, 145 villages) and the 12
    demo accounts (password harness.DEMO_PASSWORD)."""
    name = pg_cluster.create_database("faults_base")
    env = harness.django_env(pg_cluster, name, **SETUP)
    _timed("migrate", harness.manage, env, "migrate", "--noinput", "-v0")
    _timed("demo accounts", harness.manage, env, "load_demo_accounts")
    return name


# Every pillar's demo except evaluations (two thirds of the load time: ~70 000 meeting records).
DEMO_PILLARS = ["branches", "cadres", "activities", "capacity", "funding"]
LOAD_DEMO = f"""
import json
from importlib import import_module
from importlib.util import find_spec
loaded = []
for app in {DEMO_PILLARS!r}:
    if find_spec(app + ".demo") is not None:
        import_module(app + ".demo").load(seed=2023)
        loaded.append(app)
print(json.dumps(loaded))
"""


@pytest.fixture(scope="session")
def demo_db(pg_cluster, base_db) -> str:
    """Template: base_db plus the demo records of DEMO_PILLARS (tens of thousands of rows, as
    bulk-loaded by `manage.py load_demo`; no snapshots yet)."""
    name = pg_cluster.create_database("faults_demo", template=base_db)
    _timed("demo records", harness.shell, harness.django_env(pg_cluster, name, **SETUP), LOAD_DEMO)
    return name


@pytest.fixture
def clone(pg_cluster, request):
    """clone(template) -> a fresh database copied from the template, dropped after the test."""
    made = []

    def _clone(template: str, suffix: str = "") -> str:
        name = f"t_{request.node.name[:40]}{suffix}".lower()
        pg_cluster.drop_database(name)
        made.append(pg_cluster.create_database(name, template=template))
        return name

    yield _clone
    for name in made:
        pg_cluster.drop_database(name)


@pytest.fixture
def redis_server():
    server = harness.Redis().start()
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def stop_later():
    """stop_later(process) — stopped at the end of the test, whatever happened."""
    processes = []
    yield processes.append
    for process in reversed(processes):
        try:
            process.stop()
        except Exception:  # noqa: BLE001 - keep stopping the others
            pass


@pytest.fixture(scope="session", autouse=True)
def _print_timings():
    yield
    if TIMINGS:
        print("\nfault-suite setup timings (s):", TIMINGS)
