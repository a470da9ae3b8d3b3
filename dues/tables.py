"""The list tables of the dues pages (ali_party.tables). Amounts are exact decimals shown to the 分."""
import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ali_party.rounding import round_half_up
from ali_party.tables import BaseTable, DateColumn, EditColumn, NumberColumn, YesNoColumn, area_column

from .models import DuesLedger, DuesPayment, DuesProfile, DuesRelief


class YuanColumn(NumberColumn):
    """An amount in 元, two decimals; empty shows "—"."""

    def render(self, value):
        return f"{round_half_up(value)}"


class LedgerTable(BaseTable):
    month = tables.Column(verbose_name=_("月份"), order_by=("year", "month"), linkify=lambda record: record.get_absolute_url())
    organization = tables.Column(verbose_name=_("党组织"), order_by=("organization__name",))
    area = area_column(_("所在区域"), "organization__area")
    due = NumberColumn(verbose_name=_("应交人数"))
    paid = NumberColumn(verbose_name=_("已交人数"))
    total_due = YuanColumn(verbose_name=_("应交金额（元）"))

    class Meta(BaseTable.Meta):
        model = DuesLedger
        fields = ()

    def render_month(self, record):
        return _("%(year)s年%(month)s月") % {"year": record.year, "month": record.month}


class PaymentTable(BaseTable):
    paid_on = DateColumn(verbose_name=_("交纳日期"))
    receipt_no = tables.Column(verbose_name=_("收据号"))
    organization = tables.Column(verbose_name=_("党组织"), order_by=("organization__name",))
    member = tables.Column(verbose_name=_("党员"), order_by=("member__name",))
    month_count = NumberColumn(verbose_name=_("月数"))
    amount = YuanColumn(verbose_name=_("实交（元）"))
    is_back_payment = YesNoColumn(verbose_name=_("补缴"))
    paid_by = tables.Column(verbose_name=_("代缴人"))
    delete = EditColumn("dues:payment_delete", label=_("删除"))

    class Meta(BaseTable.Meta):
        model = DuesPayment
        fields = ()

    def render_member(self, record):
        return record.member.name


class ProfileTable(BaseTable):
    member = tables.Column(verbose_name=_("党员"), order_by=("member__name",))
    organization = tables.Column(verbose_name=_("党组织"), accessor="member__organization",
                                 order_by=("member__organization__name",))
    category = tables.Column(verbose_name=_("党员类别"))
    base_income = YuanColumn(verbose_name=_("月工资收入（元）"))
    shown_amount = YuanColumn(verbose_name=_("每月应交（元）"), orderable=False)
    frequency = tables.Column(verbose_name=_("交纳方式"))
    edit = EditColumn("dues:profile_update")

    class Meta(BaseTable.Meta):
        model = DuesProfile
        fields = ()

    def render_member(self, record):
        return record.member.name


class ReliefTable(BaseTable):
    member = tables.Column(verbose_name=_("党员"), order_by=("member__name",))
    organization = tables.Column(verbose_name=_("党组织"), accessor="member__organization",
                                 order_by=("member__organization__name",))
    kind = tables.Column(verbose_name=_("减免方式"))
    from_month = tables.Column(verbose_name=_("起止月份"))
    reason = tables.Column(verbose_name=_("困难情况"), orderable=False)
    requested_at = tables.Column(verbose_name=_("申请"))
    status = tables.Column(verbose_name=_("审批状态"))
    decided_at = tables.Column(verbose_name=_("审批"), empty_values=())
    decide = tables.Column(verbose_name="", accessor="pk", orderable=False, empty_values=())

    class Meta(BaseTable.Meta):
        model = DuesRelief
        fields = ()

    def render_member(self, record):
        return record.member.name

    def render_kind(self, record):
        if record.reduced_amount is not None:
            return f"{record.get_kind_display()}（{record.reduced_amount}）"
        return record.get_kind_display()

    def render_from_month(self, record):
        return f"{record.from_month:%Y-%m} — {record.to_month:%Y-%m}"

    def render_reason(self, value):
        return value if len(value) <= 40 else value[:39] + "…"

    def render_requested_at(self, record):
        return f"{record.requested_by} {record.requested_at:%Y-%m-%d}"

    def render_decided_at(self, record):
        if record.decided_by_id is None:
            return ""
        note = f"：{record.decision_note}" if record.decision_note else ""
        return f"{record.decided_by} {record.decided_at:%Y-%m-%d}{note}"

    def render_decide(self, record, table):
        context = getattr(table, "context", None)
        if not (context and context.get("can_write")) or record.status != DuesRelief.Status.REQUESTED:
            return ""
        return format_html('<a class="btn btn-sm btn-outline-danger" href="{}">{}</a>',
                           reverse("dues:relief_decide", args=[record.pk]), _("审批"))
