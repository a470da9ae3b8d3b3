"""Village two-committee members (村"两委"班子成员) and their national-language assessments."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ali_party.generic import (
    ScopedCreateView,
    ScopedDeleteView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
    get_editable_or_404,
)

from ..filters import TwoCommitteeMemberFilter
from ..forms import LanguageAssessmentForm, TwoCommitteeMemberForm
from ..models import LanguageAssessment, TwoCommitteeMember
from ..selectors import branch_secretary_warning, committee_member_list, language_assessments_for
from ..services import (
    committee_member_create,
    committee_member_delete,
    committee_member_update,
    language_assessment_create,
    language_assessment_delete,
)
from ..tables import CommitteeTable
from .common import ChildCreateView, post_delete


class CommitteeListView(ScopedListView):
    model = TwoCommitteeMember
    filterset_class = TwoCommitteeMemberFilter
    table_class = CommitteeTable
    template_name = "cadres/committee_list.html"

    def get_queryset(self):
        return committee_member_list(user=self.request.user)


class CommitteeDetailView(ScopedDetailView):
    model = TwoCommitteeMember
    select_related = ("village", "member__organization")
    template_name = "cadres/committee_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["assessments"] = language_assessments_for(self.object)
        return context


class _SecretaryWarningMixin:
    """After a save, the page warns when the post says 书记 but the village's party organization
    records another secretary (the record is kept: either side may be the one to correct)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code == 302:
            warning = branch_secretary_warning(self.object)
            if warning:
                messages.warning(self.request, warning)
        return response


class CommitteeCreateView(_SecretaryWarningMixin, ScopedCreateView):
    model = TwoCommitteeMember
    form_class = TwoCommitteeMemberForm
    service = committee_member_create
    success_message = gettext_lazy("两委成员已保存。")
    template_name = "cadres/form.html"
    extra_context = {"title": gettext_lazy("新建村“两委”班子成员")}


class CommitteeUpdateView(_SecretaryWarningMixin, ScopedUpdateView):
    model = TwoCommitteeMember
    form_class = TwoCommitteeMemberForm
    service = committee_member_update
    instance_kwarg = "person"
    select_related = ("village",)
    success_message = gettext_lazy("两委成员已保存。")
    template_name = "cadres/form.html"
    extra_context = {"title": gettext_lazy("编辑村“两委”班子成员")}


class CommitteeDeleteView(ScopedDeleteView):
    model = TwoCommitteeMember
    service = committee_member_delete
    instance_kwarg = "person"
    select_related = ("village",)
    success_url = reverse_lazy("cadres:committee_list")


class AssessmentCreateView(ChildCreateView):
    model = LanguageAssessment
    form_class = LanguageAssessmentForm
    parent_model = TwoCommitteeMember
    parent_kwarg = "person"
    parent_select_related = ("village",)
    service = language_assessment_create
    success_message = gettext_lazy("国家通用语言评估已保存。")
    title_format = gettext_lazy("%s：国家通用语言年度评估")


@login_required
def assessment_delete_view(request, pk):
    assessment = get_editable_or_404(LanguageAssessment.objects.select_related("person__village"), request.user,
                                     pk=pk)
    return post_delete(request, obj=assessment, success=assessment.person,
                       call=lambda: language_assessment_delete(actor=request.user, assessment=assessment),
                       message=_("评估记录已删除。"))
