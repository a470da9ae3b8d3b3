"""述职评议考核 of secretaries: the detail page and the delete page; the list, create and edit are the
record_urls pages (orglife/urls.py)."""
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedDeleteView, ScopedDetailView

from ..models import SecretaryAppraisal
from ..services import appraisal_delete


class AppraisalDetailView(ScopedDetailView):
    model = SecretaryAppraisal
    select_related = ("organization__area", "secretary")
    template_name = "orglife/appraisal_detail.html"
    context_object_name = "appraisal"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["overdue"] = self.object.is_overdue(timezone.localdate())
        return context


class AppraisalDeleteView(ScopedDeleteView):
    model = SecretaryAppraisal
    select_related = ("organization__area",)
    service = appraisal_delete
    instance_kwarg = "appraisal"
    success_message = _("述职评议考核记录已删除。")

    def get_success_url(self):
        return reverse("orglife:appraisal_list")
