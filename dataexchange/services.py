"""Excel import and export for every kind of record.

Library choice: **openpyxl** (already a dependency) in read-only mode for reading (it streams the
sheet XML row by row, so memory stays flat and we can stop at the row cap) and write-only mode for
exports; its XML goes through **defusedxml** (installed; openpyxl switches to it by itself,
see openpyxl.xml.DEFUSEDXML), which refuses entity-expansion and external-entity tricks. We do not
use django-import-export or tablib: their resources validate through their own widget/field layer
and save models directly, while the rule here is that every row passes the *page's form and
service* (one rule, one place); tablib would also load the whole sheet into memory before we
could apply the row cap. What we need on top of openpyxl (zip-bomb and size checks, form mapping,
preview, all-or-nothing commit) is small and lives in reading.py / importer.py.

Writes here: creating and running import jobs. The import itself is `import_rows` (importer.py),
re-exported below for the benchmark.
"""
from __future__ import annotations

import csv
import io

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone

from ali_party.spreadsheets import safe_cell

from .importer import ImportSpec, import_rows  # import_rows is part of this module's API (benchmark)
from .models import ImportJob
from .reading import MAX_UPLOAD_BYTES, RefusedFile, max_rows, read_sheet
from .specs import get_spec

__all__ = ["import_rows", "job_create", "job_validate", "job_commit", "job_request_commit", "template_workbook",
           "export_rows", "export_xlsx", "export_csv"]


# --------------------------------------------------------------------------- templates

def _option_labels(spec: ImportSpec, actor) -> dict[str, list[str]]:
    """Drop-down values per column: fixed vocabularies, and the user's own catalogue/area/organization
    choices (taken from the same scoped form the import uses)."""
    from .importer import build_context

    options = {}
    ctx = None
    for column in spec.columns:
        if column.type in ("choice", "bool"):
            options[column.header] = column.choice_labels()
        elif column.type == "fk":
            if ctx is None:
                with transaction.atomic():
                    ctx = build_context(spec, actor)
            cache = ctx["caches"].get(column.field) or ctx["caches"].get(f"_{column.field}")
            if cache is not None:
                options[column.header] = cache.labels[:5000]
    return options


def _write(sheet, row: int, column: int, value):
    """Every cell of a template is written here, through safe_cell (an example or a drop-down value
    may be an area or catalogue name that starts like a formula)."""
    return sheet.cell(row=row, column=column, value=safe_cell(value))


