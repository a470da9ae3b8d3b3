"""The list tables of 流动党员 and 失联党员 (ali_party.tables)."""
import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable, DateColumn, LinkColumn, YesNoColumn, area_column

from . import models


class FloatingTable(BaseTable):
    member = LinkColumn(verbose_name=_("党员"), order_by=("member__name",))
    organization = tables.Column(verbose_name=_("所在党组织"), accessor="member__organization__name")
    area = area_column(_("所在区域"), "member__organization__area")
    left_on = DateColumn(verbose_name=_("外出日期"))
    destination = tables.Column(verbose_name=_("外出地点"))
    reason = tables.Column(verbose_name=_("外出原因"))
    fixed_place = YesNoColumn(verbose_name=_("固定住所或工作单位"))
    returned_on = DateColumn(verbose_name=_("返回日期"))

    class Meta(BaseTable.Meta):
        model = models.FloatingPeriod
        fields = ()


class TransferDueTable(FloatingTable):
    transfer_due_on = DateColumn(verbose_name=_("超过6个月日期"), accessor="transfer_due_on", orderable=False,
                                 attrs={"td": {"class": "text-nowrap text-danger"}})

    class Meta(FloatingTable.Meta):
        exclude = ("returned_on",)


class LostContactTable(BaseTable):
    member = LinkColumn(verbose_name=_("党员"), order_by=("member__name",))
    organization = tables.Column(verbose_name=_("所在党组织"), accessor="member__organization__name")
    area = area_column(_("所在区域"), "member__organization__area")
    lost_since = DateColumn(verbose_name=_("失去联系日期"))
    reason = tables.Column(verbose_name=_("失联原因"))
    found_on = DateColumn(verbose_name=_("恢复联系日期"))
    outcome = tables.Column(verbose_name=_("恢复联系后的处置"))

    class Meta(BaseTable.Meta):
        model = models.LostContact
        fields = ()


class IncomingTable(BaseTable):
    name = LinkColumn(verbose_name=_("姓名"))
    origin_organization = tables.Column(verbose_name=_("流出地党组织"))
    organization = tables.Column(verbose_name=_("参加组织生活的党组织"), accessor="organization__name")
    area = area_column(_("所在区域"), "organization__area")
    arrived_on = DateColumn(verbose_name=_("流入日期"))
    left_on = DateColumn(verbose_name=_("离开日期"))

    class Meta(BaseTable.Meta):
        model = models.IncomingMember
        fields = ()
