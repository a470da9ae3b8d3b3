"""Pages of the import/export: thin, the work is in services.py (and the Celery tasks)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import AccessEvent
from accounts.signals import record_access
from ali_party.scoping import can_write, scope_path

from . import services, tasks
from .forms import UploadForm
from .models import ImportJob
from .reading import RefusedFile
from .specs import SPECS, get_spec

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_ROWS_SHOWN = 500


def _require_reader(request):
    if scope_path(request.user) is None:
        raise PermissionDenied


def _require_writer(request):
    _require_reader(request)
    if not can_write(request.user):
        raise PermissionDenied


def _file_response(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
def index_view(request):
    _require_reader(request)
    jobs = ImportJob.objects.owned_by(request.user)[:10]
    return render(request, "dataexchange/index.html", {
        "specs": SPECS.values(), "jobs": jobs, "can_write": can_write(request.user)})


@login_required
def template_view(request, kind):
    _require_reader(request)
    spec = get_spec(kind)
    content = services.template_workbook(actor=request.user, kind=kind)
    return _file_response(content, XLSX, f"{spec.label}导入模板.xlsx")


@login_required
def export_view(request, kind, fmt):
    _require_reader(request)
    spec = get_spec(kind)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    params = request.GET.copy()
    params.pop("page", None)
    try:
        if fmt == "csv":
            content, count = services.export_csv(actor=request.user, kind=kind, params=params, request=request)
            content_type = "text/csv; charset=utf-8"
        else:
            content, count = services.export_xlsx(actor=request.user, kind=kind, params=params, request=request)
            content_type = XLSX
    except ValidationError as error:
        messages.error(request, error.messages[0])
        back = request.META.get("HTTP_REFERER", "")
        return redirect(back if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                                                require_https=request.is_secure()) else "home")
    query = params.urlencode()
    record_access(request=request, kind=AccessEvent.Kind.EXPORT, user=request.user,
                  target=f"导出{spec.label}（{fmt}，{count}行）{'：' + query if query else ''}")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return _file_response(content, content_type, f"{spec.label}-{stamp}.{fmt}")


@login_required
def import_view(request, kind):
    _require_writer(request)
    spec = get_spec(kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.job_create(actor=request.user, kind=kind, upload=upload)
        except RefusedFile as refusal:
            form.add_error("file", str(refusal))
        else:
            record_access(request=request, kind=AccessEvent.Kind.IMPORT, user=request.user,
                          target=f"上传{spec.label}导入文件“{job.original_name}”（任务{job.pk}，校验）")
            transaction.on_commit(lambda: tasks.validate_import.delay(job.pk))
            return redirect(job)
    return render(request, "dataexchange/import_form.html", {"spec": spec, "form": form})


def _job_for(request, pk) -> ImportJob:
    _require_reader(request)
    return get_object_or_404(ImportJob.objects.owned_by(request.user), pk=pk)


@login_required
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
        "progress": services.job_progress(job), "can_confirm": (
            job.status == ImportJob.Status.PREVIEWED and not job.error_count and can_write(request.user)
            and (job.created_count or job.updated_count))})


@login_required
def job_status_view(request, pk):
    return JsonResponse(services.job_progress(_job_for(request, pk)))


@login_required
@require_POST
def job_confirm_view(request, pk):
    job = _job_for(request, pk)
    _require_writer(request)
    spec = get_spec(job.kind)
    if not services.job_request_commit(actor=request.user, job=job):
        messages.error(request, _("该导入任务不能确认（已确认过、正在处理，或校验有问题）。"))
        return redirect(job)
    record_access(request=request, kind=AccessEvent.Kind.IMPORT, user=request.user,
                  target=f"确认导入{spec.label}“{job.original_name}”（任务{job.pk}）")
    transaction.on_commit(lambda: tasks.commit_import.delay(job.pk))
    return redirect(job)
