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

Writes here: creating and running import and export jobs, and deleting their files. The import
itself is `import_rows` (importer.py), re-exported below for the benchmark.

Limits (issue 17, item 7): an export of more than EXPORT_INLINE_MAX_ROWS rows is a background job
(ExportJob), an import always is (ImportJob); a user has at most one import and one export queued
or running (a constraint of each table; a second one raises JobAlreadyRunning, naming the first).
Files (item 4): see dataexchange.models; `jobs_purge_stale` is the hourly clean-up.
"""
from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import Sum
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from ali_party.spreadsheets import safe_cell

from .importer import ImportSpec, import_rows  # import_rows is part of this module's API (benchmark)
# The stored messages (Chinese, as the worker writes them; shown translated, see .messages).
from .messages import (
    CRASHED_MESSAGE, EXPIRED_MESSAGE, EXPORT_CRASHED, EXPORT_EXPIRED, EXPORTED, FILE_GONE, IMPORTED, LOST_MESSAGE,
    RECHECK_FAILED, ROWS_WITH_PROBLEMS, ALL_UNCHANGED, translated,
)
from .models import ExportJob, ImportJob
from .reading import MAX_UPLOAD_BYTES, RefusedFile, max_rows, normalize_header, read_sheet
from .specs import get_spec

__all__ = ["import_rows", "job_create", "job_validate", "job_commit", "job_request_commit", "template_workbook",
           "export_rows", "export_xlsx", "export_csv", "export_count", "export_in_background", "export_job_create",
           "export_job_run", "export_job_download", "jobs_purge_stale", "JobAlreadyRunning", "problems_workbook"]


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

FILTER_INVALID = gettext_noop("筛选条件有误，未导出：请在列表页按红字提示修改筛选条件后再导出。")


class _ActorRequest:
    """What the list pages' filter sets read from a request (its user), for an export task."""

    def __init__(self, user):
        self.user = user


def _export_queryset(*, actor, kind: str, params=None, request=None):
    spec = get_spec(kind)
    queryset = spec.export_queryset(actor)
    if spec.filterset_class is not None:
        filterset = spec.filterset_class(params or {}, queryset=queryset, request=request or _ActorRequest(actor))
        if not filterset.is_valid():  # never "everything" in place of what the list page asked for
            raise ValidationError(_(FILTER_INVALID))
        queryset = filterset.qs
    return spec, queryset


def export_rows(*, actor, kind: str, params=None, request=None):
    """(spec, headers, row iterator) of the user's scoped, filtered list. `params` is the list page's
    query string (a QueryDict); filters come from the pillar's own FilterSet."""
    from .importer import RECORD_ID_HEADER, area_names_by_path, export_value, record_id

    spec, queryset = _export_queryset(actor=actor, kind=kind, params=params, request=request)
    names = area_names_by_path()
    # The first column names the stored record, so that the file re-imports as updates of exactly
    # these records with no problem (importer.RECORD_ID_HEADER).
    headers = [RECORD_ID_HEADER] + [safe_cell(c.header) for c in spec.columns]

    def rows():
        # Every cell of every export passes safe_cell here, whatever its column (area paths too).
        for obj in queryset.iterator(chunk_size=2000):
            yield [record_id(kind, obj.pk)] + [safe_cell(export_value(column, obj, names)) for column in spec.columns]
    return spec, headers, rows()


def export_count(*, actor, kind: str, params=None, request=None) -> int:
    """How many rows the export would have (one COUNT query); raises ValidationError as export_rows."""
    return _export_queryset(actor=actor, kind=kind, params=params, request=request)[1].count()


def export_in_background(count: int) -> bool:
    """Whether an export of `count` rows is a background job rather than built inside the request."""
    return count > settings.EXPORT_INLINE_MAX_ROWS


PROGRESS_EVERY = 500


def _counted(rows, progress: Callable[[int], None] | None):
    for count, row in enumerate(rows, start=1):
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
        yield row


def export_xlsx(*, actor, kind: str, params=None, request=None, progress=None) -> tuple[bytes, int]:
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
    for row in _counted(rows, progress):
        sheet.append(row)
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def export_csv(*, actor, kind: str, params=None, request=None, progress=None) -> tuple[bytes, int]:
    _spec, headers, rows = export_rows(actor=actor, kind=kind, params=params, request=request)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    count = 0
    for row in _counted(rows, progress):
        writer.writerow(["" if v is None else v for v in row])
        count += 1
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count  # BOM: Excel opens UTF-8 Chinese correctly


