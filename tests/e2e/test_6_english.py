"""A county clerk (demo account gaer) switches to English with the navigation's button and walks a
handful of pages — the dashboard, the member list, the new-member form, an organization's page with
its record summary — that show no Chinese outside the data (issue 18, item 7). The navigation fits
on one line at 1366×768 in both languages, the language button in one piece; screenshots of both
go to artifacts/screenshots/ (nav-en-desktop.png, nav-zh-desktop.png)."""
import re

import pytest
from playwright.sync_api import expect

from tests.test_english import CJK, Strip, data_strings

from .conftest import DESKTOP, SCREENSHOTS

pytestmark = pytest.mark.e2e

# The page's text without the language switch (which names the other language in that language).
PAGE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('form[action$="/i18n/setlang/"]').forEach(f => f.remove());
  return [body.innerText, ...[...document.querySelectorAll('[title]')].map(el => el.title)];
}"""
# The navigation's items (brand, menu links, user, buttons): their boxes, to tell whether any went
# to a second line or broke inside.
NAV_BOXES = """() => {
  const items = [...document.querySelectorAll('nav.navbar .navbar-brand, nav.navbar .nav-link, nav.navbar .navbar-user,'
                                             + ' nav.navbar .btn:not(.navbar-toggler)')];
  return {
    width: document.documentElement.clientWidth,
    items: items.map(el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
      return {text: el.innerText.trim(), top: r.top, bottom: r.bottom, height: r.height, right: r.right,
              line: parseFloat(s.lineHeight) || parseFloat(s.fontSize) * 1.5, visible: r.width > 0}; }),
  };
}"""


def _navigation_problems(page, label):
    boxes = page.evaluate(NAV_BOXES)
    items = [i for i in boxes["items"] if i["visible"]]
    problems = []
    if not items:
        return [f"{label}: no navigation items visible at 1366 px (collapsed?)"]
    middle = [(i["top"] + i["bottom"]) / 2 for i in items]
    if max(middle) - min(middle) > 8:  # all on one row
        low = [i["text"] for i, m in zip(items, middle) if m - min(middle) > 8]
        problems.append(f"{label}: the navigation wraps, on a second line: {low}")
    for item in items:
        if item["right"] > boxes["width"]:
            problems.append(f"{label}: {item['text']!r} goes past the window's right edge ({item['right']:.0f}px)")
        if item["height"] > 1.7 * item["line"] + 12:  # one line of text plus the padding of a button
            problems.append(f"{label}: {item['text']!r} breaks over two lines ({item['height']:.0f}px)")
    return problems


def _chinese_left(page, strip):
    return sorted({" ".join(s.split())[:60] for s in map(strip, page.evaluate(PAGE_TEXT)) if CJK.search(s)})


def test_it_switches_to_english_with_the_button_and_shows_no_chinese_outside_the_data(open_session, dbq):
    from branches.models import PartyOrganization
    from cadres.models import PartyMember

    strip = Strip(data_strings())
    clerk = open_session(DESKTOP).login("gaer")
    page = clerk.page
    problems = _navigation_problems(page, "Chinese")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "nav-zh-desktop.png"))

    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="中文")).to_be_visible()
    problems += _navigation_problems(page, "English")
    page.screenshot(path=str(SCREENSHOTS / "nav-en-desktop.png"))

    member = PartyMember.objects.filter(organization__area__path__startswith=clerk_county_path()).order_by("pk").first()
    organization = member.organization
    assert PartyOrganization.objects.filter(pk=organization.pk).exists()
    with page.expect_navigation():
        page.get_by_role("link", name="Dashboard", exact=True).click()
    pages = [("dashboard", page.url), ("member list", "/cadres/members/"), ("new member", "/cadres/members/new/"),
             ("member", f"/cadres/members/{member.pk}/"), ("organization", f"/branches/organizations/{organization.pk}/")]
    for name, path in pages:
        clerk.goto(path)
        expect(page.locator("main")).to_be_visible()
        left = _chinese_left(page, strip)
        if left:
            problems.append(f"{name} ({path}): Chinese outside the data: {left[:10]}")
    # The dashboard's charts are labelled in English (month names from the page).
    clerk.goto(pages[0][1])
    months = page.evaluate("() => JSON.parse(document.getElementById('chart-data').textContent).months.names")
    assert months[0] == "Jan" and months[11] == "Dec"
    clerk.screenshot("english-dashboard", tablet=False)

    # And back: the button now reads 中文, and the pages are Chinese again.
    with page.expect_navigation():
        page.get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    assert re.search(r"[\u3400-\u9fff]", page.locator("nav.navbar").inner_text())
    assert not problems, "\n".join(problems)


def clerk_county_path():
    from accounts.models import User

    return User.objects.get(username="gaer").scope_area.path
