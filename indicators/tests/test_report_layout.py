"""The year-end report and the indicator workbook as a county organization department files
them: opened with python-docx / openpyxl, figures from snapshots written here by hand."""
import io
import re
from datetime import datetime, timezone as dt_timezone
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from indicators import reports
from indicators.models import IndicatorSnapshot, RecomputeRun

YEAR = 2022
FINISHED_UTC = datetime(2023, 1, 5, 16, 30, tzinfo=dt_timezone.utc)  # 2023-01-06 00:30 in Lhasa/Beijing


def _snap(area, code, value, numerator=None, denominator=None):
    IndicatorSnapshot.objects.create(area=area, year=YEAR, code=code, computed_at=FINISHED_UTC,
                                     value=None if value is None else Decimal(value),
                                     numerator=Decimal(numerator if numerator is not None else value or 0),
                                     denominator=None if denominator is None else Decimal(denominator))


@pytest.fixture
def filed_world(world):
    """The prefecture's figures and its two counties' main indicators, as a recompute stores them."""
    root, a, b = world.root, world.county_a, world.county_b
    _snap(root, "funding.allocations_total", "6928.80", numerator="69288000")
    _snap(root, "funding.utilization_rate", "95.63", numerator="66257100", denominator="69288000")
    _snap(root, "personnel.farmer_herder_members", "184")
    _snap(root, "personnel.language_proficiency_rate", "87.50", numerator="35", denominator="40")
    # 噶尔县: every main indicator stored.
    _snap(a, "personnel.farmer_herder_members", "120")
    _snap(a, "personnel.language_proficiency_rate", "87.50", numerator="35", denominator="40")
    _snap(a, "systems.rating_excellent_rate", "25.00", numerator="5", denominator="20")
    _snap(a, "activities.theme_party_days", "48")
    _snap(a, "funding.venues_upgraded", "3")
    # 普兰县: a rate without a denominator (无数据), and no snapshot for three indicators.
    _snap(b, "personnel.farmer_herder_members", "64")
    _snap(b, "systems.rating_excellent_rate", None, numerator="0", denominator=None)
    RecomputeRun.objects.create(status=RecomputeRun.Status.DONE, finished_at=FINISHED_UTC)
    return world


def _docx(world):
    return Document(io.BytesIO(reports.year_end_docx(world.root, YEAR)))


def _text(document):
    return "\n".join(p.text for p in document.paragraphs)


def test_it_is_a4_with_the_official_document_margins(filed_world):
    section = _docx(filed_world).sections[0]
    # Word keeps lengths in twentieths of a point: compared to a tenth of a millimetre.
    def mm(*lengths):
        return tuple(round(length.mm, 1) for length in lengths)
    assert mm(section.page_width, section.page_height) == (210, 297)
    assert mm(section.top_margin, section.bottom_margin, section.left_margin, section.right_margin) == (37, 35, 28, 26)


def test_it_sets_title_and_body_fonts_with_their_fallbacks(filed_world):
    document = _docx(filed_world)
    title = document.paragraphs[0].runs[0]
    assert title.text == "阿里地区2022年度农牧区党组织标准化规范化建设情况"
    assert title._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    normal = document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.font.size.pt == 16
    body = next(p for p in document.paragraphs if p.text.startswith("1. "))
    assert body.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312" and body.runs[0].font.size.pt == 16
    font_table = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    blob = font_table.blob.decode()
    assert re.search(r'w:name="方正小标宋简体"><w:altName w:val="宋体"/>', blob)
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>', blob)


def test_it_numbers_the_pages_in_the_footer(filed_world):
    section = _docx(filed_world).sections[0]
    for footer in (section.footer, section.even_page_footer):
        paragraph = footer.paragraphs[0]
        instructions = [e.text.strip() for e in paragraph._p.iter(qn("w:instrText"))]
        assert instructions == ["PAGE"]
        assert paragraph.text == "— 1 —"


def test_it_gives_the_update_time_in_local_time(filed_world, settings):
    assert settings.TIME_ZONE == "Asia/Shanghai"
    text = _text(_docx(filed_world))
    assert "数据更新于 2023-01-06 00:30" in text
    assert f"报告生成于 {timezone.localtime():%Y-%m-%d}" in text


def test_it_writes_the_figures_as_the_dashboard_shows_them(filed_world):
    text = _text(_docx(filed_world))
    assert "拨付资金总额6928.80万元" in text
    assert "资金使用率95.63%（当年度拨款金额6928.80万元，当年度拨款已支出金额6625.71万元）" in text
    assert "两委成员国家通用语言掌握率87.50%（年末在任两委成员数40，" in text
    assert "农牧民党员184人" in text
    assert not re.search(r"\d/\d", text)
    assert "66257100" not in text and "69288000" not in text


def test_it_tabulates_the_main_indicators_of_each_county(filed_world):
    document = _docx(filed_world)
    assert len(document.tables) == 1
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[0][0] == "区域" and rows[0][1] == "农牧民党员（人）"
    assert rows[1:] == [
        ["噶尔县", "120", "87.50", "25.00", "48", "3"],
        ["普兰县", "64", "无数据", "无数据", "0", "0"],
    ]


def test_a_county_report_tabulates_its_townships(filed_world):
    document = Document(io.BytesIO(reports.year_end_docx(filed_world.county_a, YEAR)))
    assert [row.cells[0].text for row in document.tables[0].rows[1:]] == ["狮泉河镇", "昆莎乡"]


def test_workbook_has_a_sheet_per_pillar_with_names_first(filed_world):
    workbook = load_workbook(io.BytesIO(reports.indicators_xlsx(filed_world.root, YEAR)))
    assert workbook.sheetnames == ["基本组织", "基本队伍", "基本活动", "基本制度", "基本能力", "基本保障"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "B2"
    funding = workbook["基本保障"]
    rows = list(funding.values)
    assert rows[0] == ("指标名称", "单位", "阿里地区", "噶尔县", "普兰县", "指标代码")
    rate = next(r for r in rows if r[-1] == "funding.utilization_rate")
    assert rate[:5] == ("资金使用率", "%", 95.63, None, None)
    assert funding.cell(row=rows.index(rate) + 1, column=3).number_format == "0.00"
    venues = next(r for r in rows if r[-1] == "funding.venues_upgraded")
    assert venues[2:5] == (0, 3, 0)
    assert funding.column_dimensions["A"].width > funding.column_dimensions["F"].width


def test_workbook_cells_stay_formula_safe(filed_world):
    filed_world.county_a.name = "=HYPERLINK(\"x\")"
    filed_world.county_a.save()
    sheet = load_workbook(io.BytesIO(reports.indicators_xlsx(filed_world.root, YEAR)))["基本组织"]
    assert sheet["D1"].value == "'=HYPERLINK(\"x\")" and sheet["D1"].data_type == "s"


def test_a_township_clerk_cannot_download_the_county_report(client_for, filed_world):
    client = client_for(filed_world.tess)
    assert client.get(reverse("indicators:report_docx", args=[filed_world.county_a.pk])).status_code == 404
    assert client.get(reverse("indicators:report_docx", args=[filed_world.township_a.pk]),
                      {"year": YEAR}).status_code == 200


def test_a_village_report_has_no_children_table(filed_world):
    document = Document(io.BytesIO(reports.year_end_docx(filed_world.village_a1, YEAR)))
    assert document.tables == [] and "下级区域主要指标" not in _text(document)
