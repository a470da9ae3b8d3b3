"""Year-end report (Word) and indicator workbook (Excel), filled from snapshots only.

The Word report is laid out as an official document (GB/T 9704-2012 党政机关公文格式): A4, the
standard margins, title in 小标宋, body in 仿宋 三号, page numbers "— 1 —" in the footer.
"""
from __future__ import annotations

import io
from decimal import Decimal

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ali_party.pillars import Pillar
from ali_party.word import (  # noqa: F401  (the layout, shared with development's 登记表)
    BODY_FONT, BODY_SIZE, FALLBACK_FONTS, HEADING_FONT, MARGINS_MM, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE,
    TABLE_SIZE, TITLE_FONT, TITLE_SIZE, _cell, _font_fallbacks, _page_number, _page_setup, _paragraph, _set_font,
)
from ali_party.rounding import round_half_up
from ali_party.spreadsheets import safe_cell
from branches.models import Area

from . import registry, selectors
from .models import IndicatorSnapshot

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
