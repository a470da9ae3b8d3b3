"""End-to-end journeys: headless Chromium (Debian's package, driven by Playwright) against a live
server on loopback serving the whole demo data set.

Why not pytest-django's `live_server` fixture: it forces `transactional_db` on every test, which
empties the database after each test, so the demo (≈40 s to load) would have to be loaded again
for every journey. Here the demo is loaded ONCE for the package, a live server thread (the same
`LiveServer` class pytest-django uses: it shares SQLite's in-memory connection with the server
thread and serves static files) answers the browser, and at the end the database is flushed and
restored to the state it had before (the catalogue rows of the data migrations included), so the
tests that run after these see exactly what they would have seen without them.

The journeys run in the order of the files (test_1_…, test_2_…); each one only depends on the demo,
never on another journey, and the figures they check are ones no other journey changes.
"""
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would then refuse ORM calls
# made from that thread (SynchronousOnlyOperation). The calls are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
DEMO_PASSWORD = "Ali@2023demo"
DESKTOP = {"width": 1366, "height": 768}
TABLET = {"width": 768, "height": 1024}
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
# Waiting for states, never sleeping; these only bound how long a state may take to arrive. The
# recompute of every year and the demo-sized downloads take seconds on a 2-core machine.
TIMEOUT_MS = 30_000
SLOW_TIMEOUT_MS = 180_000


def _strict() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_SERVICES") == "1"


@pytest.fixture(scope="session")
def _chromium_available():
    """Chromium and Playwright are there, or the journeys are skipped (failed in CI)."""
    problems = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("the Python package playwright (requirements.txt)")
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        problems.append(f"Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    if problems:
        message = "end-to-end journeys need " + " and ".join(problems)
        if _strict():
            pytest.fail("CI requires this: " + message)
        pytest.skip(message)


def _session_uses_database(items) -> bool:
    """pytest-django's rule for creating the test database: some collected test asks for it."""
    from django.test import TransactionTestCase

    for item in items:
        cls = getattr(item, "cls", None)
        if (cls and issubclass(cls, TransactionTestCase)) or item.get_closest_marker("django_db") \
                or {"db", "transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())):
            return True
    return False


@pytest.fixture(scope="session")
def e2e_database(request, django_db_setup, django_db_blocker):
    """The test database. pytest-django creates it only when a collected test asks for `db`,
    `transactional_db`, `live_server` or a django_db mark; the journeys ask for none of them (see
    the module docstring), so when only they are selected the database is created here."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    config = None
    if not _session_uses_database(request.session.items):
        with django_db_blocker.unblock():
            config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    name = str(connection.settings_dict["NAME"])
    assert "memory" in name or name.startswith("test_"), f"refusing to load the demo into {name}"
    yield
    if config is not None:
        with django_db_blocker.unblock():
            teardown_databases(config, verbosity=0)


@pytest.fixture(scope="package")
def demo_server(_chromium_available, e2e_database, django_db_blocker):
    """The demo data set behind a live server on 127.0.0.1 (ephemeral port). Yields its base URL."""
    from django.core.management import call_command
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    from ali_party.testing import reseed_catalogues
    from indicators.demo import load_demo

    with django_db_blocker.unblock():
        before = connection.creation.serialize_db_to_string()
        reseed_catalogues()  # an earlier transactional test's flush emptied the seeded catalogues
        load_demo(recompute=True)
    server = LiveServer("127.0.0.1")
    try:
        yield server.url
    finally:
        server.stop()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(before)


@pytest.fixture
def dbq(demo_server, django_db_blocker):
    """Database access from a journey (looking up ids, checking what a page saved)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="session")
def browser(_chromium_available):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Session:
    """One browser context (its own cookies) on the live server, with the house helpers."""

    def __init__(self, browser, base_url, viewport=DESKTOP):
        self.base_url = base_url
        self.context = browser.new_context(base_url=base_url, viewport=viewport, locale="zh-CN",
                                           accept_downloads=True, timezone_id="Asia/Shanghai")
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.errors = []  # uncaught JavaScript errors: fail the test
        self.console = []  # console errors (CSP refusals, failed loads): for the test to look at
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.console.append(message.text))

    def goto(self, path, expect_status=200):
        response = self.page.goto(path)
        assert response is not None
        assert response.status == expect_status, f"{path}: HTTP {response.status}"
        return response

    def login(self, username, password=DEMO_PASSWORD):
        self.goto("/accounts/login/")
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码").fill(password)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="登录").click()
        return self

    def logout(self):
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="退出").click()

    def pick(self, field_id, typed, value):
        """Choose in a search picker (Tom Select over <select id=field_id>, static/js/pickers.js):
        type `typed`, wait for the server's answer, click the option whose key is `value`."""
        from playwright.sync_api import expect

        # Into the field by its input, not by a click at where the control was drawn: the form's
        # layout settles a moment after the previous choice (the chosen item replaces the input),
        # and a click computed before that lands on the field above.
        self.page.locator(f"#{field_id}-ts-control").focus()
        expect(self.page.locator(f"#{field_id}-ts-control")).to_be_focused()
        self.page.keyboard.type(typed)
        option = self.page.locator(f'#{field_id}-ts-dropdown [data-value="{value}"]')
        expect(option).to_be_visible()
        shown = self.page.locator(f"#{field_id}-ts-dropdown .option").all_inner_texts()
        assert shown and all(typed in text for text in shown), f"{field_id}: {typed!r} shows {shown}"
        option.click()
        expect(self.page.locator(f'#{field_id} option[value="{value}"]')).to_have_js_property("selected", True)
        dropdown = self.page.locator(f"#{field_id}-ts-dropdown")
        if self.page.locator(f"#{field_id}").evaluate("select => select.multiple"):
            self.page.keyboard.press("Escape")  # done choosing several: as a clerk leaves the list
        elif self.page.evaluate(f"() => document.activeElement && document.activeElement.id === '{field_id}-ts-control'"):
            # On a loaded machine an answer to the search typed before the choice can still come back
            # while the field has the focus; the clerk moves on to the next field, as with Tab.
            self.page.keyboard.press("Tab")
        expect(dropdown).to_be_hidden()  # the list is closed once the choice is made and the field left
        expect(self.page.locator(f'#{field_id} option[value="{value}"]')).to_have_js_property("selected", True)

    def screenshot(self, name, *, tablet=True):
        """Full-page screenshots at 1366×768 and (by default) again at 768×1024."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page = self.page
        original = page.viewport_size
        shots = [("desktop", DESKTOP)] + ([("tablet", TABLET)] if tablet else [])
        for label, size in shots:
            page.set_viewport_size(size)
            # Charts resize on the window's resize event; wait until the layout has settled.
            page.wait_for_function("() => document.readyState === 'complete'")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        page.set_viewport_size(original)

    def screenshot_at(self, name, size):
        """One full-page screenshot at the given viewport (a phone's, say), left at that size."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.set_viewport_size(size)
        self.page.wait_for_function("() => document.readyState === 'complete'")
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    def close(self):
        self.context.close()


@pytest.fixture
def open_session(browser, demo_server):
    """open_session() → a fresh logged-out browser session; all are closed after the test."""
    sessions = []

    def _open(viewport=DESKTOP):
        session = Session(browser, demo_server, viewport)
        sessions.append(session)
        return session

    yield _open
    for session in sessions:
        errors = session.errors
        session.close()
        assert not errors, f"JavaScript errors on the pages: {errors}"
