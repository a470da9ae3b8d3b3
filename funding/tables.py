"""The list tables of the basic-guarantee pillar (ali_party.tables). Money is shown through the
filters of funding/templatetags/money.py (元 / 万元, rounded half up, never a float)."""
import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable, DateColumn, LinkColumn, LinkDateColumn, NumberColumn, area_column

from .models import Allocation, CollectiveEconomyProject, Expenditure, TownshipAccount, VenueUpgrade
from .templatetags.money import percent, wan_yuan, yuan


class MoneyColumn(NumberColumn):
    """An amount in 元 (`unit=yuan`) or 万元 (`unit=wan_yuan`); an empty amount shows "—"."""

    def __init__(self, *args, unit=yuan, **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit

    def render(self, value):
        return self.unit(value)


def _catalogue(verbose_name, accessor):
    return tables.Column(verbose_name=verbose_name, accessor=accessor,
                         order_by=(f"{accessor}__order", f"{accessor}__name"))


class AllocationTable(BaseTable):
    year = LinkColumn(verbose_name=_("年度"))
    village = area_column(_("受援村(社区)"), "village")
    source = _catalogue(_("资金来源"), "source")
    purpose = _catalogue(_("资金用途"), "purpose")
    amount = MoneyColumn(verbose_name=_("拨付金额"))
    spent = MoneyColumn(verbose_name=_("已支出"))
    remaining = MoneyColumn(verbose_name=_("余额"))
    utilization = MoneyColumn(verbose_name=_("使用率"), unit=percent)

    class Meta(BaseTable.Meta):
        model = Allocation
        fields = ()

    def render_village(self, record, value):
        if record.project_id:
            return format_html('{}<div class="small text-muted">{}</div>', value, record.project.name)
        return value


class ExpenditureTable(BaseTable):
    spent_on = LinkDateColumn(verbose_name=_("支出日期"))
    voucher_no = tables.Column(verbose_name=_("凭证号"))
    village = area_column(_("村(社区)"), "ledger__village")
    purpose = _catalogue(_("用途"), "purpose")
    allocation = tables.Column(verbose_name=_("资金拨付"), order_by=("allocation__year", "allocation__source__order"),
                               linkify=lambda record: reverse("funding:allocation_detail", args=[record.allocation_id]))
    description = tables.Column(verbose_name=_("摘要"))
    amount = MoneyColumn(verbose_name=_("金额"))

    class Meta(BaseTable.Meta):
        model = Expenditure
        fields = ()

    def render_allocation(self, record):
        return f"{record.allocation.year} {record.allocation.source}"


class AccountTable(BaseTable):
    township = area_column(_("乡镇"), "township", linkify=lambda record: record.get_absolute_url())
    bank = tables.Column(verbose_name=_("开户银行"))
    account_number = tables.Column(verbose_name=_("账号"))
    ledger_count = NumberColumn(verbose_name=_("分村账簿"))
    allocated = MoneyColumn(verbose_name=_("拨付合计"), unit=wan_yuan)
    spent = MoneyColumn(verbose_name=_("支出合计"), unit=wan_yuan)

    class Meta(BaseTable.Meta):
        model = TownshipAccount
        fields = ()


class VenueTable(BaseTable):
    village = area_column(_("村(社区)"), "village")
    prefecture_allocation = MoneyColumn(verbose_name=_("地区划拨"), unit=wan_yuan)
    total_investment = MoneyColumn(verbose_name=_("总投入"), unit=wan_yuan)
    status = tables.Column(verbose_name=_("状态"))
    completed_on = DateColumn(verbose_name=_("完成日期"))
    # Below the 15万 standard: read from 总投入, which sorts the same rows.
    below_standard = tables.Column(verbose_name="", accessor="pk", orderable=False)

    class Meta(BaseTable.Meta):
        model = VenueUpgrade
        fields = ()

    def render_village(self, record, value):
        badge = format_html(' <span class="badge bg-danger">{}</span>', _("示范点")) if record.is_demonstration else ""
        return format_html('<a href="{}">{}</a>{}', record.get_absolute_url(), value, badge)

    def render_below_standard(self, record):
        if record.below_standard:
            return format_html('<span class="badge bg-warning text-dark">{}</span>', _("低于15万元标准"))
        return ""


class ProjectTable(BaseTable):
    name = LinkColumn(verbose_name=_("项目名称"))
    village = area_column(_("村(社区)"), "village")
    start_year = tables.Column(verbose_name=_("立项年度"), order_by=("start_year", "end_year"))
    central_support_funds = MoneyColumn(verbose_name=_("中央三部委扶持资金"), unit=wan_yuan)
    other_funds = MoneyColumn(verbose_name=_("其他资金"), unit=wan_yuan)
    status = tables.Column(verbose_name=_("状态"))
    income_generated = MoneyColumn(verbose_name=_("收益"), unit=wan_yuan)
    households_benefiting = NumberColumn(verbose_name=_("受益户数"))

    class Meta(BaseTable.Meta):
        model = CollectiveEconomyProject
        fields = ()

    def render_start_year(self, record, value):
        return f"{value}—{record.end_year}" if record.end_year else value
