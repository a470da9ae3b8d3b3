"""Shared test world: a small tree with two counties and the personas that use it.

Personas (as in healthchecks): alice is county A's clerk, bob county B's, tess a township clerk in
county A, carol prefecture staff (may write), dave a read-only prefecture viewer, erin the auditor,
sam the system admin.
"""
import os
import socket
from types import SimpleNamespace

import pytest
from django.utils import timezone

from accounts.models import User
from ali_party.testing import reseed_catalogues
from ali_party.scoping import Role
from branches.models import Area, PartyOrganization

SERVICE_MARKERS = {"postgres", "redis", "celery_worker"}


def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _available_services() -> dict[str, bool]:
    from django.conf import settings

    redis = bool(os.environ.get("CELERY_BROKER_URL")) and _port_open("127.0.0.1", 6379)
    return {
        "postgres": settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        "redis": redis,
        "celery_worker": redis,
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (debounce keys, dashboard bodies keyed by row ids that
    the next test's fresh database reuses)."""
    from django.core.cache import cache
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _require_services(request):
    """Tests marked postgres / redis / celery_worker run when the service is configured. In CI
    (CI=true or REQUIRE_SERVICES=1) a missing service fails the test; it is never skipped there."""
    wanted = SERVICE_MARKERS & {m.name for m in request.node.iter_markers()}
    if not wanted:
        return
    strict = os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_SERVICES") == "1"
    have = _available_services()
    for name in sorted(wanted):
        if not have[name]:
            message = f"needs {name}: set DATABASE_URL / CELERY_BROKER_URL (see README)"
            if strict:
                pytest.fail("CI requires this service: " + message)
            pytest.skip(message)


def make_user(username, role, area=None) -> User:
    user = User(username=username, full_name=username, role=role, scope_area=area, must_change_password=False,
                password_changed_at=timezone.now())
    user.set_password("Passw0rd!x")
    user.save()
    return user


@pytest.fixture
def world(db):
    """阿里地区 → 县A (乡A → 村A1, 村A2), 县B (乡B → 村B1); one branch per village."""
    root = Area.objects.add_root(instance=Area(name="阿里地区", level=Area.Level.PREFECTURE))

    def child(parent, name, level):
        return Area.objects.add_child(parent, instance=Area(name=name, level=level))

    county_a = child(root, "噶尔县", Area.Level.COUNTY)
    county_b = child(root, "普兰县", Area.Level.COUNTY)
    township_a = child(county_a, "狮泉河镇", Area.Level.TOWNSHIP)
    township_a2 = child(county_a, "昆莎乡", Area.Level.TOWNSHIP)
    township_b = child(county_b, "普兰镇", Area.Level.TOWNSHIP)
    village_a1 = child(township_a, "加木村", Area.Level.VILLAGE)
    village_a2 = child(township_a2, "昆莎一村", Area.Level.VILLAGE)
    village_b1 = child(township_b, "普兰一村", Area.Level.VILLAGE)
    org_a1 = PartyOrganization.objects.create(name="加木村党支部", kind="branch", area=village_a1)
    org_a2 = PartyOrganization.objects.create(name="昆莎一村党支部", kind="branch", area=village_a2)
    org_b1 = PartyOrganization.objects.create(name="普兰一村党支部", kind="branch", area=village_b1)
    return SimpleNamespace(
        root=root, county_a=county_a, county_b=county_b, township_a=township_a, township_a2=township_a2,
        township_b=township_b, village_a1=village_a1, village_a2=village_a2, village_b1=village_b1,
        org_a1=org_a1, org_a2=org_a2, org_b1=org_b1,
        alice=make_user("alice", Role.COUNTY_CLERK, county_a),
        bob=make_user("bob", Role.COUNTY_CLERK, county_b),
        tess=make_user("tess", Role.TOWNSHIP_CLERK, township_a),
        carol=make_user("carol", Role.PREFECTURE_STAFF, root),
        dave=make_user("dave", Role.PREFECTURE_VIEWER, root),
        erin=make_user("erin", Role.AUDITOR),
        sam=make_user("sam", Role.ADMIN),
    )


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user."""
    def _login(user):
        client.force_login(user)
        return client
    return _login


@pytest.fixture
def celery_worker_process(transactional_db, settings):
    """A real Celery worker process on Redis, using the test database, for the duration of a test.

    The worker reads committed rows, so the test runs outside a transaction (transactional_db);
    the catalogues that data migrations seed are put back first, since the flush after an earlier
    transactional test removed them."""
    import subprocess
    import sys
    import time

    from django.db import connection

    from ali_party.celery import app

    reseed_catalogues()
    broker = os.environ["CELERY_BROKER_URL"]
    backend = os.environ.get("CELERY_RESULT_BACKEND", broker)
    db = connection.settings_dict
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="ali_party.settings.worker",
               CELERY_BROKER_URL=broker, CELERY_RESULT_BACKEND=backend)
    if db["ENGINE"].endswith("postgresql"):
        env["DATABASE_URL"] = (f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
                               f"{db['PORT'] or 5432}/{db['NAME']}")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ali_party", "worker", "--pool=solo", "-l", "warning",
         "--without-gossip", "--without-mingle", "-n", f"test-{os.getpid()}@%h"],
        env=env, cwd=os.path.dirname(os.path.abspath(__file__)),
    )
    app.conf.task_always_eager = False
    app.conf.broker_url = broker
    app.conf.result_backend = backend
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail("the Celery worker exited at start")
            if app.control.ping(timeout=1):
                break
        else:
            pytest.fail("no Celery worker answered within 60 s")
        yield process
    finally:
        app.conf.task_always_eager = True
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
