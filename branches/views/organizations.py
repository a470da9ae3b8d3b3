"""Party organizations: list, detail, create, edit — all through the scoped generic views."""
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView

from ..filters import PartyOrganizationFilter
from ..forms import PartyOrganizationForm
from ..models import PartyOrganization
from ..services import organization_create, organization_update


class OrganizationListView(ScopedListView):
    model = PartyOrganization
    filterset_class = PartyOrganizationFilter
    select_related = ("area", "parent")
    template_name = "branches/organization_list.html"


class OrganizationDetailView(ScopedDetailView):
    model = PartyOrganization
    select_related = ("area", "parent")
    template_name = "branches/organization_detail.html"
    context_object_name = "organization"


class OrganizationCreateView(ScopedCreateView):
    model = PartyOrganization
    form_class = PartyOrganizationForm
    service = organization_create
    success_message = _("党组织已保存。")
    template_name = "branches/organization_form.html"
    extra_context = {"title": _("新建党组织")}


class OrganizationUpdateView(ScopedUpdateView):
    model = PartyOrganization
    form_class = PartyOrganizationForm
    service = organization_update
    instance_kwarg = "organization"
    success_message = _("党组织已保存。")
    template_name = "branches/organization_form.html"
    extra_context = {"title": _("编辑党组织")}
