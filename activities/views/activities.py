"""Activity records: list, detail, create, edit, delete; attachments download and delete."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ali_party.generic import (
    ScopedCreateView, ScopedDeleteView, ScopedDetailView, ScopedFileView, ScopedListView, ScopedUpdateView,
    get_editable_or_404,
)

from .. import selectors
from ..filters import ActivityFilter
from ..forms import ActivityForm
from ..models import Activity, ActivityAttachment
from ..tables import ActivityTable
from ..services import activity_create, activity_delete, activity_update, attachment_delete

RELATED = ("kind", "organization", "village", "pairing", "pairing__village")


class ActivityListView(ScopedListView):
    model = Activity
    filterset_class = ActivityFilter
    table_class = ActivityTable
    template_name = "activities/activity_list.html"

    def get_queryset(self):
        return selectors.activities_for(self.request.user).select_related(*RELATED)


class ActivityDetailView(ScopedDetailView):
    model = Activity
    select_related = RELATED
    prefetch_related = ("attendees", "attachments")
    template_name = "activities/activity_detail.html"
    context_object_name = "activity"


class ActivityCreateView(ScopedCreateView):
    model = Activity
    form_class = ActivityForm
    service = activity_create
    success_message = _("活动已保存。")
    extra_context = {"title": _("新建活动记录")}


class ActivityUpdateView(ScopedUpdateView):
    model = Activity
    form_class = ActivityForm
    service = activity_update
    instance_kwarg = "activity"
    success_message = _("活动已保存。")
    extra_context = {"title": _("编辑活动记录")}


class ActivityDeleteView(ScopedDeleteView):
    model = Activity
    service = activity_delete
    instance_kwarg = "activity"
    template_name = "activities/activity_confirm_delete.html"
    success_url = reverse_lazy("activities:activity_list")
    context_object_name = "activity"


class AttachmentDownloadView(ScopedFileView):
    """Always a download (never shown inline, so no stored file runs in the app's origin)."""

    model = ActivityAttachment


@login_required
@require_POST
def attachment_delete_view(request, pk):
    attachment = get_editable_or_404(ActivityAttachment, request.user, pk=pk)
    activity = attachment.activity
    attachment_delete(actor=request.user, attachment=attachment)
    messages.success(request, _("附件已删除。"))
    return redirect(activity)
