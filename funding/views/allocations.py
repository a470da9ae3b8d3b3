"""Allocations (资金拨付): list with balances, detail with its expenditures, create, edit."""
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView

from .. import selectors
from ..filters import AllocationFilter
from ..forms import AllocationForm
from ..models import Allocation
from ..services import allocation_create, allocation_update
from ..tables import AllocationTable


class AllocationListView(ScopedListView):
    model = Allocation
    filterset_class = AllocationFilter
    table_class = AllocationTable
    template_name = "funding/allocation_list.html"

    def get_queryset(self):
        return selectors.allocation_list(user=self.request.user)


class AllocationDetailView(ScopedDetailView):
    model = Allocation
    template_name = "funding/allocation_detail.html"
    context_object_name = "allocation"

    def get_queryset(self):
        return selectors.allocation_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["expenditures"] = self.object.expenditures.select_related("purpose").order_by("spent_on", "pk")
        return context


class AllocationCreateView(ScopedCreateView):
    model = Allocation
    form_class = AllocationForm
    service = allocation_create
    success_message = _("资金拨付已保存。")
    extra_context = {"title": _("新建资金拨付")}


class AllocationUpdateView(ScopedUpdateView):
    model = Allocation
    form_class = AllocationForm
    service = allocation_update
    instance_kwarg = "allocation"
    success_message = _("资金拨付已保存。")
    extra_context = {"title": _("编辑资金拨付")}
