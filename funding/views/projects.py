"""Village collective-economy projects (村级集体经济项目)."""
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView

from .. import selectors
from ..filters import CollectiveEconomyProjectFilter
from ..forms import CollectiveEconomyProjectForm
from ..models import CollectiveEconomyProject
from ..services import project_create, project_update
from ..tables import ProjectTable


class ProjectListView(ScopedListView):
    model = CollectiveEconomyProject
    filterset_class = CollectiveEconomyProjectFilter
    table_class = ProjectTable
    template_name = "funding/project_list.html"

    def get_queryset(self):
        return selectors.project_list(user=self.request.user)


class ProjectDetailView(ScopedDetailView):
    model = CollectiveEconomyProject
    select_related = ("village",)
    template_name = "funding/project_detail.html"
    context_object_name = "project"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["allocations"] = selectors.allocations_with_balance(
            self.object.allocations.select_related("source", "purpose"))
        return context


class ProjectCreateView(ScopedCreateView):
    model = CollectiveEconomyProject
    form_class = CollectiveEconomyProjectForm
    service = project_create
    success_message = _("集体经济项目已保存。")
    extra_context = {"title": _("新建村级集体经济项目")}


class ProjectUpdateView(ScopedUpdateView):
    model = CollectiveEconomyProject
    form_class = CollectiveEconomyProjectForm
    service = project_update
    instance_kwarg = "project"
    success_message = _("集体经济项目已保存。")
    extra_context = {"title": _("编辑村级集体经济项目")}
