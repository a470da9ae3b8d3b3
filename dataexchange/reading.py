"""Reading an uploaded workbook safely: content checks before openpyxl sees the file, then a
streamed read of the first sheet with hard limits.

Order of checks (each refusal is a RefusedFile with a Chinese message; nothing is written):
1. Magic bytes: an .xlsx is a zip ("PK\\x03\\x04"); an old .xls (OLE2) or anything else is refused,
   whatever the file name says. A zip holding code (a VBA project, Excel 4.0 macro sheets, ActiveX:
   a macro-enabled workbook renamed .xlsx) is refused too.
2. The zip directory: number of members, total *declared* uncompressed size and each member's
   compression ratio are capped before anything is decompressed (zip bomb). zipfile never yields
   more than a member's declared size (it stops there and checks the CRC), so the declared sizes
   are a real bound.
3. XML entity bombs and external entities: every XML part of the package (whatever its name) is
   read up to its root element with expat, and a document type declaration (<!DOCTYPE ...>, the
   only place entities can be declared) refuses the file (spreadsheet programs do not write DTDs
   into a workbook; our own templates have none). openpyxl alone is not enough: it reads sheets
   and shared strings through defusedxml (openpyxl.xml.DEFUSEDXML), whose error reached the user
   as "damaged file", but [Content_Types].xml, the workbook and the relationships through
   lxml(resolve_entities=False), which ignores the entities and imports the file.
4. openpyxl in read-only mode (streams the sheet XML through defusedxml).
   Before that, the first sheet's XML is streamed once with expat (count_rows) and the file
   refused at the first row past the cap, or at a declared dimension past it (a million-row sheet
   is refused without reading it). This comes first because openpyxl itself, opening a sheet that
   has no <dimension> element, parses the whole sheet to find its size (ReadOnlyWorksheet._get_size
   reads to the end of <sheetData>): a file without one was read whole before being refused.
5. Rows: the dimension is then discarded (a file may lie about it) and rows are streamed with a
   hard stop one row past the cap.
6. Merged cells: refused with the ranges named (a merged cell leaves the other rows of the range
   empty, which would silently import blanks).
"""
from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_MEMBERS = 1000
MAX_COLUMNS = 60


def max_rows() -> int:
    return getattr(settings, "DATAEXCHANGE_MAX_ROWS", 20_000)


class RefusedFile(Exception):
    """The whole file is refused; the message is shown to the user as is."""


@dataclass
class SheetRows:
    headers: list[str]
    rows: list[tuple[int, list]]  # (Excel row number, values in header order)
    warnings: list[str] = field(default_factory=list)


def normalize_header(value) -> str:
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = "".join(text.split())
    return text.rstrip("*").strip()


