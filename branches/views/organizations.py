"""Party organizations: list (with derived counts and structure warnings), detail (the whole record),
create, edit and status change (merge / dissolve) — never delete."""
from django.db.models import Count, Prefetch, Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ali_party.areas import area_choices, chosen_area
from ali_party.generic import (
    NestedCreateView, ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView, reader_required,
)
from ali_party.years import shown_year

from .. import selectors, structure
from ..filters import PartyOrganizationFilter
from ..forms import CommitteePostForm, OrganizationStatusForm, PartyOrganizationForm
from ..record_summary import organization_record_summary
from ..models import Assessment, CommitteePost, PartyOrganization, Rectification
from ..services import organization_change_status, organization_create, organization_update, post_create, post_update
from ..tables import OrganizationTable


class OrganizationListView(ScopedListView):
    model = PartyOrganization
    filterset_class = PartyOrganizationFilter
    table_class = OrganizationTable
    select_related = ("area", "parent")
    template_name = "branches/organization_list.html"

    def get_queryset(self):
        return selectors.with_structure(super().get_queryset())


class OrganizationDetailView(ScopedDetailView):
    model = PartyOrganization
    select_related = ("area", "parent", "merged_into")
    template_name = "branches/organization_detail.html"
    context_object_name = "organization"

    def get_queryset(self):
        return selectors.with_structure(super().get_queryset()).prefetch_related(
            Prefetch("posts", queryset=CommitteePost.objects.order_by("left_on", "role", "pk")),
            Prefetch("children", queryset=PartyOrganization.objects.order_by("kind", "name")),
            "designations__kind", "designations__village",
            Prefetch("assessments", queryset=Assessment.objects.order_by("-year").prefetch_related("failed_items")),
            Prefetch("rectifications", queryset=Rectification.objects.order_by("-year").prefetch_related(
                "categories").annotate(
                person_count=Count("responsible_persons", distinct=True),
                measure_count=Count("measures", distinct=True),
                open_measure_count=Count("measures", filter=Q(measures__status="open"), distinct=True))),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["warnings"] = selectors.structure_warnings(self.object)
        context["structure_checks"] = structure.evaluate(self.object)
        context["year"] = shown_year(self.request)
        context["record_summary"] = organization_record_summary(self.object, context["year"])
        return context


class OrganizationCreateView(ScopedCreateView):
    model = PartyOrganization
    form_class = PartyOrganizationForm
    service = organization_create
    success_message = _("党组织已保存。")
    extra_context = {"title": _("新建党组织")}


class OrganizationUpdateView(ScopedUpdateView):
    model = PartyOrganization
    form_class = PartyOrganizationForm
    service = organization_update
    instance_kwarg = "organization"
    success_message = _("党组织已保存。")
    extra_context = {"title": _("编辑党组织")}


class OrganizationStatusView(ScopedUpdateView):
    model = PartyOrganization
    form_class = OrganizationStatusForm
    service = organization_change_status
    instance_kwarg = "organization"
    success_message = _("党组织状态已变更。")
    extra_context = {"title": _("变更党组织状态（合并/撤销）"),
                     "help": _("党组织只能合并或撤销，不能删除；历史记录永久保留。")}


class PostCreateView(NestedCreateView):
    model = CommitteePost
    form_class = CommitteePostForm
    parent_model = PartyOrganization
    parent_kwarg = "organization"
    service = post_create
    success_message = _("班子职务已保存。")
    extra_title = _("新增班子职务")


class PostUpdateView(ScopedUpdateView):
    model = CommitteePost
    form_class = CommitteePostForm
    service = post_update
    instance_kwarg = "post"
    success_message = _("班子职务已保存。")
    extra_context = {"title": _("编辑班子职务")}


@reader_required
def structure_summary_view(request):
    """组织设置检查 counts per child area of the chosen node: how many organizations fail each check."""
    area = chosen_area(request)
    organizations = list(structure.with_structure(
        PartyOrganization.objects.visible_to(request.user).under(area).active().select_related("area")))
    failing = structure.failing_counts(organizations)
    return render(request, "branches/structure_summary.html", {
        "area": area, "checks": structure.CHECKS, "areas": area_choices(request.user), "active": "structure",
        "rows": structure.counts_by_child(area, organizations), "total": len(organizations),
        "failing": [failing[check.code] for check in structure.CHECKS],
    })
