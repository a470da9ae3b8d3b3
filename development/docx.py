"""The printable 入党积极分子、发展党员登记表 of one member (Word, laid out as the year-end report:
ali_party.word): basic data with the ID number masked, the 5 stages with the 25 steps (date, who),
the contacts and sponsors, the quarterly reports."""
from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm
from django.utils import timezone
from django.utils.translation import gettext as _

from ali_party.word import BODY_FONT, HEADING_FONT, TABLE_SIZE, TITLE_FONT, _cell, _page_setup, _paragraph

from .selectors import MemberRecord

TITLE_SIZE_REGISTER = TABLE_SIZE * 1.5


def _date(value) -> str:
    return value.isoformat() if value else ""


def _table(document, header: list[str], rows: list, widths_mm: tuple = ()) -> None:
    """A grid table; a row given as a plain string is a heading across the whole width (a stage)."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header):
        _cell(cell, text, bold=True)
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            _cell(merged, row, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
            continue
        for cell, text in zip(cells, row):
            _cell(cell, text, align=WD_ALIGN_PARAGRAPH.LEFT)
    for index, width in enumerate(widths_mm):
        for row in table.rows:
            row.cells[index].width = Mm(width)


def register_docx(member, record: MemberRecord) -> bytes:
    document = Document()
    _page_setup(document)
    _paragraph(document, _("入党积极分子、发展党员登记表"), font=TITLE_FONT, size=TITLE_SIZE_REGISTER,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, _("%(org)s（%(area)s）  制表日期：%(day)s") % {
        "org": member.organization.name, "area": member.organization.area.name,
        "day": timezone.localdate().isoformat()}, size=TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, _("一、基本情况"), font=HEADING_FONT, size=TABLE_SIZE)
    _table(document, [_("项目"), _("内容"), _("项目"), _("内容")], [
        [_("姓名"), member.name, _("性别"), member.get_gender_display()],
        [_("民族"), member.get_ethnicity_display(), _("出生日期"), _date(member.birth_date)],
        [_("身份证号码"), member.masked_id_number, _("学历"), member.get_education_display()],
        [_("职业类别"), member.get_occupation_display(), _("当前阶段"), member.get_stage_display()],
        [_("递交入党申请日期"), _date(member.applied_on), _("确定为积极分子日期"), _date(member.activist_on)],
        [_("确定为发展对象日期"), _date(member.candidate_on), _("接收为预备党员日期"), _date(member.admitted_on)],
        [_("转为正式党员日期"), _date(member.full_member_on), _("党籍状态"), member.get_status_display()],
    ])
    _paragraph(document, _("二、发展程序"), font=HEADING_FONT, size=TABLE_SIZE)
    rows = []
    for number, label, lines in record.stages:
        rows.append(f"{number}. {label}")
        for line in lines:
            row = line.row
            note = ""
            if row is not None:
                note = row.note
                if row.training_days or row.training_hours:
                    note = _("培训%(days)s天、%(hours)s学时") % {"days": row.training_days or 0,
                                                            "hours": row.training_hours or 0} + (" " + note if note else "")
                if line.late:
                    note = _("逾期") + (" " + note if note else "")
            elif line.missing:
                note = _("未登记")
            rows.append([f"{line.definition.number}. {line.definition.name}", _date(row.done_on) if row else "",
                         row.handled_by if row else "", note])
    _table(document, [_("步骤"), _("完成日期"), _("经办人"), _("备注")], rows, widths_mm=(66, 30, 32, 28))
    _paragraph(document, _("三、培养联系人和入党介绍人"), font=HEADING_FONT, size=TABLE_SIZE)
    _table(document, [_("身份"), _("姓名"), _("所在党组织"), _("确定日期")], [
        [c.get_role_display(), c.contact.name, c.contact.organization.name, _date(c.from_on)]
        for c in record.contacts] or [[_("未登记"), "", "", ""]])
    if record.member.admitted_on:
        _paragraph(document, _("四、预备期思想汇报"), font=HEADING_FONT, size=TABLE_SIZE)
        _table(document, [_("季度"), _("提交日期"), _("备注")], [
            [str(r.quarter_label), _date(r.submitted_on), r.note] for r in record.reports] or [[_("未登记"), "", ""]])
    _paragraph(document, "", font=BODY_FONT, size=TABLE_SIZE)
    _paragraph(document, _("党支部（盖章）：                    填表人：                    日期："),
               size=TABLE_SIZE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
