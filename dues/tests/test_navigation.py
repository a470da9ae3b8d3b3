"""The top navigation, with 党费 added, stays on one line at 1366 px (headless Chromium)."""
import os

import pytest

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, SCREENSHOTS, _strict

pytestmark = pytest.mark.e2e
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ONE_LINE = """() => {
  const items = [...document.querySelectorAll('#mainnav .nav-item, #mainnav .btn, #mainnav form')];
  const tops = new Set(items.map(el => Math.round(el.getBoundingClientRect().top)));
  return {tops: [...tops], height: document.querySelector('nav.navbar').getBoundingClientRect().height,
          labels: [...document.querySelectorAll('#mainnav .nav-link')].map(a => a.innerText),
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_navigation_holds_on_one_line_at_1366(world, live_server, language):
    if not os.path.exists(CHROMIUM):
        if _strict():  # as the e2e journeys: never skipped in CI
            pytest.fail("CI requires Debian's chromium (apt-get install chromium)")
        pytest.skip("needs Debian's chromium")
    from playwright.sync_api import sync_playwright

    from cadres.tests.factories import PartyMemberFactory
    from dues import services

    from .factories import DuesProfileFactory

    DuesProfileFactory(member=PartyMemberFactory(organization=world.org_a1, name="次仁"))
    ledger = services.ledger_generate(actor=world.carol, organization=world.org_a1, year=2022, month=3)
    world.tess.full_name = "狮泉河镇党建工作录入员"
    world.tess.save()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=DESKTOP, base_url=live_server.url)
        page.goto("/accounts/login/")
        page.get_by_label("用户名").fill("tess")  # OTP applies to prefecture roles; a township clerk logs in
        page.get_by_label("密码").fill("Passw0rd!x")
        with page.expect_navigation():
            page.get_by_role("button", name="登录").click()
        if language == "en":
            with page.expect_navigation():
                page.get_by_role("button", name="English").click()
        page.goto(ledger.get_absolute_url())
        facts = page.evaluate(ONE_LINE)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"dues-ledger-{language}-desktop.png"), full_page=True)
        browser.close()
    assert ("党费" if language == "zh-hans" else "Dues") in facts["labels"]
    assert len(facts["tops"]) == 1 or max(facts["tops"]) - min(facts["tops"]) < 12, facts
    assert facts["height"] < 70, facts
    if language == "zh-hans":
        # The English navigation was already wider than 1366 px before 党费 was added (its labels
        # are longer): reported, not fixed here; the Chinese one must fit.
        assert facts["overflow"] <= 1, facts
