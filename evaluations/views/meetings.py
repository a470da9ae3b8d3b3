"""Organization-life meetings: list, detail, create, edit, delete, the attendance roll and the
attachment's download."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ali_party.generic import (
    ScopedCreateView, ScopedDeleteView, ScopedDetailView, ScopedFileView, ScopedListView, ScopedUpdateView,
    get_editable_or_404,
)
from ..filters import MeetingFilter
from ..forms import AttendanceForm, MeetingForm
from ..models import OrganizationLifeMeeting
from ..selectors import meeting_roll_members
from ..services import meeting_create, meeting_delete, meeting_set_attendance, meeting_update
from ..tables import MeetingTable


class MeetingListView(ScopedListView):
    model = OrganizationLifeMeeting
    filterset_class = MeetingFilter
    table_class = MeetingTable
    select_related = ("organization__area", "kind")
    template_name = "evaluations/meeting_list.html"

    def get_queryset(self):
        return super().get_queryset().annotate(absent=F("expected_count") - F("present_count"))  # 缺席's sort


class MeetingDetailView(ScopedDetailView):
    model = OrganizationLifeMeeting
    select_related = ("organization__area", "kind")
    template_name = "evaluations/meeting_detail.html"
    context_object_name = "meeting"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attendance"] = self.object.attendance.select_related("member")
        return context


class MeetingAttachmentView(ScopedFileView):
    """The meeting's attachment, for whoever may read the meeting (same scope as its detail page)."""

    model = OrganizationLifeMeeting
    file_field = "attachment"
    name_field = "attachment_name"


class MeetingCreateView(ScopedCreateView):
    model = OrganizationLifeMeeting
    form_class = MeetingForm
    service = meeting_create
    success_message = gettext_lazy("组织生活记录已保存。")
    template_name = "evaluations/form.html"
    extra_context = {"title": gettext_lazy("新建组织生活记录")}


class MeetingUpdateView(ScopedUpdateView):
    model = OrganizationLifeMeeting
    form_class = MeetingForm
    service = meeting_update
    instance_kwarg = "meeting"
    success_message = gettext_lazy("组织生活记录已保存。")
    template_name = "evaluations/form.html"
    extra_context = {"title": gettext_lazy("编辑组织生活记录")}


class MeetingDeleteView(ScopedDeleteView):
    model = OrganizationLifeMeeting
    service = meeting_delete
    instance_kwarg = "meeting"
    success_url = reverse_lazy("evaluations:meeting_list")


@login_required
def meeting_attendance_view(request, pk):
    meeting = get_editable_or_404(OrganizationLifeMeeting.objects.select_related("organization__area", "kind"),
                                  request.user, pk=pk)
    form = AttendanceForm(request.POST or None, meeting=meeting, members=meeting_roll_members(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            meeting_set_attendance(actor=request.user, meeting=meeting, rows=form.attendance_rows())
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("参会名单已保存。"))
            return redirect(meeting)
    return render(request, "evaluations/attendance_form.html", {"form": form, "meeting": meeting})
