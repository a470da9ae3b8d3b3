"""Build small workbooks (and hostile ones) in memory for the import tests."""
import io
import re
import zipfile

from openpyxl import Workbook

from dataexchange.specs import get_spec

MEMBER_HEADERS = ["姓名", "性别", "民族", "出生日期", "身份证号码", "联系电话", "所在党组织", "发展阶段",
                  "递交入党申请日期", "确定为积极分子日期", "确定为发展对象日期", "接收为预备党员日期", "转为正式党员日期"]


def member_row(name, id_number, organization="加木村党支部", birth="1990-05-01", phone="13908970001"):
    return [name, "男", "藏族", birth, id_number, phone, organization, "正式党员", "2012-03-01", "2012-09-01",
            "2013-10-01", "2014-07-01", "2015-07-01"]


def xlsx(headers, rows, *, merge=None, title="数据") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite_sheet(content: bytes, transform) -> bytes:
    """Copy the package, passing the first sheet's XML through `transform`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = transform(data)
            target.writestr(item, data)
    return out.getvalue()


def with_dimension(content: bytes, ref: str) -> bytes:
    return rewrite_sheet(content, lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>',
                                                    f'<dimension ref="{ref}"/>'.encode(), xml))


def without_dimension(content: bytes) -> bytes:
    return rewrite_sheet(content, lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', b"", xml))


def zip_bomb(content: bytes, size: int = 8 * 1024 * 1024) -> bytes:
    """A real workbook plus one member of `size` zero bytes (compresses about 1000:1)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/media/padding.bin", b"\0" * size)
    return out.getvalue()


def rows_of(content: bytes):
    from dataexchange.reading import read_sheet

    sheet = read_sheet(io.BytesIO(content))
    return sheet.headers, sheet.rows


def run(actor, kind, headers, rows, *, commit=True):
    from dataexchange.services import import_rows

    content = xlsx(headers, rows)
    headers, parsed = rows_of(content)
    return import_rows(actor=actor, kind=kind, headers=headers, rows=parsed, commit=commit)


def headers_of(kind):
    return [c.header for c in get_spec(kind).columns]
