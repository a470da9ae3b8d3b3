"""Designations (示范 / 品牌) and the "十村示范、百村提标" programme."""
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedCreateView, ScopedListView, ScopedUpdateView

from ..filters import DesignationFilter, ProgrammeFilter
from ..forms import DesignationForm, ProgrammeEnrollmentForm
from ..models import Designation, ProgrammeEnrollment
from ..services import designation_create, designation_update, programme_enroll, programme_update
from ..tables import DesignationTable, ProgrammeTable


class DesignationListView(ScopedListView):
    model = Designation
    filterset_class = DesignationFilter
    table_class = DesignationTable
    select_related = ("kind", "organization", "village", "area")
    template_name = "branches/designation_list.html"


class DesignationCreateView(ScopedCreateView):
    model = Designation
    form_class = DesignationForm
    service = designation_create
    success_message = _("示范创建命名已保存。")
    extra_context = {"title": _("新增示范创建命名")}
    success_url = reverse_lazy("branches:designation_list")


class DesignationUpdateView(ScopedUpdateView):
    model = Designation
    form_class = DesignationForm
    service = designation_update
    instance_kwarg = "designation"
    success_message = _("示范创建命名已保存。")
    extra_context = {"title": _("编辑示范创建命名")}
    success_url = reverse_lazy("branches:designation_list")


class ProgrammeListView(ScopedListView):
    model = ProgrammeEnrollment
    filterset_class = ProgrammeFilter
    table_class = ProgrammeTable
    select_related = ("village",)
    template_name = "branches/programme_list.html"


class ProgrammeCreateView(ScopedCreateView):
    model = ProgrammeEnrollment
    form_class = ProgrammeEnrollmentForm
    service = programme_enroll
    success_message = _("已纳入“十村示范、百村提标”工程。")
    extra_context = {"title": _("纳入“十村示范、百村提标”工程")}
    success_url = reverse_lazy("branches:programme_list")


class ProgrammeUpdateView(ScopedUpdateView):
    model = ProgrammeEnrollment
    form_class = ProgrammeEnrollmentForm
    service = programme_update
    instance_kwarg = "enrollment"
    success_message = _("进展已保存。")
    extra_context = {"title": _("更新“十村示范、百村提标”进展")}
    success_url = reverse_lazy("branches:programme_list")
