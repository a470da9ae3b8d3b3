"""Standardization assessments (标准化规范化建设达标): yearly scoring and the not-up-to-standard list."""
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedCreateView, ScopedListView, ScopedUpdateView

from ..filters import AssessmentFilter
from ..forms import AssessmentForm
from ..models import Assessment
from ..services import assessment_record, assessment_update
from ..tables import AssessmentTable


class AssessmentListView(ScopedListView):
    """All assessments; `?passed=false` is the list of organizations not yet up to standard."""

    model = Assessment
    filterset_class = AssessmentFilter
    table_class = AssessmentTable
    select_related = ("organization__area",)
    prefetch_related = ("failed_items",)
    template_name = "branches/assessment_list.html"


class AssessmentCreateView(ScopedCreateView):
    model = Assessment
    form_class = AssessmentForm
    service = assessment_record
    success_message = _("考核结果已保存。")
    extra_context = {"title": _("登记标准化建设考核")}

    def get_success_url(self):
        return self.object.organization.get_absolute_url()


class AssessmentUpdateView(ScopedUpdateView):
    model = Assessment
    form_class = AssessmentForm
    service = assessment_update
    instance_kwarg = "assessment"
    success_message = _("考核结果已保存。")
    extra_context = {"title": _("编辑标准化建设考核")}

    def get_success_url(self):
        return self.object.organization.get_absolute_url()
