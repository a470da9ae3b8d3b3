"""Payments: mark a ledger line paid (receipt number, 补缴, 代缴, paying ahead), the list, undo."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.generic import NestedCreateView, ScopedDeleteView, ScopedListView

from .. import selectors
from ..tables import PaymentTable
from ..filters import PaymentFilter
from ..forms import PaymentForm
from ..models import DuesLedgerLine, DuesPayment
from ..services import payment_delete, payment_record


class PaymentListView(ScopedListView):
    table_class = PaymentTable
    model = DuesPayment
    filterset_class = PaymentFilter
    template_name = "dues/payment_list.html"

    def get_queryset(self):
        return selectors.payment_list(user=self.request.user)


class PaymentCreateView(NestedCreateView):
    model = DuesPayment
    form_class = PaymentForm
    parent_model = DuesLedgerLine
    parent_kwarg = "line"
    parent_form_kwarg = "line"
    parent_select_related = ("ledger__organization__area", "member__dues_profile")
    service = payment_record
    success_message = _("党费交纳已登记。")
    extra_title = _("登记党费交纳")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        line = self.parent
        context["title"] = _("%(member)s %(year)s年%(month)s月 · 登记党费交纳") % {
            "member": line.member.name, "year": line.ledger.year, "month": line.ledger.month}
        context["help"] = _("应交 %(amount)s 元。交纳日期晚于该月月底的记为补缴；他人代交的请填写代缴人。") % {
            "amount": line.amount_due if line.amount_due is not None else "—"}
        return context


class PaymentDeleteView(ScopedDeleteView):
    model = DuesPayment
    service = payment_delete
    instance_kwarg = "payment"
    select_related = ("organization__area", "member")
    success_message = _("党费交纳记录已删除，相应月份恢复为未交。")

    def get_success_url(self):
        return reverse("dues:payment_list")
