"""Year-end report (Word) and indicator workbook (Excel), filled from snapshots only.

The Word report is laid out as an official document (GB/T 9704-2012 党政机关公文格式): A4, the
standard margins, title in 小标宋, body in 仿宋 三号, page numbers "— 1 —" in the footer.
"""
from __future__ import annotations

import io
from decimal import Decimal

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from lxml import etree
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ali_party.pillars import Pillar
from ali_party.rounding import round_half_up
from ali_party.spreadsheets import safe_cell
from branches.models import Area

from . import registry, selectors
from .models import IndicatorSnapshot

# GB/T 9704: title 二号 方正小标宋简体, headings 三号 黑体, body and tables 三号 仿宋_GB2312, page
# numbers 四号 宋体. Each font with the one Word / WPS / LibreOffice fall back to where the
# first is not installed (written to the document's font table as its altName).
TITLE_FONT, BODY_FONT, HEADING_FONT, PAGE_NUMBER_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "宋体"
FALLBACK_FONTS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING_FONT: "SimHei", PAGE_NUMBER_FONT: "SimSun"}
TITLE_SIZE, BODY_SIZE, TABLE_SIZE, PAGE_NUMBER_SIZE = Pt(22), Pt(16), Pt(12), Pt(14)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
NUMERALS = "一二三四五六七八九十"


def _amount(value, *, money: bool) -> str:
    """A numerator or denominator in words' company: yuan as 万元, counts as plain numbers."""
    value = Decimal(value or 0)
    if money:
        return f"{round_half_up(value / 10000)}{_('万元')}"
    return selectors.format_value(value, registry.Unit.COUNT)


def _figure(row) -> str:
    """One indicator as the dashboard shows it: the rounded value with its unit, and for a rate
    what it is a share of ("（当年度拨款金额6928.80万元，当年度拨款已支出金额6625.71万元）"), never
    "66257100/69288000". The catalogue names a part counted in yuan "…(元)"."""
    if row["value"] is None:
        return f"{row['name']}{_('无数据')}"
    text = f"{row['name']}{row['display']}{row['unit_zh']}"
    if row["denominator"] is not None:
        money = row["denominator_zh"].endswith("(元)")
        numerator_name = row["numerator_zh"].removesuffix("(元)") or _("其中")
        denominator_name = row["denominator_zh"].removesuffix("(元)") or _("共")
        text += _("（{denominator_name}{denominator}，{numerator_name}{numerator}）").format(
            denominator_name=denominator_name, denominator=_amount(row["denominator"], money=money),
            numerator_name=numerator_name, numerator=_amount(row["numerator"], money=money))
    return text


def _set_font(target, name: str, size=None, *, bold: bool = False) -> None:
    """A run's or a style's font, for Latin and East Asian text alike (Word picks the font of a
    Chinese character from w:eastAsia, which python-docx's font.name does not set)."""
    target.font.name = name  # creates rPr/rFonts
    element = target._r if hasattr(target, "_r") else target.element
    element.rPr.rFonts.set(qn("w:eastAsia"), name)
    if size is not None:
        target.font.size = size
    target.font.bold = bold


def _paragraph(container, text: str, *, font: str = BODY_FONT, size=BODY_SIZE, bold: bool = False,
               align=None, indent: bool = False):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = size * 2
    _set_font(paragraph.add_run(text), font, size, bold=bold)
    return paragraph


