"""The 党内统计年报 workbook (openpyxl): a 说明 sheet, one sheet per table, and the 审核 sheet with the
failing checks in red. Every sheet: title rows with the area and the 截至 date, the unit, frozen
panes, column widths, A4 landscape fitted to one page wide."""
from __future__ import annotations

import io

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ali_party.spreadsheets import safe_cell

from indicators.reports import NUMERALS

from .report import Report, Table

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
RED_FILL = PatternFill("solid", fgColor="FFC7CE")
RED_FONT = Font(color="9C0006", bold=True)
GREEN_FONT = Font(color="006100")
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")


def sheet_name(table: Table) -> str:
    # 表一 in Chinese, Table 1 in English.
    numeral = table.code if get_language() == "en" else NUMERALS[int(table.code) - 1]
    return _("表%(numeral)s %(title)s") % {"numeral": numeral, "title": table.title}


def _title(sheet, report: Report, title: str, unit: str, width: int) -> None:
    sheet.append([safe_cell(_("%(area)s%(year)s年党内统计年报：%(title)s") % {
        "area": report.area.name, "year": report.year, "title": title})])
    sheet.append([safe_cell(_("截至%(date)s　　单位：%(unit)s") % {
        "date": f"{report.as_of:%Y-%m-%d}", "unit": unit})])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 1))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet["A2"].font = Font(italic=True)


def _print_setup(sheet, header_row: int) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{header_row}"
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def _header(sheet, headers: list[str]) -> None:
    sheet.append([safe_cell(h) for h in headers])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    sheet.row_dimensions[sheet.max_row].height = 45


def _table_sheet(workbook, report: Report, table: Table) -> None:
    sheet = workbook.create_sheet(sheet_name(table)[:31])
    _title(sheet, report, sheet_name(table), table.unit, len(table.columns) + 1)
    _header(sheet, [_("区域")] + [str(label) for _key, label in table.columns])
    for row in table.rows:
        sheet.append([safe_cell(row.label)] + [row[key] for key, _label in table.columns])
        for cell in sheet[sheet.max_row]:
            cell.border = BORDER
        if row.area is None:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    sheet.append([])
    sheet.append([safe_cell(_("说明：") + table.description)])
    sheet.freeze_panes = "B4"
    sheet.column_dimensions["A"].width = 16
    for index in range(2, len(table.columns) + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 9
    _print_setup(sheet, 3)


def _cover(workbook, report: Report) -> None:
    sheet = workbook.create_sheet(_("说明"))
    _title(sheet, report, _("目录和说明"), _("见各表"), 3)
    _header(sheet, [_("表"), _("内容"), _("统计口径")])
    for table in report.tables:
        sheet.append([safe_cell(sheet_name(table)), safe_cell(table.title), safe_cell(table.description)])
    sheet.append([safe_cell(_("审核")), safe_cell(_("表间、表内和与仪表盘指标的核对")),
                  safe_cell(_("共%(total)s项，未通过%(failed)s项。") % {
                      "total": len(report.checks), "failed": len(report.failed)}
                            + (pending_note() if report.recompute_pending else ""))])
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.border = BORDER
    sheet.freeze_panes = "A4"
    for letter, width in zip("ABC", (22, 22, 90)):
        sheet.column_dimensions[letter].width = width
    _print_setup(sheet, 3)


CHECK_WIDTHS = (6, 30, 12, 28, 9, 5, 36, 9, 8)


def _lines(text: str, width: int) -> int:
    # A CJK character takes about two units of column width, an ASCII one about one.
    units = sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(text))
    return max(1, -(-units // max(width - 1, 1)))


def _checks(workbook, report: Report) -> None:
    sheet = workbook.create_sheet(_("审核"))
    _title(sheet, report, _("审核"), _("人、个"), 9)
    if report.recompute_pending:
        # Above the checks: why a 与仪表盘指标一致 check may fail for now.
        sheet.append([safe_cell(pending_note())])
        sheet["A3"].font = RED_FONT
        sheet["A3"].fill = RED_FILL
        sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=9)
        sheet.row_dimensions[3].height = 30
        sheet["A3"].alignment = Alignment(wrap_text=True, vertical="center")
    _header(sheet, [_("序号"), _("审核项目"), _("区域"), _("数据项"), _("数值"), _("关系"), _("核对项"), _("数值"),
                    _("结果")])
    for number, check in enumerate(report.checks, start=1):
        sheet.append([number, safe_cell(check.label), safe_cell(check.place), safe_cell(check.left_label), check.left,
                      check.relation, safe_cell(check.right_label), check.right,
                      _("通过") if check.passed else _("不通过")])
        for cell in sheet[sheet.max_row]:
            cell.border = BORDER
            # Long item names (a sum of many columns) wrap, printed whole rather than cut at the border.
            cell.alignment = Alignment(wrap_text=cell.column in (2, 4, 7), vertical="center")
            if not check.passed:
                cell.fill = RED_FILL
                cell.font = RED_FONT
        if check.passed:
            sheet.cell(sheet.max_row, 9).font = GREEN_FONT
        # Row height for the wrapped lines (Excel and LibreOffice keep a default height otherwise).
        lines = max(_lines(check.label, CHECK_WIDTHS[1]), _lines(check.left_label, CHECK_WIDTHS[3]),
                    _lines(check.right_label, CHECK_WIDTHS[6]))
        if lines > 1:
            sheet.row_dimensions[sheet.max_row].height = 15 * lines
    sheet.freeze_panes = "A5" if report.recompute_pending else "A4"
    for letter, width in zip("ABCDEFGHI", CHECK_WIDTHS):
        sheet.column_dimensions[letter].width = width
    _print_setup(sheet, 4 if report.recompute_pending else 3)


def pending_note() -> str:
    return _("注意：有已保存的更改尚未计入仪表盘指标（正在排队重新计算），“与仪表盘指标一致”的核对可能暂不通过；"
             "请在重新计算完成后重新下载。")


def annual_workbook(report: Report) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    _cover(workbook, report)
    for table in report.tables:
        _table_sheet(workbook, report, table)
    _checks(workbook, report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_name(report: Report) -> str:
    return _("%(area)s%(year)s年党内统计年报.xlsx") % {"area": report.area.name, "year": report.year}
