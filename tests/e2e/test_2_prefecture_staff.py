"""The prefecture staff's journey (demo account prefecture): the prefecture dashboard with its charts
drawn, drill-down to a county and a village, an organization's page, and the year-end Word report
and Excel workbook, opened and checked against the article's figures."""
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from .conftest import SLOW_TIMEOUT_MS

pytestmark = pytest.mark.e2e

YEAR = 2022
COUNTIES = ["噶尔县", "普兰县", "札达县", "日土县", "革吉县", "改则县", "措勤县"]
MEMBERS = "personnel.farmer_herder_members"
# Figures no other journey changes (the clerk's new member is an applicant, not a member).
ARTICLE = {MEMBERS: 8521, "personnel.farmer_herder_women": 2122, "personnel.farmer_herder_under_30": 1744}

# For each chart container: ECharts drew a series into it, on a canvas with non-transparent pixels.
CHARTS_DRAWN = """
ids => ids.map(id => {
  const el = document.getElementById(id);
  if (!el) return [id, 'missing'];
  const chart = echarts.getInstanceByDom(el);
  if (!chart) return [id, 'no chart'];
  const series = chart.getOption().series || [];
  const points = series.reduce((n, s) => n + (s.data || []).length, 0);
  const canvas = el.querySelector('canvas');
  if (!canvas || !canvas.width || !canvas.height) return [id, 'no canvas'];
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) painted++; }
  return [id, series.length && points ? (painted > 500 ? 'ok' : 'blank canvas') : 'empty series'];
})
"""


def _charts(page, ids):
    # Charts draw on load; their first frame may be animated, so wait for every one to have paint.
    page.wait_for_function(f"() => ({CHARTS_DRAWN})({ids!r}).every(([, s]) => s === 'ok')", timeout=SLOW_TIMEOUT_MS)
    return dict(page.evaluate(CHARTS_DRAWN, ids))


