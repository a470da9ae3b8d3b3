"""Pages of the import/export: thin, the work is in services.py (and the Celery tasks)."""
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import AccessEvent
from accounts.signals import record_access
from ali_party.generic import reader_required
from ali_party.scoping import can_write

from . import services, tasks
from .forms import UploadForm
from .models import ExportJob, ImportJob
from .reading import RefusedFile
from .specs import SPECS, get_spec

XLSX = services.XLSX
PREVIEW_ROWS_SHOWN = 500


def _require_writer(request):
    if not can_write(request.user):
        raise PermissionDenied


def _file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _running_message(request, running) -> None:
    messages.warning(request, str(running))


@reader_required
def index_view(request):
    return render(request, "dataexchange/index.html", {
        "specs": SPECS.values(), "jobs": ImportJob.objects.owned_by(request.user)[:10],
        "export_jobs": ExportJob.objects.owned_by(request.user)[:10], "can_write": can_write(request.user),
        "retention_hours": settings.IMPORT_UPLOAD_RETENTION_HOURS, "inline_max": settings.EXPORT_INLINE_MAX_ROWS})


@reader_required
def template_view(request, kind):
    spec = get_spec(kind)
    content = services.template_workbook(actor=request.user, kind=kind)
    return _file_response(content, XLSX, f"{spec.label}导入模板.xlsx")


def _back(request):
    back = request.META.get("HTTP_REFERER", "")
    return redirect(back if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                                            require_https=request.is_secure()) else "home")


def _export_target(spec, fmt: str, count: int, query: str, job=None) -> str:
    return (f"导出{spec.label}（{fmt}，{count}行）{'：' + query if query else ''}"
            f"{'（后台任务%d）' % job.pk if job else ''}")


@reader_required
def export_view(request, kind, fmt):
    """A small export is built here; a large one (EXPORT_INLINE_MAX_ROWS) is queued as a job."""
    spec = get_spec(kind)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    params = request.GET.copy()
    params.pop("page", None)
    try:
        count = services.export_count(actor=request.user, kind=kind, params=params, request=request)
        if services.export_in_background(count):
            job = services.export_job_create(actor=request.user, kind=kind, fmt=fmt, params=params.urlencode(),
                                             rows_total=count)
            transaction.on_commit(lambda: tasks.run_export.delay(job.pk, get_language()))
            messages.info(request, _("记录较多（%(count)d条），已转为后台导出；完成后在本页下载。") % {"count": count})
            return redirect(job)
        if fmt == "csv":
            content, count = services.export_csv(actor=request.user, kind=kind, params=params, request=request)
            content_type = "text/csv; charset=utf-8"
        else:
            content, count = services.export_xlsx(actor=request.user, kind=kind, params=params, request=request)
            content_type = XLSX
    except services.JobAlreadyRunning as running:
        _running_message(request, running)
        return redirect(running.job)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return _back(request)
    record_access(request=request, kind=AccessEvent.Kind.EXPORT, user=request.user,
                  target=_export_target(spec, fmt, count, params.urlencode()))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return _file_response(content, content_type, f"{spec.label}-{stamp}.{fmt}")


@reader_required
def import_view(request, kind):
    _require_writer(request)
    spec = get_spec(kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    running_job = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.job_create(actor=request.user, kind=kind, upload=upload)
        except RefusedFile as refusal:
            form.add_error("file", str(refusal))
        except services.JobAlreadyRunning as running:
            form.add_error("file", str(running))
            running_job = running.job
        else:
            record_access(request=request, kind=AccessEvent.Kind.IMPORT, user=request.user,
                          target=f"上传{spec.label}导入文件“{job.original_name}”（任务{job.pk}，校验）")
            transaction.on_commit(lambda: tasks.validate_import.delay(job.pk, get_language()))
            return redirect(job)
    return render(request, "dataexchange/import_form.html", {"spec": spec, "form": form,
                                                             "running_job": running_job})


def _job_for(request, pk) -> ImportJob:
    return get_object_or_404(ImportJob.objects.owned_by(request.user), pk=pk)


@reader_required
def job_detail_view(request, pk):
    job = _job_for(request, pk)
    spec = get_spec(job.kind)
    rows = job.preview.get("rows", []) if job.preview else []
    error_rows = [r for r in rows if r["errors"]]
    action_rows = [r for r in rows if not r["errors"]][:PREVIEW_ROWS_SHOWN]
    return render(request, "dataexchange/job_detail.html", {
        "job": job, "spec": spec, "error_rows": error_rows, "action_rows": action_rows,
        "more_rows": max(0, len(rows) - len(error_rows) - len(action_rows)),
        "warnings": job.preview.get("warnings", []) if job.preview else [],
        "progress": services.job_progress(job),
        "can_download_problems": job.status == ImportJob.Status.PREVIEWED and job.error_count and job.file,
        "can_confirm": (
            job.status == ImportJob.Status.PREVIEWED and not job.error_count and can_write(request.user)
            and (job.created_count or job.updated_count) and job.file)})


@reader_required
def job_problems_view(request, pk):
    """The owner's upload with its problems marked (services.problems_workbook), as a download."""
    job = _job_for(request, pk)
    try:
        content, filename = services.problems_workbook(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(job)
    record_access(request=request, kind=AccessEvent.Kind.IMPORT, user=request.user,
                  target=f"下载{get_spec(job.kind).label}导入问题清单“{job.original_name}”（任务{job.pk}，{job.error_count}行有问题）")
    return _file_response(content, XLSX, filename)


@reader_required
def job_status_view(request, pk):
    return JsonResponse(services.job_progress(_job_for(request, pk)))


@reader_required
@require_POST
def job_confirm_view(request, pk):
    job = _job_for(request, pk)
    _require_writer(request)
    spec = get_spec(job.kind)
    try:
        services.job_request_commit(actor=request.user, job=job)
    except services.JobAlreadyRunning as running:
        _running_message(request, running)
        return redirect(running.job)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(job)
    record_access(request=request, kind=AccessEvent.Kind.IMPORT, user=request.user,
                  target=f"确认导入{spec.label}“{job.original_name}”（任务{job.pk}）")
    transaction.on_commit(lambda: tasks.commit_import.delay(job.pk, get_language()))
    return redirect(job)


def _export_job_for(request, pk) -> ExportJob:
    return get_object_or_404(ExportJob.objects.owned_by(request.user), pk=pk)


@reader_required
def export_job_detail_view(request, pk):
    job = _export_job_for(request, pk)
    return render(request, "dataexchange/export_job_detail.html", {
        "job": job, "spec": get_spec(job.kind), "progress": services.export_job_progress(job)})


@reader_required
def export_job_status_view(request, pk):
    return JsonResponse(services.export_job_progress(_export_job_for(request, pk)))


@reader_required
@require_POST
def export_job_download_view(request, pk):
    """The owner's one download of a finished export (the file is deleted as it is sent)."""
    job = _export_job_for(request, pk)
    try:
        content, filename, content_type = services.export_job_download(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(job)
    record_access(request=request, kind=AccessEvent.Kind.EXPORT, user=request.user,
                  target=_export_target(get_spec(job.kind), job.fmt, job.rows_done, job.params, job))
    return _file_response(content, content_type, filename)