def _page_number(paragraph) -> None:
    """"— N —" with N a PAGE field, so Word and LibreOffice number every page themselves."""
    def run(text=None, field=None, instruction=None):
        r = paragraph.add_run(text or "")
        _set_font(r, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        if field:
            r._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{field}"/>'))
        if instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = instruction
            r._r.append(element)
        return r
    run("— ")
    run(field="begin")
    run(instruction=" PAGE ")
    run(field="separate")
    run("1")
    run(field="end")
    run(" —")


def _page_setup(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    # GB/T 9704: the page number 一字 in from the outer edge, right on odd pages, left on even ones.
    document.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = PAGE_NUMBER_SIZE
        else:
            paragraph.paragraph_format.left_indent = PAGE_NUMBER_SIZE
        _page_number(paragraph)
    normal = document.styles["Normal"]
    _set_font(normal, BODY_FONT, BODY_SIZE)
    # 22 lines a page: a fixed line pitch of 28.95 pt.
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28.95)
    normal.paragraph_format.space_after = Pt(0)
    _font_fallbacks(document)


def _font_fallbacks(document) -> None:
    """Each font of the report in the font table with the font to use where it is missing."""
    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    table = parse_xml(part.blob)
    for name, fallback in FALLBACK_FONTS.items():
        table.append(parse_xml(f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{fallback}"/>'
                               f'<w:charset w:val="86"/></w:font>'))
    # A generic part's content is its blob (python-docx offers no font-table API).
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _children_table(document, area: Area, year: int, heading: str) -> None:
    """The main indicators of each child area (county for the prefecture, township for a county),
    under `heading`; nothing for a village or a catalogue without them."""
    indicators = [registry.get(c) for c in selectors.MAIN_CODES if c in registry._REGISTRY]
    children = area.child_areas()
    if not indicators or not children:
        return
    _paragraph(document, heading, font=HEADING_FONT, indent=True)
    values = selectors.children_values(area, [i.code for i in indicators], year)
    table = document.add_table(rows=1, cols=1 + len(indicators))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = [_("区域")] + [f"{i.name}（{registry.Unit(i.unit).label}）" for i in indicators]
    for cell, text in zip(table.rows[0].cells, header):
        _cell(cell, text, bold=True)
    for child in children:
        cells = table.add_row().cells
        _cell(cells[0], child.name)
        for cell, indicator in zip(cells[1:], indicators):
            snap = values.get(child.pk, {}).get(indicator.code)
            value = _missing(indicator) if snap is None else snap.value
            _cell(cell, selectors.format_value(value, indicator.unit), align=WD_ALIGN_PARAGRAPH.RIGHT)


def _missing(indicator) -> int | None:
    """The value of an indicator nothing was recorded for: 0, or 无数据 (None) for a rate or change."""
    return None if indicator.unit in (registry.Unit.PERCENT, registry.Unit.PERCENTAGE_POINTS) else 0


def _cell(cell, text: str, *, bold: bool = False, align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _set_font(paragraph.add_run(text), BODY_FONT, TABLE_SIZE, bold=bold)


def year_end_docx(area: Area, year: int) -> bytes:
    rows = selectors.snapshot_rows(area, year)
    document = Document()
    _page_setup(document)
    _paragraph(document, _("{area}{year}年度农牧区党组织标准化规范化建设情况").format(area=area.name, year=year),
               font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "")
    run = selectors.last_successful_run()
    if run and run.finished_at:
        stamp = _("数据更新于 {time}").format(time=f"{timezone.localtime(run.finished_at):%Y-%m-%d %H:%M}")
    else:
        stamp = _("尚未计算")
    _paragraph(document, _("本报告各项数据均由系统根据原始记录自动计算（{stamp}；报告生成于 {now}）。").format(
        stamp=stamp, now=f"{timezone.localtime():%Y-%m-%d %H:%M}"), indent=True)
    number = 0
    for pillar in Pillar:
        items = [r for r in rows if r["pillar"] == pillar.value and r["show_as_card"]]
        if not items:
            continue
        _paragraph(document, f"{NUMERALS[number]}、{pillar.label}", font=HEADING_FONT, indent=True)
        number += 1
        for i, row in enumerate(items, start=1):
            _paragraph(document, f"{i}. {_figure(row)}。", indent=True)
    _children_table(document, area, year, _("{numeral}、下级区域主要指标").format(numeral=NUMERALS[number]))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


TWO_DECIMALS = (registry.Unit.PERCENT, registry.Unit.PERCENTAGE_POINTS, registry.Unit.WAN_YUAN,
                registry.Unit.YUAN)
NAME_WIDTH, UNIT_WIDTH, AREA_WIDTH, CODE_WIDTH = 40, 10, 12, 8


def indicators_xlsx(area: Area, year: int) -> bytes:
    """One sheet per pillar: its indicators (rows, by name and unit) for the node and each of its
    children (columns); the code in a last, narrow column."""
    children = area.child_areas()
    columns = [area] + children
    values = {(s.area_id, s.code): s for s in IndicatorSnapshot.objects.filter(
        area__in=columns, year=year)}
    indicators = registry.all_indicators()
    workbook = Workbook()
    workbook.remove(workbook.active)
    for pillar in Pillar:
        sheet = workbook.create_sheet(str(pillar.label))
        sheet.append([safe_cell(h) for h in [_("指标名称"), _("单位")] + [a.name for a in columns] + [_("指标代码")]])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, horizontal="center")
        for indicator in indicators:
            if indicator.pillar != pillar.value:
                continue
            line = [indicator.name, str(registry.Unit(indicator.unit).label)]
            for a in columns:
                snap = values.get((a.pk, indicator.code))
                value = _missing(indicator) if snap is None else snap.value
                line.append(None if value is None else float(value))
            sheet.append([safe_cell(v) for v in line + [indicator.code]])
            if indicator.unit in TWO_DECIMALS:  # 95.60 %, 6928.80 万元 as on the dashboard
                for cell in sheet[sheet.max_row][2:2 + len(columns)]:
                    cell.number_format = "0.00"
        # The header row and the name column stay in sight while scrolling.
        sheet.freeze_panes = "B2"
        widths = [NAME_WIDTH, UNIT_WIDTH] + [AREA_WIDTH] * len(columns) + [CODE_WIDTH]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