def template_workbook(*, actor, kind: str) -> bytes:
    """The .xlsx template of one kind: Chinese headers (required ones marked *), an example row,
    drop-down lists, text format for ID numbers, and a sheet of instructions."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    spec = get_spec(kind)
    options = _option_labels(spec, actor)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = spec.label[:31].replace("“", "").replace("”", "")
    lists = workbook.create_sheet("选项")
    help_sheet = workbook.create_sheet("填表说明")
    last_row = max_rows() + 1
    example = []
    list_column = 0
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        cell = _write(sheet, 1, index, column.header + ("*" if column.required else ""))
        cell.font = Font(bold=True, color="C8161D" if column.required else "000000")
        cell.fill = PatternFill("solid", fgColor="FDECEA")
        if column.note:
            cell.comment = Comment(column.note, "系统")
        sheet.column_dimensions[letter].width = column.width
        if column.type in ("idnumber", "member", "text", "decimal") or column.header == "联系电话":
            for row in (2,):
                sheet.cell(row=row, column=index).number_format = "@"
            sheet.column_dimensions[letter].number_format = "@"
        values = options.get(column.header)
        value = column.example
        if value in ("", None) and values and column.required:
            value = values[0]
        example.append(value)
        if values:
            list_column += 1
            list_letter = get_column_letter(list_column)
            _write(lists, 1, list_column, column.header)
            for row, label in enumerate(values, start=2):
                _write(lists, row, list_column, label)
            strict = column.type in ("choice", "bool")
            validation = DataValidation(
                type="list", formula1=f"{quote_sheetname('选项')}!${list_letter}$2:${list_letter}${len(values) + 1}",
                allow_blank=not column.required, showErrorMessage=True,
                errorStyle="stop" if strict else "warning",
                errorTitle="不是可选项", error=f"请从下拉列表中选择{column.header}。")
            validation.add(f"{letter}2:{letter}{last_row}")
            sheet.add_data_validation(validation)
    for index, value in enumerate(example, start=1):
        cell = _write(sheet, 2, index, value)
        cell.font = Font(italic=True, color="808080")
    sheet.freeze_panes = "A2"
    lists.sheet_state = "hidden"
    help_lines = [
        f"{spec.label}导入模板",
        "1. 第1行为列标题，请勿修改或删除；带 * 的列必须填写。",
        "2. 第2行为示例（灰色斜体），可直接覆盖；若保留不改，导入时会自动跳过。",
        "3. 有下拉箭头的列请从列表中选择；日期可写 2022-03-05、2022/3/5、2022.3.5 或 2022年3月5日。",
        "4. 身份证号码列已设为文本格式，请勿改成数字（否则末几位会丢失）。",
        "5. 不要合并单元格；每行一条记录。单个文件最多 %d 行。" % max_rows(),
        "6. 上传后系统先逐行校验并显示预览，确认后才一次性全部导入；有任何错误则一条也不导入。",
        "7. 再次导入同一条记录（按唯一标识识别）时会更新该记录，不会重复登记。",
    ]
    for row, line in enumerate(help_lines, start=1):
        _write(help_sheet, row, 1, line)
    help_sheet.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- export

def _export_value(column, obj):
    if column.export is not None:
        value = column.export(obj)
    else:
        value = getattr(obj, column.field, None)
        if column.type == "choice":
            value = getattr(obj, f"get_{column.field}_display")()
        elif column.type == "bool":
            value = "是" if value else "否"
        elif column.type == "idnumber":
            value = ""  # never exported in full; specs export the masked value
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return _area_path(value) if value._meta.label == "branches.Area" else str(value)
    return value


_AREA_NAMES: dict = {}


def _area_path(area) -> str:
    names = _AREA_NAMES.get("names")
    if names is None or area.path not in names:
        from .importer import area_names_by_path

        names = _AREA_NAMES["names"] = area_names_by_path()
    from branches.models import Area

    step = Area.steplen
    return "/".join(names.get(area.path[:i], "") for i in range(2 * step, len(area.path) + 1, step)) or area.name


FILTER_INVALID = "筛选条件有误，未导出：请在列表页按红字提示修改筛选条件后再导出。"


def export_rows(*, actor, kind: str, params=None, request=None):
    """(spec, headers, row iterator) of the user's scoped, filtered list. `params` is the list page's
    query string (a QueryDict); filters come from the pillar's own FilterSet."""
    spec = get_spec(kind)
    queryset = spec.export_queryset(actor)
    if spec.filterset_class is not None:
        filterset = spec.filterset_class(params or {}, queryset=queryset, request=request)
        if not filterset.is_valid():  # never "everything" in place of what the list page asked for
            raise ValidationError(FILTER_INVALID)
        queryset = filterset.qs
    _AREA_NAMES.clear()
    headers = [safe_cell(c.header) for c in spec.columns]

    def rows():
        # Every cell of every export passes safe_cell here, whatever its column (area paths too).
        for obj in queryset.iterator(chunk_size=2000):
            yield [safe_cell(_export_value(column, obj)) for column in spec.columns]
    return spec, headers, rows()


