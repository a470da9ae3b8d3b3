"""A branch's monthly dues ledger: the list, generating a month, the month's lines (mark paid)."""
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ali_party.generic import ScopedCreateView, ScopedDetailView, ScopedListView, get_editable_or_404, reader_required

from .. import selectors
from ..tables import LedgerTable
from ..filters import LedgerFilter
from ..forms import LedgerGenerateForm
from ..models import DuesLedger
from ..services import ledger_generate, ledger_regenerate


class LedgerListView(ScopedListView):
    table_class = LedgerTable
    model = DuesLedger
    filterset_class = LedgerFilter
    template_name = "dues/ledger_list.html"

    def get_queryset(self):
        return selectors.ledger_list(user=self.request.user)


class LedgerCreateView(ScopedCreateView):
    model = DuesLedger
    form_class = LedgerGenerateForm
    service = ledger_generate
    success_message = _("党费台账已生成。")
    extra_context = {"title": _("生成党费台账"),
                     "help": _("按党员名单生成一个党组织一个月的应交党费明细：预备党员自接收当月起交纳；"
                               "转出、去世等的党员自次月起不再列入。")}


class LedgerDetailView(ScopedDetailView):
    model = DuesLedger
    select_related = ("organization__area",)
    template_name = "dues/ledger_detail.html"
    context_object_name = "ledger"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lines"] = selectors.ledger_lines(self.object)
        context["totals"] = selectors.ledger_totals(self.object)
        return context


@require_POST
@reader_required
def ledger_update_view(request, pk):
    """重新生成: bring the month up to date with the members and their profiles (paid lines kept)."""
    ledger = get_editable_or_404(DuesLedger.objects.select_related("organization__area"), request.user, pk=pk)
    ledger_regenerate(actor=request.user, ledger=ledger)
    messages.success(request, _("党费台账已按当前党员名单和党费档案更新。"))
    return redirect(ledger)