def test_it_lets_prefecture_staff_drill_down_and_download_the_year_end_reports(open_session, dbq, tmp_path):
    from branches.models import Area

    staff = open_session()
    page = staff.login("prefecture").page
    with page.expect_navigation():
        page.get_by_role("link", name="仪表盘", exact=True).click()
    root = Area.objects.get(level=Area.Level.PREFECTURE)
    assert page.url.endswith(f"/dashboard/area/{root.pk}/")
    if f"{YEAR}年" not in page.locator("#year option[selected]").inner_text():
        with page.expect_navigation():
            page.locator("#year").select_option(str(YEAR))  # the page submits itself on change
    expect(page.get_by_role("heading", name=f"阿里地区 {YEAR}年度党建标准化指标")).to_be_visible()
    expect(page.locator(f'[data-code="{MEMBERS}"] .kpi-value')).to_have_text("8521")

    charts = ["chart-ratings", "chart-language", "chart-comparison", "chart-gender", "chart-age", "chart-months"]
    assert _charts(page, charts) == {c: "ok" for c in charts}
    comparison = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('chart-comparison')).getOption()")
    assert comparison["xAxis"][0]["data"] == COUNTIES
    assert sum(comparison["series"][0]["data"]) == ARTICLE[MEMBERS]

    # Drill down: prefecture → 噶尔县 → 狮泉河镇 → a village.
    with page.expect_navigation():
        page.locator("table").get_by_role("link", name="噶尔县").click()
    expect(page.get_by_role("heading", name=f"噶尔县 {YEAR}年度党建标准化指标")).to_be_visible()
    expect(page.locator(".breadcrumb")).to_contain_text("阿里地区")
    assert _charts(page, charts) == {c: "ok" for c in charts}
    with page.expect_navigation():
        page.locator("table").get_by_role("link", name="狮泉河镇").click()
    expect(page.get_by_role("heading", name=re.compile("狮泉河镇"))).to_be_visible()
    village_link = page.locator("table tbody tr td:first-child a").first
    village_name = village_link.inner_text()
    with page.expect_navigation():
        village_link.click()
    expect(page.get_by_role("heading", name=re.compile(village_name))).to_be_visible()
    expect(page.locator(".breadcrumb")).to_contain_text("狮泉河镇")
    # A village has no sub-areas: no comparison chart; the others still draw.
    village_charts = [c for c in charts if c != "chart-comparison"]
    assert _charts(page, village_charts) == {c: "ok" for c in village_charts}
    staff.screenshot("dashboard-village")

    # The village's organizations are listed; open one.
    org_link = page.locator("ul.list-group a").first
    org_name = org_link.inner_text()
    with page.expect_navigation():
        org_link.click()
    assert re.search(r"/branches/organizations/\d+/$", page.url)
    expect(page.locator("main")).to_contain_text(org_name)
    expect(page.locator("main")).to_contain_text(village_name)

    # Back at the prefecture: the year-end Word report and the Excel workbook.
    staff.goto(f"/dashboard/area/{root.pk}/?year={YEAR}")
    with page.expect_download(timeout=SLOW_TIMEOUT_MS) as download:
        page.get_by_role("link", name="年度报告").click()
    assert download.value.suggested_filename == f"阿里地区{YEAR}年度报告.docx"
    report = tmp_path / "report.docx"
    download.value.save_as(report)
    document = Document(report)
    text = "\n".join([p.text for p in document.paragraphs]
                     + [cell.text for table in document.tables for row in table.rows for cell in row.cells])
    for figure in ARTICLE.values():
        assert str(figure) in text, f"{figure} missing from the Word report"
    assert f"阿里地区{YEAR}年度" in text and "农牧民党员8521人" in text

    with page.expect_download(timeout=SLOW_TIMEOUT_MS) as download:
        page.get_by_role("link", name="指标表").click()
    assert download.value.suggested_filename == f"阿里地区{YEAR}年度指标.xlsx"
    workbook_path = tmp_path / "indicators.xlsx"
    download.value.save_as(workbook_path)
    # One sheet per pillar: name and unit first, then the prefecture and its counties, the code last.
    sheet = load_workbook(workbook_path)["基本队伍"]
    header = [c.value for c in sheet[1]]
    assert header[2:-1] == ["阿里地区"] + COUNTIES
    rows = {row[-1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    for code, figure in ARTICLE.items():
        assert rows[code][2] == figure, code
        assert sum(rows[code][3:-1]) == figure, f"{code}: the counties add up to the prefecture"


def test_it_takes_prefecture_staff_from_the_dashboard_to_the_annual_statistics_workbook(open_session, dbq, tmp_path):
    """党内统计年报: from the dashboard's link to the report page, the workbook downloaded and opened:
    the 说明 sheet first, a sheet per table, the 审核 sheet last with every check passed, and the
    article's farmer-herder figures in 表四's 合计 row."""
    from branches.models import Area

    staff = open_session()
    page = staff.login("prefecture").page
    root = Area.objects.get(level=Area.Level.PREFECTURE)
    staff.goto(f"/dashboard/area/{root.pk}/?year={YEAR}")
    with page.expect_navigation():
        page.get_by_role("link", name="党内统计年报").click()
    expect(page.get_by_role("heading", name="党内统计年报")).to_be_visible()
    expect(page.locator("#id_area option[selected]")).to_have_text("阿里地区")
    expect(page.locator("#id_year option[selected]")).to_have_text(str(YEAR))
    staff.screenshot("annual-statistics")
    with page.expect_download(timeout=SLOW_TIMEOUT_MS) as download:
        page.locator("#annual-workbook").click()
    assert download.value.suggested_filename == f"阿里地区{YEAR}年党内统计年报.xlsx"
    path = tmp_path / "annual.xlsx"
    download.value.save_as(path)

    book = load_workbook(path)
    assert book.sheetnames[0] == "说明" and book.sheetnames[-1] == "审核"
    assert len(book.sheetnames) == 11, book.sheetnames
    occupation = next(book[name] for name in book.sheetnames if name.startswith("表四"))
    assert occupation["A1"].value == f"阿里地区{YEAR}年党内统计年报：{occupation.title}"
    header = [c.value for c in occupation[3]]
    total = next(row for row in occupation.iter_rows(min_row=4, values_only=True) if row[0] == "合计")
    by_header = dict(zip(header, total))
    assert by_header["农牧民"] == ARTICLE[MEMBERS]
    assert by_header["其中：农牧民女党员"] == ARTICLE["personnel.farmer_herder_women"]
    assert by_header["其中：30岁以下农牧民党员"] == ARTICLE["personnel.farmer_herder_under_30"]
    # The counties' rows add up to the 合计 row.
    counties = [row for row in occupation.iter_rows(min_row=4, values_only=True) if row[0] in COUNTIES]
    assert [row[0] for row in counties] == COUNTIES
    assert sum(row[header.index("农牧民")] for row in counties) == ARTICLE[MEMBERS]
    checks = book["审核"]
    results = [row[8] for row in checks.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert len(results) > 100 and set(results) == {"通过"}
