"""A member's development record (the 5 stages and 25 steps, contacts, quarterly reports, files) and
its forms; each write looks the member (or row) up in the user's scope first (404 outside), then the
role (403 for read-only roles), then calls a service. A refused form is shown again on the page."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ali_party.generic import ScopedFileView, get_editable_or_404, reader_required
from ali_party.scoping import can_write
from ali_party.views import apply_validation_error
from cadres.models import PartyMember

from .. import services
from ..docx import register_docx
from ..forms import AttachmentForm, ContactForm, ReportForm, StepForm
from ..models import DevelopmentContact, DevelopmentStep, ProbationReport, StepAttachment
from ..selectors import member_record

MEMBERS = PartyMember.objects.select_related("organization__area")


def _page(request, member, status=200, **bound):
    record = member_record(member, timezone.localdate())
    recorded = [line.row for _n, _l, lines in record.stages for line in lines if line.row]
    initial = {"step": record.next_step.number} if record.next_step else {}
    forms = {
        "step_form": bound.get("step_form") or StepForm(user=request.user, initial=initial),
        "contact_form": bound.get("contact_form") or ContactForm(user=request.user),
        "report_form": bound.get("report_form") or ReportForm(user=request.user),
        "attachment_form": bound.get("attachment_form") or AttachmentForm(recorded=recorded),
    }
    return render(request, "development/member_record.html", {
        "member": member, "record": record, "can_write": can_write(request.user), **forms}, status=status)


@reader_required
def member_record_view(request, pk):
    member = get_object_or_404(MEMBERS.visible_to(request.user), pk=pk)
    return _page(request, member)


@reader_required
def member_register_view(request, pk):
    """The printable 入党积极分子、发展党员登记表 (Word)."""
    member = get_object_or_404(MEMBERS.visible_to(request.user), pk=pk)
    content = register_docx(member, member_record(member, timezone.localdate()))
    response = HttpResponse(content, content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    response["Content-Disposition"] = f"attachment; filename=development-{member.pk}.docx"
    response["Cache-Control"] = "no-store"
    return response


def _write(request, pk, form_key, form, call, success):
    """Validate `form`, call the service; the page again with the errors when refused."""
    member = get_editable_or_404(MEMBERS, request.user, pk=pk)
    if form.is_valid():
        try:
            call(member, form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, success)
            return redirect("development:member_record", pk=member.pk)
    return _page(request, member, status=200, **{form_key: form})


@require_POST
@reader_required
def step_create_view(request, pk):
    form = StepForm(request.POST, user=request.user)
    return _write(request, pk, "step_form", form,
                  lambda member, data: services.step_record(actor=request.user, member=member, **data),
                  _("步骤已登记。"))


@require_POST
@reader_required
def contact_create_view(request, pk):
    form = ContactForm(request.POST, user=request.user)
    return _write(request, pk, "contact_form", form,
                  lambda member, data: services.contact_add(actor=request.user, member=member, **data),
                  _("已保存。"))


@require_POST
@reader_required
def report_create_view(request, pk):
    form = ReportForm(request.POST, user=request.user)
    return _write(request, pk, "report_form", form,
                  lambda member, data: services.report_record(actor=request.user, member=member, **data),
                  _("思想汇报已登记。"))


@require_POST
@reader_required
def attachment_create_view(request, pk):
    member = get_editable_or_404(MEMBERS, request.user, pk=pk)
    recorded = list(DevelopmentStep.objects.filter(member=member))
    form = AttachmentForm(request.POST, request.FILES, recorded=recorded)

    def call(member, data):
        row = next(r for r in recorded if r.step == data["step"])
        row.member = member
        services.attachment_add(actor=request.user, step_row=row, upload=data["file"])
    return _write(request, pk, "attachment_form", form, call, _("材料已上传。"))


def _delete(request, queryset, pk, service, kwarg, member_of):
    row = get_editable_or_404(queryset, request.user, pk=pk)
    member_pk = member_of(row)
    try:
        service(actor=request.user, **{kwarg: row})
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("已删除。"))
    return redirect("development:member_record", pk=member_pk)


def _of_member(model):
    return model.objects.select_related("member__organization__area")


@require_POST
@reader_required
def step_delete_view(request, pk):
    return _delete(request, _of_member(DevelopmentStep), pk, services.step_delete, "step_row",
                   lambda row: row.member_id)


@require_POST
@reader_required
def contact_delete_view(request, pk):
    return _delete(request, _of_member(DevelopmentContact), pk, services.contact_delete, "contact",
                   lambda row: row.member_id)


@require_POST
@reader_required
def report_delete_view(request, pk):
    return _delete(request, _of_member(ProbationReport), pk, services.report_delete, "report",
                   lambda row: row.member_id)


@require_POST
@reader_required
def attachment_delete_view(request, pk):
    return _delete(request, StepAttachment.objects.select_related("step__member__organization__area"), pk,
                   services.attachment_delete, "attachment", lambda row: row.step.member_id)


class AttachmentDownloadView(ScopedFileView):
    """Always a download, after the scope check on the step's member."""

    model = StepAttachment
