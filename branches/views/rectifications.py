"""软弱涣散 rectification: identification, responsible persons, measures, reviews, closure, overdue list."""
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.params import parse_id
from ali_party.years import parse_year
from ali_party.generic import (
    NestedCreateView, ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView,
)

from .. import selectors
from ..filters import MeasureFilter, RectificationFilter
from ..forms import (
    MeasureForm, RectificationCloseForm, RectificationForm, ResponsiblePersonForm, ReviewForm,
)
from ..models import Measure, Rectification, ResponsiblePerson, Review
from ..services import (
    measure_add, measure_update, rectification_close, rectification_create, rectification_update,
    responsible_person_add, review_add,
)
from ..tables import OverdueMeasureTable, RectificationTable


class RectificationListView(ScopedListView):
    model = Rectification
    filterset_class = RectificationFilter
    table_class = RectificationTable
    template_name = "branches/rectification_list.html"

    def get_queryset(self):
        return selectors.rectification_list(user=self.request.user)


class RectificationDetailView(ScopedDetailView):
    model = Rectification
    select_related = ("organization__area",)
    prefetch_related = ("categories", "responsible_persons", "measures", "reviews")
    template_name = "branches/rectification_detail.html"
    context_object_name = "rectification"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class RectificationCreateView(ScopedCreateView):
    model = Rectification
    form_class = RectificationForm
    service = rectification_create
    success_message = _("软弱涣散党组织已登记。")
    extra_context = {"title": _("认定软弱涣散党组织")}

    def get_initial(self):
        # ?organization=<pk>&year=<year>: the early warning's 发起整顿 opens the form for that row.
        initial = super().get_initial()
        organization, year = parse_id(self.request.GET.get("organization")), parse_year(self.request.GET.get("year"))
        if organization is not None:
            initial["organization"] = organization
        if year is not None:
            initial["year"] = year
        return initial


class RectificationUpdateView(ScopedUpdateView):
    model = Rectification
    form_class = RectificationForm
    service = rectification_update
    instance_kwarg = "rectification"
    success_message = _("已保存。")
    extra_context = {"title": _("编辑软弱涣散认定")}


class RectificationCloseView(ScopedUpdateView):
    model = Rectification
    form_class = RectificationCloseForm
    service = rectification_close
    instance_kwarg = "rectification"
    success_message = _("已晋位升级销号。")
    extra_context = {"title": _("晋位升级销号"), "help": _("所有整改措施完成后才能销号。")}


class ResponsiblePersonCreateView(NestedCreateView):
    model = ResponsiblePerson
    form_class = ResponsiblePersonForm
    parent_model = Rectification
    parent_kwarg = "rectification"
    service = responsible_person_add
    success_message = _("整改责任人已保存。")
    extra_title = _("新增整改责任人")


class MeasureCreateView(NestedCreateView):
    model = Measure
    form_class = MeasureForm
    parent_model = Rectification
    parent_kwarg = "rectification"
    service = measure_add
    success_message = _("整改措施已保存。")
    extra_title = _("新增整改措施")


class MeasureUpdateView(ScopedUpdateView):
    model = Measure
    form_class = MeasureForm
    service = measure_update
    instance_kwarg = "measure"
    success_message = _("整改措施已保存。")
    extra_context = {"title": _("编辑整改措施")}


class ReviewCreateView(NestedCreateView):
    model = Review
    form_class = ReviewForm
    parent_model = Rectification
    parent_kwarg = "rectification"
    service = review_add
    success_message = _("评估已保存。")
    extra_title = _("新增整顿评估")


class OverdueMeasureListView(ScopedListView):
    """Open measures past their deadline, for the county and the prefecture."""

    model = Measure
    filterset_class = MeasureFilter
    table_class = OverdueMeasureTable
    template_name = "branches/overdue_measures.html"

    def get_queryset(self):
        return selectors.overdue_measures(self.request.user)
