"""Import/export specs of the dues records (dataexchange): 党费档案 (named by the member's ID
number) and 党费交纳 (named by the branch and the receipt number). ID numbers are exported masked,
as everywhere else; a payment row is booked through the same service as the ledger page."""
from django.core.exceptions import ValidationError

from ali_party.pillars import Pillar
from branches.models import PartyOrganization
from cadres.models import PartyMember
from dataexchange import cells
from dataexchange.importer import ChoiceCache, Column, ImportSpec, NaturalKey, member_labels, organization_labels
from dataexchange.specs import register

from .filters import PaymentFilter, ProfileFilter
from .forms import DuesProfileForm, PaymentForm
from .models import DuesLedgerLine, DuesPayment, DuesProfile, Frequency
from .rules import Category
from .services import payment_record, profile_create, profile_update


class _ProfileRowForm(DuesProfileForm):
    """The page's form; a row may name any member in scope (one already with a profile updates it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "member" in self.fields:
            self.fields["member"].queryset = PartyMember.objects.visible_to(self.user).filter(stage__gte=4)


@register
class DuesProfileSpec(ImportSpec):
    key = "dues_profiles"
    label = "党费档案"
    pillar = Pillar.SYSTEMS
    model = DuesProfile
    form_class = _ProfileRowForm
    filterset_class = ProfileFilter
    export_select_related = ("member__organization",)
    list_url_name = "dues:profile_list"
    columns = [
        Column("党员身份证号码", "member", "member", required=True, example="542523199005010014", width=22,
               export=lambda o: o.member.masked_id_number, masked=True),
        Column("姓名", "member_name", example="扎西", form_field=False, export=lambda o: o.member.name,
               note="仅供核对，以身份证号码为准"),
        Column("所在党组织", "organization", example="加木村党支部", form_field=False, width=22,
               export=lambda o: o.member.organization.name, note="仅供核对"),
        Column("党员类别", "category", "choice", required=True, choices=Category.choices, example="农牧民党员", width=18),
        Column("月工资收入(税后,元)", "base_income", "decimal", example="", width=16, note="在职、离退休党员填写"),
        Column("支部确定的月交纳额(元)", "fixed_amount", "decimal", example="0.50", width=16, note="农牧民党员填写0.2—1元"),
        Column("自愿多交的月交纳额(元)", "voluntary_amount", "decimal", example="", width=16),
        Column("交纳方式", "frequency", "choice", required=True, choices=Frequency.choices, example="按月交纳"),
        Column("每月应交(元)", "monthly_amount", "decimal", form_field=False, export=lambda o: o.shown_amount,
               note="导出时由系统计算，导入时不读取"),
        Column("备注", "note", example="", width=20),
    ]
    natural_key = NaturalKey("member", required=("member",))

    def describe(self, values):
        member = values.get("member")
        return f"{member.name if member else ''} {values.get('category') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return profile_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return profile_update(actor=actor, profile=obj, **form.cleaned_data)


class _PaymentRowForm(PaymentForm):
    def __init__(self, *args, line=None, **kwargs):
        if line is None:  # the prototype and rows whose month was not found: no initial values needed
            super(PaymentForm, self).__init__(*args, **kwargs)
        else:
            super().__init__(*args, line=line, **kwargs)


def _month_of(payment):
    first = min(payment.lines.all(), key=lambda line: (line.ledger.year, line.ledger.month), default=None)
    return first


@register
class DuesPaymentSpec(ImportSpec):
    key = "dues_payments"
    label = "党费交纳"
    pillar = Pillar.SYSTEMS
    model = DuesPayment
    form_class = _PaymentRowForm
    filterset_class = PaymentFilter
    export_select_related = ("organization__area", "member")
    list_url_name = "dues:payment_list"
    columns = [
        Column("党组织", "organization", "fk", required=True, example="加木村党支部（加木村）", width=24,
               form_field=False, stored=lambda o: o.organization),
        Column("党员身份证号码", "member", "member", required=True, example="542523199005010014", width=22,
               form_field=False, export=lambda o: o.member.masked_id_number, masked=True,
               stored=lambda o: o.member),
        Column("姓名", "member_name", example="扎西", form_field=False, export=lambda o: o.member.name,
               note="仅供核对"),
        Column("所属年度", "year", "int", required=True, example=2022, width=8, form_field=False,
               export=lambda o: _month_of(o).ledger.year if _month_of(o) else "",
               stored=lambda o: _month_of(o).ledger.year if _month_of(o) else None),
        Column("所属月份", "month", "int", required=True, example=3, width=8, form_field=False,
               export=lambda o: _month_of(o).ledger.month if _month_of(o) else "", note="预交多个月时填第一个月",
               stored=lambda o: _month_of(o).ledger.month if _month_of(o) else None),
        Column("交纳月数", "months", "int", example=1, width=8, export=lambda o: o.months),
        Column("收据号", "receipt_no", required=True, example="2022-03-001"),
        Column("交纳日期", "paid_on", "date", required=True, example="2022-03-25"),
        Column("实交金额(元)", "amount", "decimal", required=True, example="0.50"),
        Column("代缴人", "paid_by", example="", note="他人代交时填写"),
        Column("补缴", "is_back_payment", form_field=False, export=lambda o: "是" if o.is_back_payment else "否",
               note="由交纳日期自动判断，导入时不读取"),
        Column("备注", "note", example="", width=20),
    ]
    natural_key = NaturalKey("organization", "receipt_no")

    def export_queryset(self, actor):
        return super().export_queryset(actor).prefetch_related("lines__ledger")

    def extra_context(self, actor, ctx):
        organizations = PartyOrganization.objects.visible_to(actor).select_related("area")
        ctx["caches"]["_organization"] = ChoiceCache(organizations, organization_labels)
        members = PartyMember.objects.visible_to(actor).filter(stage__gte=4).only("pk", "name", "id_number_hash")
        ctx["caches"]["member"] = ChoiceCache(members, member_labels)

    def resolve_extra(self, values, data, ctx):
        organization, member = values.get("organization"), values.get("member")
        year, month = values.get("year"), values.get("month")
        if organization is None or member is None or not year or not month:
            return
        line = (DuesLedgerLine.objects.select_related("ledger__organization__area", "member", "payment")
                .filter(ledger__organization=organization, ledger__year=year, ledger__month=month, member=member)
                .first())
        if line is None:
            raise cells.CellError(f"{organization.name}{year}年{month}月的党费台账中没有{member.name}："
                                  "请先生成该月台账，或核对党员和月份。")
        values["line"] = line

    def form_kwargs(self, ctx, values):
        return {"line": values.get("line")}

    def describe(self, values):
        return f"{values.get('receipt_no') or ''} {values.get('amount') or ''}元".strip()

    def create(self, *, actor, form, values, ctx):
        if values.get("line") is None:
            raise ValidationError("请填写党组织、党员身份证号码、所属年度和月份。")
        data = dict(form.cleaned_data)
        data["months"] = data.get("months") or 1
        return payment_record(actor=actor, line=values["line"], **data)

    def update(self, *, actor, obj, form, values, ctx):
        raise ValidationError("本支部已有该收据号的党费交纳记录；如需更正，请在页面上删除后重新登记。")