# --------------------------------------------------------------------------- jobs: shared

class JobAlreadyRunning(Exception):
    """The user already has a job of this type (import or export) queued or running: `job`."""

    def __init__(self, job):
        self.job = job
        super().__init__(RUNNING_MESSAGES[type(job)])


RUNNING_MESSAGES = {
    ImportJob: gettext_lazy("您已有一个导入任务正在处理，每位用户同一时间只能有一个；请等它完成后再上传或确认。"),
    ExportJob: gettext_lazy("您已有一个导出任务正在处理，每位用户同一时间只能有一个；请等它完成后再导出。"),
}


def _running_job(model, actor):
    return model.objects.owned_by(actor).running().order_by("created_at", "pk").first()


def _save_one_running(job) -> None:
    """Insert a new job, or raise JobAlreadyRunning (the table's constraint decides a race)."""
    running = _running_job(type(job), job.user)
    if running is not None:
        raise JobAlreadyRunning(running)
    try:
        with transaction.atomic():
            job.save()
    except IntegrityError:
        running = _running_job(type(job), job.user)
        if running is None:
            raise
        raise JobAlreadyRunning(running) from None


def _set(job, *, expect: str | None = None, **fields) -> bool:
    """Write `fields` of a job (an UPDATE, seen at once by the status page); with `expect`, only if
    its status is still that one (a job closed meanwhile, e.g. by jobs_purge_stale, stays closed).
    Returns whether it was written."""
    if "status" in fields:
        fields["updated_at"] = timezone.now()
    queryset = type(job).objects.filter(pk=job.pk)
    if expect is not None:
        queryset = queryset.filter(status=expect)
    if not queryset.update(**fields):
        return False
    for name, value in fields.items():
        setattr(job, name, value)
    return True


