"""Year-end report (Word) and indicator workbook (Excel), filled from snapshots only."""
from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Font

from ali_party.spreadsheets import safe_cell
from branches.models import Area

from . import registry, selectors
from .models import IndicatorSnapshot



def _display(row) -> str:
    if row["value"] is None:
        return "无数据"
    text = f"{row['display']}{row['unit_zh']}"
    if row["denominator"] is not None:
        text += f"（{row['numerator']}/{row['denominator']}）"
    return text


def year_end_docx(area: Area, year: int) -> bytes:
    rows = selectors.snapshot_rows(area, year)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    style.font.size = Pt(12)
    title = document.add_heading(f"{area.name}{year}年度农牧区党组织标准化规范化建设情况", level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = selectors.last_successful_run()
    stamp = f"数据更新于 {run.finished_at:%Y-%m-%d %H:%M}" if run and run.finished_at else "尚未计算"
    document.add_paragraph(f"本报告各项数据均由系统根据原始记录自动计算（{stamp}）。")
    for pillar in registry.Pillar:
        items = [r for r in rows if r["pillar"] == pillar.value and r["show_as_card"]]
        if not items:
            continue
        document.add_heading(f"强化{pillar.label}", level=2)
        document.add_paragraph("；".join(f"{r['name_zh']}{_display(r)}" for r in items) + "。")
        table = document.add_table(rows=1, cols=3)
        table.style = "Light Grid Accent 1"
        header = table.rows[0].cells
        header[0].text, header[1].text, header[2].text = "指标", "数值", "分子/分母"
        for r in items:
            cells = table.add_row().cells
            cells[0].text = r["name_zh"]
            cells[1].text = "无数据" if r["value"] is None else f"{r['display']}{r['unit_zh']}"
            cells[2].text = f"{r['numerator']}/{r['denominator']}" if r["denominator"] is not None else ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def indicators_xlsx(area: Area, year: int) -> bytes:
    """One sheet: every indicator (rows) for the node and each of its children (columns)."""
    children = area.child_areas()
    columns = [area] + children
    values = {(s.area_id, s.code): s for s in IndicatorSnapshot.objects.filter(
        area__in=columns, year=year)}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"{year}年度指标"
    sheet.append([safe_cell(h) for h in ["指标代码", "指标名称", "支柱", "单位"] + [a.name for a in columns]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for indicator in registry.all_indicators():
        line = [indicator.code, indicator.name_zh, str(registry.Pillar(indicator.pillar).label),
                str(registry.Unit(indicator.unit).label)]
        for a in columns:
            snap = values.get((a.pk, indicator.code))
            if snap is None:
                line.append(None if indicator.unit in (registry.Unit.PERCENT, registry.Unit.PERCENTAGE_POINTS) else 0)
            else:
                line.append(float(snap.value) if snap.value is not None else None)
        sheet.append([safe_cell(v) for v in line])
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