def check_container(fileobj) -> None:
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise RefusedFile(_("这是旧版 Excel（.xls）或其他 Office 文件，请在 Excel 中“另存为 .xlsx 工作簿”后再导入。"))
    if not head.startswith(b"PK\x03\x04"):
        raise RefusedFile(_("文件不是 Excel 工作簿（.xlsx），无法导入。请使用本系统下载的模板填写后上传。"))
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise RefusedFile(_("文件已损坏或不是 Excel 工作簿（.xlsx），无法导入。")) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise RefusedFile(_("文件结构异常（压缩包内文件过多），已拒绝导入。"))
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise RefusedFile(_("文件不是 Excel 工作簿（.xlsx），无法导入。请使用本系统下载的模板填写后上传。"))
        if any(is_active_content(name) for name in names):
            raise RefusedFile(_(MACRO_REFUSAL))
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > 1024 * 1024 and (
                    member.compress_size == 0 or member.file_size / member.compress_size > MAX_COMPRESSION_RATIO):
                raise RefusedFile(_("文件解压后体积异常（疑似“压缩炸弹”），已拒绝导入。"))
        if total > MAX_UNCOMPRESSED_BYTES:
            raise RefusedFile(_("文件解压后超过 %d MB，已拒绝导入；请分成几个文件导入。")
                              % (MAX_UNCOMPRESSED_BYTES // (1024 * 1024)))
        for member in members:
            check_no_doctype(archive, member)
        if declares_active_content(archive):  # read once it is known to hold no DTD
            raise RefusedFile(_(MACRO_REFUSAL))
    fileobj.seek(0)


MACRO_REFUSAL = gettext_noop("文件含有宏或控件（VBA、Excel 4.0 宏表、ActiveX），已拒绝导入。"
                             "请在 Excel 中“另存为 Excel 工作簿（*.xlsx）”（不含宏）后再导入。")


def is_active_content(name: str) -> bool:
    """A part that carries code: the VBA project (and its signature) of a macro-enabled workbook
    (.xlsm/.xltm renamed .xlsx), Excel 4.0 macro sheets, ActiveX controls — by the names Excel
    gives them, in any folder and any case. A hand-made file may name them otherwise; it must still
    declare their content types, which declares_active_content finds."""
    lowered = name.replace("\\", "/").lower()
    base = lowered.rsplit("/", 1)[-1]
    return (base.startswith("vbaproject") and base.endswith(".bin")) or "macrosheets/" in lowered \
        or "activex/" in lowered


# Content types (in [Content_Types].xml) of the same parts, and of a macro-enabled workbook's main part.
_ACTIVE_CONTENT_TYPES = (b"vbaproject", b"macroenabled", b"macrosheet", b"activex")


def declares_active_content(archive: zipfile.ZipFile) -> bool:
    with archive.open("[Content_Types].xml") as stream:
        declared = stream.read(MAX_UNCOMPRESSED_BYTES).lower()
    return any(kind in declared for kind in _ACTIVE_CONTENT_TYPES)


ENTITY_REFUSAL = gettext_noop("文件中含有 XML 实体声明（DOCTYPE/ENTITY），Excel 保存的工作簿不会有这种内容，"
                              "疑似恶意构造的文件，已拒绝导入。请使用本系统下载的模板填写后上传。")
DAMAGED_REFUSAL = gettext_noop("无法读取该 Excel 文件（文件损坏或格式不受支持）。请用 Excel 打开后另存为 .xlsx 再导入。")

# How an XML part can start, once leading whitespace (and the zero bytes of UTF-16/32 whitespace)
# is skipped: "<" or a byte-order mark. Images and other binary parts start otherwise.
_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_XML_NAMES = (".xml", ".rels", ".vml")
_CHUNK = 64 * 1024


class _RootReached(Exception):
    pass


class _Doctype(Exception):
    pass


def _raise(exception):
    def handler(*args):
        raise exception
    return handler


def check_no_doctype(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """Refuse a part that declares a DTD. A DTD can only come before the root element, so the part
    is parsed by expat only up to the root's start tag (the handler stops at the declaration itself:
    nothing is expanded or fetched), and the rest of the part is not read."""
    if member.is_dir() or member.file_size == 0:
        return
    with archive.open(member) as stream:
        chunk = stream.read(_CHUNK)
        looks_xml = chunk.lstrip(b" \t\r\n\x00").startswith(_XML_STARTS)
        if not (looks_xml or member.filename.lower().endswith(_XML_NAMES)):
            return
        parser = expat.ParserCreate()
        parser.StartDoctypeDeclHandler = _raise(_Doctype)
        parser.EntityDeclHandler = _raise(_Doctype)
        parser.StartElementHandler = _raise(_RootReached)
        try:
            while chunk:
                parser.Parse(chunk, False)
                chunk = stream.read(_CHUNK)
            parser.Parse(b"", True)
        except _RootReached:
            return
        except _Doctype:
            raise RefusedFile(_(ENTITY_REFUSAL)) from None
        except (expat.ExpatError, ValueError, LookupError):
            # Not well-formed before its root element, or in an encoding expat does not read
            # (Office writes UTF-8 or UTF-16): refused rather than handed to a more lenient parser.
            raise RefusedFile(_(DAMAGED_REFUSAL)) from None


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Za-z0-9:$]+)"')


def merged_ranges(fileobj, sheet_path: str, limit: int = 5) -> list[str]:
    """The merged ranges of a sheet, read from its XML in chunks (no DOM, bounded memory)."""
    found, tail = [], b""
    with zipfile.ZipFile(fileobj) as archive, archive.open(sheet_path.lstrip("/")) as stream:
        while len(found) < limit:
            chunk = stream.read(1024 * 1024)
            if not chunk:
                break
            data = tail + chunk
            for match in _MERGE.finditer(data):
                ref = match.group(1).decode()
                if ref not in found:
                    found.append(ref)
            tail = data[-300:]
    return found[:limit]


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


TOO_MANY_ROWS = gettext_noop("数据超过单次导入上限 %d 行，已拒绝导入；请分成几个文件导入。")
DECLARED_TOO_MANY_ROWS = gettext_noop("第一个工作表有 %d 行，超过单次导入上限 %d 行，已拒绝导入；请分成几个文件导入。")


def first_worksheet_path(fileobj) -> str | None:
    """The package path of the sheet openpyxl would open as `worksheets[0]` (chart sheets are not
    worksheets), read from the workbook part and its relationships only — no sheet is opened."""
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(fileobj, read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_workbook()
        for _sheet, rel in reader.parser.find_sheets():
            if rel.target in reader.valid_files and "chartsheet" not in rel.Type:
                return rel.target
        return None
    finally:
        reader.archive.close()
        fileobj.seek(0)


class _Stop(Exception):
    pass


def count_rows(fileobj, sheet_path: str, cap: int) -> int:
    """Stream the sheet's XML and refuse it as soon as it has a row past the cap (the header and
    `cap` data rows), never reading further; returns the number of the last row.

    A row's number is its `r` attribute, or the next number when it has none — the numbering
    openpyxl's iter_rows gives (it yields empty rows for the gaps). A <dimension> before the data
    that declares more rows refuses the file at once; a smaller one is no evidence of anything.
    """
    from openpyxl.utils.cell import range_boundaries

    last = 0
    in_data = False

    def start(name, attrs):
        nonlocal last, in_data
        local = name.rsplit(" ", 1)[-1]
        if local == "row" and in_data:
            number = attrs.get("r", "")
            last = int(number) if number.isdigit() and int(number) > last else last + 1
            if last > cap + 1:
                raise RefusedFile(_(TOO_MANY_ROWS) % cap)
        elif local == "sheetData":
            in_data = True
        elif local == "dimension" and not in_data:
            try:
                declared = range_boundaries(attrs.get("ref", "").split(":")[-1].replace("$", ""))[3]
            except (TypeError, ValueError):
                declared = None
            if declared is not None and declared > cap + 1:
                raise RefusedFile(_(DECLARED_TOO_MANY_ROWS) % (declared - 1, cap))

    def end(name):
        if name.rsplit(" ", 1)[-1] == "sheetData":
            raise _Stop  # what follows the data (merged cells, validations…) is not rows

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        with zipfile.ZipFile(fileobj) as archive, archive.open(sheet_path.lstrip("/")) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                parser.Parse(chunk, not chunk)
                if not chunk:
                    break
    except _Stop:
        pass
    except (expat.ExpatError, ValueError, LookupError, KeyError, zipfile.BadZipFile):
        raise RefusedFile(_(DAMAGED_REFUSAL)) from None
    finally:
        fileobj.seek(0)
    return last


def read_sheet(fileobj) -> SheetRows:
    """Check and read the first worksheet: headers from row 1, data from row 2 on."""
    import openpyxl

    check_container(fileobj)
    cap = max_rows()
    try:
        sheet_path = first_worksheet_path(fileobj)
    except Exception:  # openpyxl raises many kinds of errors for damaged files
        raise RefusedFile(_(DAMAGED_REFUSAL)) from None
    if sheet_path is None:
        raise RefusedFile(_("工作簿中没有工作表。"))
    count_rows(fileobj, sheet_path, cap)  # before openpyxl opens the sheet (module docstring, 4)
    try:
        workbook = openpyxl.load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for damaged files
        raise RefusedFile(_(DAMAGED_REFUSAL)) from None
    try:
        return _read_rows(fileobj, workbook, cap)
    except RefusedFile:
        raise
    except Exception:  # the sheet XML is only parsed here, row by row (read-only mode)
        raise RefusedFile(_(DAMAGED_REFUSAL)) from None
    finally:
        workbook.close()


def _read_rows(fileobj, workbook, cap: int) -> SheetRows:
    if not workbook.worksheets:
        raise RefusedFile(_("工作簿中没有工作表。"))
    sheet = workbook.worksheets[0]  # its rows were counted by count_rows; its dimension is not used
    sheet_path = getattr(sheet, "_worksheet_path", None)
    if sheet_path:
        ranges = merged_ranges(fileobj, sheet_path)
        if ranges:
            raise RefusedFile(_("工作表中有合并单元格（%s），请取消合并、在每一行填写完整后再导入。")
                              % "、".join(ranges))
    sheet.reset_dimensions()  # do not trust the declared size for reading
    iterator = sheet.iter_rows(min_row=1, max_row=cap + 2, max_col=MAX_COLUMNS, values_only=True)
    header_row = next(iterator, None)
    if header_row is None or all(_is_blank(v) for v in header_row):
        raise RefusedFile(_("第1行应为列标题，但是空的。请使用本系统下载的模板。"))
    headers = [normalize_header(v) for v in header_row]
    while headers and not headers[-1]:
        headers.pop()
    rows = []
    for number, values in enumerate(iterator, start=2):
        if number > cap + 1:  # count_rows refused such a file already; a second guard
            raise RefusedFile(_(TOO_MANY_ROWS) % cap)
        values = list(values[: len(headers)])
        if all(_is_blank(v) for v in values):
            continue
        rows.append((number, values + [None] * (len(headers) - len(values))))
    return SheetRows(headers=headers, rows=rows)
