"""村财乡管: township accounts, village ledgers and the expenditures booked in them."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.generic import (
    NestedCreateView, ScopedCreateView, ScopedDeleteView, ScopedDetailView, ScopedListView, ScopedUpdateView,
)
from ali_party.params import parse_id

from .. import selectors
from ..filters import ExpenditureFilter, TownshipAccountFilter
from ..forms import ExpenditureForm, TownshipAccountForm, VillageLedgerForm
from ..models import Allocation, Expenditure, TownshipAccount, VillageLedger
from ..services import (
    expenditure_create, expenditure_delete, township_account_create, township_account_update,
    village_ledger_create,
)
from ..tables import AccountTable, ExpenditureTable


class AccountListView(ScopedListView):
    model = TownshipAccount
    filterset_class = TownshipAccountFilter
    table_class = AccountTable
    template_name = "funding/account_list.html"

    def get_queryset(self):
        return selectors.account_list(user=self.request.user)


class AccountDetailView(ScopedDetailView):
    model = TownshipAccount
    select_related = ("township",)
    template_name = "funding/account_detail.html"
    context_object_name = "account"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ledgers"] = selectors.ledgers_with_balance(self.object)
        return context


class AccountCreateView(ScopedCreateView):
    model = TownshipAccount
    form_class = TownshipAccountForm
    service = township_account_create
    success_message = _("乡镇统一账户已保存。")
    extra_context = {"title": _("新建乡镇统一账户")}


class AccountUpdateView(ScopedUpdateView):
    model = TownshipAccount
    form_class = TownshipAccountForm
    service = township_account_update
    instance_kwarg = "account"
    success_message = _("乡镇统一账户已保存。")
    extra_context = {"title": _("编辑乡镇统一账户")}


class LedgerCreateView(NestedCreateView):
    """A village ledger is opened inside one township account (the account comes from the URL)."""

    model = VillageLedger
    form_class = VillageLedgerForm
    parent_model = TownshipAccount
    parent_kwarg = "account"
    parent_url_kwarg = "pk"
    parent_select_related = ("township",)
    parent_form_kwarg = "account"  # the village choices are the account's township's villages
    service = village_ledger_create
    success_message = _("分村账簿已建立。")
    extra_context = {"title": _("建立分村账簿")}


class ExpenditureListView(ScopedListView):
    model = Expenditure
    filterset_class = ExpenditureFilter
    table_class = ExpenditureTable
    template_name = "funding/expenditure_list.html"

    def get_queryset(self):
        return selectors.expenditure_list(user=self.request.user)


class ExpenditureDetailView(ScopedDetailView):
    model = Expenditure
    select_related = ("ledger__village", "ledger__account", "allocation__source", "allocation__purpose",
                      "purpose")
    template_name = "funding/expenditure_detail.html"
    context_object_name = "expenditure"


class ExpenditureCreateView(ScopedCreateView):
    model = Expenditure
    form_class = ExpenditureForm
    service = expenditure_create
    success_message = _("支出已记账。")
    extra_context = {"title": _("记一笔支出")}

    def get_initial(self):
        initial = super().get_initial()
        pk = parse_id(self.request.GET.get("allocation"))
        if pk is not None:
            allocation = Allocation.objects.visible_to(self.request.user).filter(pk=pk).first()
            if allocation is not None:
                initial.update(allocation=allocation, purpose=allocation.purpose_id)
        return initial


class ExpenditureDeleteView(ScopedDeleteView):
    model = Expenditure
    service = expenditure_delete
    instance_kwarg = "expenditure"
    select_related = ("ledger__village", "allocation")
    success_message = _("支出已删除，金额已退回拨款余额。")
    template_name = "funding/confirm_delete.html"

    def get_success_url(self):
        return reverse("funding:allocation_detail", args=[self.object.allocation_id])