def export_xlsx(*, actor, kind: str, params=None, request=None) -> tuple[bytes, int]:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    spec, headers, rows = export_rows(actor=actor, kind=kind, params=params, request=request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(spec.label[:31].replace("“", "").replace("”", ""))
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in rows:
        sheet.append(row)
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def export_csv(*, actor, kind: str, params=None, request=None) -> tuple[bytes, int]:
    _spec, headers, rows = export_rows(actor=actor, kind=kind, params=params, request=request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    count = 0
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
        count += 1
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count  # BOM: Excel opens UTF-8 Chinese correctly


# --------------------------------------------------------------------------- import jobs

def progress_key(job_id: int) -> str:
    return f"dataexchange:job:{job_id}:progress"


class _Progress:
    """Reports rows done while the import's own transaction is still open.

    On PostgreSQL a second, autocommit connection writes rows_done, so the status page (another
    connection) sees it move. SQLite allows one writer, so there the figure goes to the cache.
    """

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.side = None
        if connection.vendor == "postgresql":
            self.side = connections.create_connection("default")

    def __call__(self, done: int, total: int) -> None:
        if self.side is not None:
            with self.side.cursor() as cursor:
                # Only the table name is formatted in (from the model); every value is a parameter.
                cursor.execute(f"UPDATE {ImportJob._meta.db_table} SET rows_done = %s, rows_total = %s "  # nosec B608
                               "WHERE id = %s", [min(done, total), total, self.job_id])
        else:
            cache.set(progress_key(self.job_id), (done, total), 3600)

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def job_create(*, actor, kind: str, upload) -> ImportJob:
    """Store the upload as a new job (queued for validation by the caller, after commit)."""
    get_spec(kind)
    if upload.size > MAX_UPLOAD_BYTES:
        raise RefusedFile("文件超过 %d MB，请分成几个文件导入。" % (MAX_UPLOAD_BYTES // (1024 * 1024)))
    job = ImportJob(user=actor, kind=kind, original_name=(upload.name or "upload.xlsx")[:255])
    job.file.save(f"import-{kind}.xlsx", upload, save=False)
    job.full_clean()
    job.save()
    return job


def _set(job: ImportJob, **fields) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def _read(job: ImportJob):
    with job.file.open("rb") as handle:
        data = handle.read(MAX_UPLOAD_BYTES + 1)
    return read_sheet(io.BytesIO(data))


def _store_outcome(job: ImportJob, outcome, *, status: str, message: str = "") -> None:
    _set(job, status=status, preview=outcome.preview(), rows_done=job.rows_total,
         created_count=outcome.count("create"), updated_count=outcome.count("update"),
         unchanged_count=outcome.count("unchanged"), error_count=len(outcome.error_rows), message=message,
         finished_at=timezone.now())


def _run(job: ImportJob, *, commit: bool) -> ImportJob:
    progress = _Progress(job.pk)
    try:
        sheet = _read(job)
        _set(job, rows_total=len(sheet.rows), rows_done=0)
        outcome = import_rows(actor=job.user, kind=job.kind, headers=sheet.headers, rows=sheet.rows,
                              commit=commit, progress=progress)
    except RefusedFile as refusal:
        _set(job, status=ImportJob.Status.REFUSED if not commit else ImportJob.Status.FAILED,
             message=str(refusal), rows_done=0, finished_at=timezone.now())
        return job
    finally:
        progress.close()
        cache.delete(progress_key(job.pk))
    if commit:
        if outcome.committed:
            _store_outcome(job, outcome, status=ImportJob.Status.DONE,
                           message="已全部导入：新增%d条，更新%d条，无变化%d条。" % (
                               outcome.count("create"), outcome.count("update"), outcome.count("unchanged")))
        else:
            _store_outcome(job, outcome, status=ImportJob.Status.FAILED,
                           message="确认导入时重新校验发现问题，数据未作任何改动。请修改后重新上传。")
    else:
        message = "" if not outcome.error_rows else "有%d行存在问题，请修改后重新上传；修改前不能导入。" % len(
            outcome.error_rows)
        _store_outcome(job, outcome, status=ImportJob.Status.PREVIEWED, message=message)
    return job


def job_validate(*, job_id: int) -> ImportJob:
    """Read and check the file, run every row through its form and service, roll everything back and
    keep the preview (what would be created / updated, each problem by row and column)."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status not in (ImportJob.Status.PENDING, ImportJob.Status.VALIDATING):
        return job
    _set(job, status=ImportJob.Status.VALIDATING)
    return _run(job, commit=False)


def job_request_commit(*, actor, job: ImportJob) -> bool:
    """Move a clean preview to "committing" exactly once (a double click does not import twice)."""
    if job.user_id != actor.pk or job.error_count:
        return False
    moved = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PREVIEWED, error_count=0).update(
        status=ImportJob.Status.COMMITTING, rows_done=0)
    return moved == 1


def job_commit(*, job_id: int) -> ImportJob:
    """Re-read and re-validate the stored file inside one transaction and commit all rows or none."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status != ImportJob.Status.COMMITTING:
        return job
    return _run(job, commit=True)


def job_progress(job: ImportJob) -> dict:
    done, total = job.rows_done, job.rows_total
    cached = cache.get(progress_key(job.pk)) if job.is_running else None
    if cached:
        done, total = cached
    return {"status": job.status, "status_display": job.get_status_display(), "rows_done": done,
            "rows_total": total, "percent": int(done * 100 / total) if total else 0, "running": job.is_running,
            "message": job.message}
