"""The detail pages (the transfer warning on a floating period), the delete pages and the list of the
periods due for a transfer of the organization relation."""
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedDeleteView, ScopedListView
from ali_party.records import RecordDetailView

from .. import selectors
from ..filters import TransferDueFilter
from ..models import FloatingPeriod, IncomingMember, LostContact
from ..services import floating_delete, incoming_delete, lost_delete
from ..tables import TransferDueTable

MEMBER = ("member__organization__area",)


class _DetailView(RecordDetailView):
    template_name = "mobility/detail.html"
    delete_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(delete_url_name=self.delete_url_name, today=timezone.localdate())
        return context


class FloatingDetailView(_DetailView):
    model = FloatingPeriod
    select_related = MEMBER
    update_url_name, list_url_name, delete_url_name = ("mobility:floating_update", "mobility:floating_list",
                                                       "mobility:floating_delete")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["transfer_warning"] = self.object.transfer_warning(context["today"])
        return context


class LostContactDetailView(_DetailView):
    model = LostContact
    select_related = MEMBER
    update_url_name, list_url_name, delete_url_name = ("mobility:lost_update", "mobility:lost_list",
                                                       "mobility:lost_delete")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts_as_lost"] = self.object.counts_as_lost_on(context["today"])
        return context


class IncomingDetailView(_DetailView):
    model = IncomingMember
    select_related = ("organization__area",)
    update_url_name, list_url_name, delete_url_name = ("mobility:incoming_update", "mobility:incoming_list",
                                                       "mobility:incoming_delete")


class _DeleteView(ScopedDeleteView):
    list_url_name = ""

    def get_success_url(self):
        return reverse(self.list_url_name)


class FloatingDeleteView(_DeleteView):
    model = FloatingPeriod
    select_related = MEMBER
    service = floating_delete
    instance_kwarg = "floating"
    success_message = _("流动党员登记已删除。")
    list_url_name = "mobility:floating_list"


class LostContactDeleteView(_DeleteView):
    model = LostContact
    select_related = MEMBER
    service = lost_delete
    instance_kwarg = "lost"
    success_message = _("失联党员登记已删除。")
    list_url_name = "mobility:lost_list"


class IncomingDeleteView(_DeleteView):
    model = IncomingMember
    select_related = ("organization__area",)
    service = incoming_delete
    instance_kwarg = "incoming"
    success_message = _("流入党员登记已删除。")
    list_url_name = "mobility:incoming_list"


class TransferDueListView(ScopedListView):
    """Members out more than six months at a fixed place: the relation should be transferred."""

    model = FloatingPeriod
    filterset_class = TransferDueFilter
    table_class = TransferDueTable
    template_name = "mobility/transfer_due.html"
    extra_context = {"title": _("应转移组织关系的流动党员"), "active": "transfer_due"}

    def get_queryset(self):
        return selectors.transfer_due(self.request.user, timezone.localdate())