def _drop_file(job) -> None:
    """Delete a job's stored file (an upload or an export result) and forget its name."""
    name = job.file.name if job.file else type(job).objects.filter(pk=job.pk).values_list("file", flat=True).first()
    if name:
        job.file.storage.delete(name)
    type(job).objects.filter(pk=job.pk).exclude(file="").update(file="")
    job.file.name = ""


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
    """Store the upload as a new job (queued for validation by the caller, after commit).

    The file goes to the private storage under a generated name (the user's own name is kept as
    text only). Raises JobAlreadyRunning when the user's previous import is still being processed."""
    get_spec(kind)
    if upload.size > MAX_UPLOAD_BYTES:
        raise RefusedFile(_("文件超过 %d MB，请分成几个文件导入。") % (MAX_UPLOAD_BYTES // (1024 * 1024)))
    running = _running_job(ImportJob, actor)
    if running is not None:  # before the file is written at all
        raise JobAlreadyRunning(running)
    job = ImportJob(user=actor, kind=kind, original_name=(upload.name or "upload.xlsx")[:255])
    job.file.save("upload.xlsx", upload, save=False)
    try:
        job.full_clean(validate_constraints=False)
        _save_one_running(job)
    except BaseException:
        job.file.storage.delete(job.file.name)
        raise
    return job


def _read(job: ImportJob):
    try:
        with job.file.open("rb") as handle:
            data = handle.read(MAX_UPLOAD_BYTES + 1)
    except (FileNotFoundError, ValueError):  # ValueError: the job has no file any more
        raise RefusedFile(FILE_GONE) from None
    return read_sheet(io.BytesIO(data))


def _finish(job: ImportJob, *, expect: str, keep_file: bool = False, **fields) -> None:
    """The job's last state after a run; its upload is deleted unless the preview can be confirmed."""
    _set(job, expect=expect, finished_at=timezone.now(), **fields)
    if not keep_file:
        _drop_file(job)


def _confirmable(job: ImportJob) -> bool:
    return (job.status == ImportJob.Status.PREVIEWED and not job.error_count
            and bool(job.created_count or job.updated_count))


def _outcome_fields(job: ImportJob, outcome) -> dict:
    return {"preview": outcome.preview(), "rows_done": job.rows_total, "created_count": outcome.count("create"),
            "updated_count": outcome.count("update"), "unchanged_count": outcome.count("unchanged"),
            "error_count": len(outcome.error_rows)}


# ID numbers registered outside the uploader's scope (issue 17, item 8). Each such row is refused as
# "already registered" without saying where (cadres.models.DUPLICATE_ID_MESSAGE, the web page's
# message); and so that the preview is not an oracle that answers "registered somewhere" for
# thousands of numbers, a user is told about at most IMPORT_REGISTERED_ID_NOTICES_PER_DAY of them in
# any 24 hours. A file that would pass the budget is refused whole, naming no row, and its numbers
# count as told; a user who has used the budget has no member file checked at all until it frees
# up (a check that finds nothing answers "none of these is registered" — an answer as well).
REGISTERED_BUDGET_USED = gettext_noop(
    "24小时内您导入的文件中已有%d个身份证号码是在您的管辖范围之外登记的，达到了每日可提示的上限；"
    "为保护个人信息，暂不校验此类文件。请稍后再试，或请地委组织部核对这些人员的组织关系。")
REGISTERED_BUDGET_PASSED = gettext_noop(
    "文件中已在系统中登记、且不在您管辖范围内的身份证号码超过了每日可提示的数量；为保护个人信息，"
    "本文件不逐行提示，已整体拒绝，24小时内不再校验此类文件。如需转入，请办理组织关系转接，"
    "或请地委组织部核对。")


def _registered_elsewhere_used(job: ImportJob) -> int:
    since = timezone.now() - timedelta(hours=24)
    return ImportJob.objects.filter(user_id=job.user_id, created_at__gte=since).exclude(pk=job.pk).aggregate(
        used=Sum("registered_elsewhere"))["used"] or 0


def _check_registered_elsewhere(job: ImportJob, sheet) -> None:
    """Refuse the file (RefusedFile) when telling its registered-elsewhere numbers would pass the
    user's budget; otherwise record how many it tells."""
    spec = get_spec(job.kind)
    if not spec.checks_registered_elsewhere:
        return
    from accounts.models import AccessEvent
    from accounts.signals import record_access

    limit = settings.IMPORT_REGISTERED_ID_NOTICES_PER_DAY
    used = _registered_elsewhere_used(job)
    if used and used >= limit:
        record_access(request=None, kind=AccessEvent.Kind.IMPORT, user=job.user, success=False,
                      target=f"{spec.label}导入任务{job.pk}未校验：24小时内已提示{used}个管辖范围外已登记的身份证号码（上限{limit}）")
        raise RefusedFile(_(REGISTERED_BUDGET_USED) % used)
    found = spec.registered_outside_scope(job.user, sheet.headers, sheet.rows)
    if found:
        _set(job, registered_elsewhere=found)
    if used + found > limit:
        record_access(request=None, kind=AccessEvent.Kind.IMPORT, user=job.user, success=False,
                      target=f"{spec.label}导入任务{job.pk}整体拒绝：{found}个身份证号码已在管辖范围外登记"
                             f"（24小时内此前已提示{used}个，上限{limit}）")
        raise RefusedFile(_(REGISTERED_BUDGET_PASSED))


def _run(job: ImportJob, *, commit: bool) -> ImportJob:
    running = ImportJob.Status.COMMITTING if commit else ImportJob.Status.VALIDATING
    progress = _Progress(job.pk)
    try:
        sheet = _read(job)
        _set(job, rows_total=len(sheet.rows), rows_done=0)
        if not commit:
            _check_registered_elsewhere(job, sheet)
        outcome = import_rows(actor=job.user, kind=job.kind, headers=sheet.headers, rows=sheet.rows,
                              commit=commit, progress=progress)
    except RefusedFile as refusal:
        _finish(job, expect=running, status=ImportJob.Status.FAILED if commit else ImportJob.Status.REFUSED,
                message=str(refusal), rows_done=0)
        return job
    finally:
        progress.close()
        cache.delete(progress_key(job.pk))
    fields = _outcome_fields(job, outcome)
    if commit:
        if outcome.committed:
            _finish(job, expect=running, status=ImportJob.Status.DONE, **fields,
                    message=IMPORTED % (
                        outcome.count("create"), outcome.count("update"), outcome.count("unchanged")))
        else:
            _finish(job, expect=running, status=ImportJob.Status.FAILED, **fields,
                    message=RECHECK_FAILED)
        return job
    if outcome.error_rows:
        problems = sum(len(r.errors) for r in outcome.error_rows)
        message = ROWS_WITH_PROBLEMS % (len(outcome.error_rows), problems)
    elif not (outcome.count("create") or outcome.count("update")):
        message = ALL_UNCHANGED % outcome.count("unchanged")
    else:
        message = ""
    _set(job, expect=running, status=ImportJob.Status.PREVIEWED, message=message, finished_at=timezone.now(),
         **fields)
    if not _confirmable(job) and not job.error_count:  # nothing to confirm or correct: no use left
        _drop_file(job)
    # A preview with problems keeps its upload for the problems workbook (problems_workbook) until
    # it expires (jobs_purge_stale, IMPORT_UPLOAD_RETENTION_HOURS), as a preview to confirm does.
    return job


def _guarded(job: ImportJob, *, commit: bool) -> ImportJob:
    """Run the job; an unexpected error closes it (failed, upload deleted) before it is raised, so
    that the user is not left with a job "running" for ever (and unable to start another)."""
    try:
        return _run(job, commit=commit)
    except Exception:
        _finish(job, expect=job.status, status=ImportJob.Status.FAILED, message=CRASHED_MESSAGE, rows_done=0)
        raise


def job_validate(*, job_id: int) -> ImportJob:
    """Read and check the file, run every row through its form and service, roll everything back and
    keep the preview (what would be created / updated, each problem by row and column)."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status not in (ImportJob.Status.PENDING, ImportJob.Status.VALIDATING):
        return job
    _set(job, status=ImportJob.Status.VALIDATING)
    return _guarded(job, commit=False)


NOT_CONFIRMABLE = gettext_lazy("该导入任务不能确认（已确认过、正在处理，或校验有问题）。")
EXPIRED_CONFIRM = gettext_lazy("该导入任务已过期：预览后超过%(hours)d小时未确认，上传的文件已删除，不能再确认导入。"
                               "如需导入，请重新上传文件。")


def job_request_commit(*, actor, job: ImportJob) -> None:
    """Move a clean preview to "committing" exactly once (a double click does not import twice).

    Raises ValidationError with the reason (expired, already confirmed, problems…), or
    JobAlreadyRunning when another import of the user is being processed."""
    job.refresh_from_db()
    if job.user_id != actor.pk:
        raise ValidationError(NOT_CONFIRMABLE)
    expired = ValidationError(EXPIRED_CONFIRM, params={"hours": settings.IMPORT_UPLOAD_RETENTION_HOURS})
    if job.status == ImportJob.Status.EXPIRED:
        raise expired
    if not _confirmable(job) or not job.file:
        raise ValidationError(NOT_CONFIRMABLE)
    running = _running_job(ImportJob, actor)
    if running is not None:
        raise JobAlreadyRunning(running)
    try:
        with transaction.atomic():
            moved = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PREVIEWED, error_count=0).exclude(
                file="").update(status=ImportJob.Status.COMMITTING, rows_done=0, updated_at=timezone.now())
    except IntegrityError:  # another import of this user started meanwhile
        running = _running_job(ImportJob, actor)
        if running is None:
            raise
        raise JobAlreadyRunning(running) from None
    if moved != 1:
        job.refresh_from_db()
        if job.status == ImportJob.Status.EXPIRED:
            raise expired
        raise ValidationError(NOT_CONFIRMABLE)


def job_commit(*, job_id: int) -> ImportJob:
    """Re-read and re-validate the stored file inside one transaction and commit all rows or none."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status != ImportJob.Status.COMMITTING:
        return job
    return _guarded(job, commit=True)


PROBLEMS_GONE = gettext_lazy("该导入任务没有可下载的问题清单（没有问题，或上传的文件已过期删除）；请重新上传文件。")
PROBLEM_FILL = "FFC7CE"  # Excel's own "bad" red
PROBLEM_FONT = "9C0006"


def problems_workbook(*, actor, job: ImportJob) -> tuple[bytes, str]:
    """The rows its owner uploaded, as uploaded, with a 问题 column and each problem cell in red:
    the file to correct and upload again. Only the uploaded cells are written (a masked value stays
    masked; nothing is read from the stored records), each through safe_cell, each row at its own
    row number (the preview's 第N行). Raises Http404 for anyone but the owner, ValidationError when
    the job has no problems or its upload is gone (see _run: kept until the preview expires)."""
    from django.http import Http404
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    from .importer import PROBLEMS_HEADER

    if job.user_id != actor.pk:
        raise Http404
    if job.status != ImportJob.Status.PREVIEWED or not job.error_count or not job.file:
        raise ValidationError(PROBLEMS_GONE)
    try:
        sheet = _read(job)
    except RefusedFile:
        raise ValidationError(PROBLEMS_GONE) from None
    problems = {row["row"]: row["errors"] for row in (job.preview or {}).get("rows", []) if row["errors"]}
    headers = list(sheet.headers)
    if PROBLEMS_HEADER in headers:  # a problems workbook uploaded again: its old column is replaced
        problems_at = headers.index(PROBLEMS_HEADER)
    else:
        problems_at = len(headers)
        headers.append(PROBLEMS_HEADER)
    position = {header: index for index, header in enumerate(headers) if header}
    red, red_text, bold = PatternFill("solid", fgColor=PROBLEM_FILL), Font(color=PROBLEM_FONT), Font(bold=True)

    workbook = Workbook(write_only=True)
    out = workbook.create_sheet(get_spec(job.kind).label[:31].replace("“", "").replace("”", ""))

    def cell(value, *, bad=False, font=None):
        written = WriteOnlyCell(out, value=safe_cell(value))
        if isinstance(value, str):
            written.number_format = "@"  # an ID number stays text
        elif hasattr(value, "year"):
            written.number_format = "yyyy-mm-dd"
        if bad:
            written.fill, written.font = red, red_text
        elif font is not None:
            written.font = font
        return written

    out.append([cell(header, font=bold) for header in headers])
    last = 1
    for number, values in sheet.rows:
        for _gap in range(last + 1, number):
            out.append([])  # a blank row of the upload stays where it was
        last = number
        errors = problems.get(number, [])
        wrong = {position.get(normalize_header(column)) for column, _message in errors} - {None, problems_at}
        values = list(values) + [None] * (len(headers) - len(values))
        values[problems_at] = "；".join(f"{column}：{message}" for column, message in errors)
        out.append([cell(value, bad=index in wrong or (index == problems_at and bool(errors)))
                    for index, value in enumerate(values)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    stem = (job.original_name or "导入文件").rsplit(".", 1)[0]
    return buffer.getvalue(), f"{stem}-问题清单.xlsx"


def job_progress(job: ImportJob) -> dict:
    done, total = job.rows_done, job.rows_total
    cached = cache.get(progress_key(job.pk)) if job.is_running else None
    if cached:
        done, total = cached
    return {"status": job.status, "status_display": job.status_label, "rows_done": done,
            "rows_total": total, "percent": int(done * 100 / total) if total else 0, "running": job.is_running,
            "message": translated(job.message)}


# --------------------------------------------------------------------------- export jobs

def export_job_create(*, actor, kind: str, fmt: str, params: str, rows_total: int = 0) -> ExportJob:
    """Queue a background export of the user's list (`params`: the list page's query string), to be
    run by the caller's task after commit. Raises JobAlreadyRunning."""
    get_spec(kind)
    job = ExportJob(user=actor, kind=kind, fmt=fmt, params=params, rows_total=rows_total)
    job.full_clean(exclude=["file"], validate_constraints=False)
    _save_one_running(job)
    return job


def export_job_run(*, job_id: int) -> ExportJob:
    """Build the file of a queued export (the user's scope and filters as they are now), store it
    privately, and mark it ready for its owner's one download."""
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    if not _set(job, expect=ExportJob.Status.PENDING, status=ExportJob.Status.RUNNING, rows_done=0):
        return job  # already run, or closed
    build = export_csv if job.fmt == ExportJob.Format.CSV else export_xlsx

    def progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_done=min(done, job.rows_total))

    try:
        content, count = build(actor=job.user, kind=job.kind, params=QueryDict(job.params), progress=progress)
    except ValidationError as error:
        _set(job, expect=ExportJob.Status.RUNNING, status=ExportJob.Status.FAILED, message=error.messages[0],
             rows_done=0, finished_at=timezone.now())
        return job
    except Exception:
        _set(job, expect=ExportJob.Status.RUNNING, status=ExportJob.Status.FAILED, rows_done=0,
             message=EXPORT_CRASHED, finished_at=timezone.now())
        raise
    job.file.save("export", ContentFile(content), save=False)
    written = _set(job, expect=ExportJob.Status.RUNNING, status=ExportJob.Status.DONE, file=job.file.name,
                   rows_total=count, rows_done=count, finished_at=timezone.now(),
                   message=EXPORTED % (
                       count, settings.EXPORT_RESULT_RETENTION_HOURS))
    if not written:  # closed meanwhile (jobs_purge_stale took it for lost): keep nothing
        job.file.storage.delete(job.file.name)
    return job


DOWNLOAD_GONE = gettext_lazy("该导出文件已下载过或已过期删除（文件只能下载一次）；如仍需要，请重新导出。")


def export_job_download(*, actor, job: ExportJob) -> tuple[bytes, str, str]:
    """The file of a finished export, for its owner, once: it is deleted as it is handed over.
    Returns (content, file name, content type); raises ValidationError when there is none."""
    from django.http import Http404

    if job.user_id != actor.pk:
        raise Http404
    if not _set(job, expect=ExportJob.Status.DONE, status=ExportJob.Status.DOWNLOADED):
        raise ValidationError(DOWNLOAD_GONE)
    try:
        with job.file.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, ValueError):
        raise ValidationError(DOWNLOAD_GONE) from None
    finally:
        _drop_file(job)
    spec = get_spec(job.kind)
    stamp = timezone.localtime(job.finished_at).strftime("%Y%m%d-%H%M")
    content_type = "text/csv; charset=utf-8" if job.fmt == ExportJob.Format.CSV else XLSX
    return content, f"{spec.label}-{stamp}.{job.fmt}", content_type


def export_job_progress(job: ExportJob) -> dict:
    return {"status": job.status, "status_display": job.get_status_display(), "rows_done": job.rows_done,
            "rows_total": job.rows_total, "percent": job.percent, "running": job.is_running,
            "message": translated(job.message)}


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --------------------------------------------------------------------------- clean-up (beat, hourly)

def jobs_purge_stale(*, now=None) -> dict[str, int]:
    """Delete the files no job needs any more and close the jobs that waited too long:

    - a preview not confirmed within IMPORT_UPLOAD_RETENTION_HOURS expires (upload deleted; its
      confirm then says so);
    - an export not downloaded within EXPORT_RESULT_RETENTION_HOURS expires (file deleted);
    - a job queued or running for DATAEXCHANGE_JOB_STALE_HOURS is taken for lost and fails (its user
      may start another);
    - any other job still holding a file loses it, and a file of the storage that no job names
      (left by an upload whose request failed) is deleted once older than the retention.
    Returns the number of each."""
    now = now or timezone.now()
    upload_cutoff = now - timedelta(hours=settings.IMPORT_UPLOAD_RETENTION_HOURS)
    export_cutoff = now - timedelta(hours=settings.EXPORT_RESULT_RETENTION_HOURS)
    stale_hours = settings.DATAEXCHANGE_JOB_STALE_HOURS
    lost_cutoff = now - timedelta(hours=stale_hours)
    counts = {"expired_previews": 0, "expired_exports": 0, "lost_jobs": 0, "files": 0, "orphans": 0}

    for job in ImportJob.objects.filter(status=ImportJob.Status.PREVIEWED, updated_at__lt=upload_cutoff):
        if _set(job, expect=ImportJob.Status.PREVIEWED, status=ImportJob.Status.EXPIRED,
                message=EXPIRED_MESSAGE % settings.IMPORT_UPLOAD_RETENTION_HOURS):
            _drop_file(job)
            counts["expired_previews"] += 1
    for job in ExportJob.objects.filter(status=ExportJob.Status.DONE, updated_at__lt=export_cutoff):
        if _set(job, expect=ExportJob.Status.DONE, status=ExportJob.Status.EXPIRED,
                message=EXPORT_EXPIRED % settings.EXPORT_RESULT_RETENTION_HOURS):
            _drop_file(job)
            counts["expired_exports"] += 1
    for model in (ImportJob, ExportJob):
        for job in model.objects.running().filter(updated_at__lt=lost_cutoff):
            if _set(job, expect=job.status, status=model.Status.FAILED, message=LOST_MESSAGE % stale_hours,
                    finished_at=now):
                _drop_file(job)
                counts["lost_jobs"] += 1
    keep = {ImportJob: ImportJob.Status.PREVIEWED, ExportJob: ExportJob.Status.DONE}
    named = set()
    for model, keeping in keep.items():
        holding = model.objects.exclude(file="")
        for job in holding.exclude(status=keeping).exclude(status__in=model.RUNNING):
            _drop_file(job)
            counts["files"] += 1
        named.update(model.objects.exclude(file="").values_list("file", flat=True))
    storage = ImportJob._meta.get_field("file").storage
    for folder in ("imports", "exports"):
        try:
            names = storage.listdir(folder)[1]
        except FileNotFoundError:
            continue
        for base in names:
            name = f"{folder}/{base}"
            if name not in named and storage.get_modified_time(name) < upload_cutoff:
                storage.delete(name)
                counts["orphans"] += 1
    return counts
