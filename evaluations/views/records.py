"""Record books and reminder boards issued; the "五有" goals."""
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedCreateView, ScopedListView, ScopedUpdateView

from ..filters import FiveGoalsFilter, RecordBookFilter
from ..forms import FiveGoalsForm, RecordBookForm
from ..models import FiveGoals, RecordBookIssue
from ..services import fivegoals_create, fivegoals_update, recordbook_create, recordbook_update
from ..tables import FiveGoalsTable, RecordBookTable


class RecordBookListView(ScopedListView):
    model = RecordBookIssue
    filterset_class = RecordBookFilter
    table_class = RecordBookTable
    select_related = ("organization__area",)
    template_name = "evaluations/recordbook_list.html"

    def get_queryset(self):
        return super().get_queryset().annotate(items=F("books") + F("boards"))  # the 合计 column's sort


class RecordBookCreateView(ScopedCreateView):
    model = RecordBookIssue
    form_class = RecordBookForm
    service = recordbook_create
    template_name = "evaluations/form.html"
    extra_context = {"title": _("登记记录本和提醒提示牌发放")}

    def get_success_url(self):
        return reverse("evaluations:recordbook_list")


class RecordBookUpdateView(ScopedUpdateView):
    model = RecordBookIssue
    form_class = RecordBookForm
    service = recordbook_update
    instance_kwarg = "issue"
    template_name = "evaluations/form.html"
    extra_context = {"title": _("编辑记录本和提醒提示牌发放")}

    def get_success_url(self):
        return reverse("evaluations:recordbook_list")


class FiveGoalsListView(ScopedListView):
    model = FiveGoals
    filterset_class = FiveGoalsFilter
    table_class = FiveGoalsTable
    select_related = ("organization__area",)
    template_name = "evaluations/fivegoals_list.html"


class FiveGoalsCreateView(ScopedCreateView):
    model = FiveGoals
    form_class = FiveGoalsForm
    service = fivegoals_create
    template_name = "evaluations/form.html"
    extra_context = {"title": _("登记“五有”目标")}

    def get_success_url(self):
        return reverse("evaluations:fivegoals_list")


class FiveGoalsUpdateView(ScopedUpdateView):
    model = FiveGoals
    form_class = FiveGoalsForm
    service = fivegoals_update
    instance_kwarg = "goals"
    template_name = "evaluations/form.html"
    extra_context = {"title": _("编辑“五有”目标")}

    def get_success_url(self):
        return reverse("evaluations:fivegoals_list")
