"""The list tables of the basic-capacity pillar (ali_party.tables)."""
import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable, DateColumn, LinkColumn, LinkDateColumn, NumberColumn, YesNoColumn, area_column

from . import models


def _village():
    return area_column(_("村(社区)"), "village")


class CoBuildingPairingTable(BaseTable):
    garrison_unit = LinkColumn(verbose_name=_("驻军单位"))
    village = _village()
    organization = tables.Column(verbose_name=_("结对党支部"), order_by=("organization__name",))
    started_on = DateColumn(verbose_name=_("开始日期"))
    ended_on = DateColumn(verbose_name=_("结束日期"))

    class Meta(BaseTable.Meta):
        model = models.CoBuildingPairing
        fields = ()


class DisputeScreeningTable(BaseTable):
    screened_on = LinkDateColumn(verbose_name=_("排查日期"))
    village = _village()
    disputes_found = NumberColumn(verbose_name=_("排查出纠纷数"))
    note = tables.Column(verbose_name=_("备注"))

    class Meta(BaseTable.Meta):
        model = models.DisputeScreening
        fields = ()


class DisputeCaseTable(BaseTable):
    found_on = LinkDateColumn(verbose_name=_("发现日期"))
    village = _village()
    description = tables.Column(verbose_name=_("纠纷简况"))
    handled = YesNoColumn(verbose_name=_("已调处"))
    handled_on = DateColumn(verbose_name=_("调处日期"))
    outcome = tables.Column(verbose_name=_("调处结果"))

    class Meta(BaseTable.Meta):
        model = models.DisputeCase
        fields = ()


class DemoVillageTable(BaseTable):
    village = area_column(_("村(社区)"), "village", linkify=lambda record: record.get_absolute_url())
    designated_year = tables.Column(verbose_name=_("命名年度"))
    note = tables.Column(verbose_name=_("主要产业"))

    class Meta(BaseTable.Meta):
        model = models.CollectiveEconomyDemoVillage
        fields = ()


class IncomeTeamTable(BaseTable):
    name = LinkColumn(verbose_name=_("名称"))
    kind = tables.Column(verbose_name=_("队伍类型"))
    village = _village()
    members_count = NumberColumn(verbose_name=_("成员人数"))
    income = NumberColumn(verbose_name=_("创收金额(元)"))
    started_on = DateColumn(verbose_name=_("成立日期"))

    class Meta(BaseTable.Meta):
        model = models.IncomeTeam
        fields = ()


class StrongWeakPairingTable(BaseTable):
    strong_village = area_column(_("强村"), "strong_village", linkify=lambda record: record.get_absolute_url())
    weak_village = area_column(_("弱村"), "weak_village")
    started_on = DateColumn(verbose_name=_("结对日期"))
    ended_on = DateColumn(verbose_name=_("结束日期"))
    model_note = tables.Column(verbose_name=_("带动模式"))

    class Meta(BaseTable.Meta):
        model = models.StrongWeakPairing
        fields = ()


class EcologyTeamTable(BaseTable):
    name = LinkColumn(verbose_name=_("队伍名称"))
    village = _village()
    members_count = NumberColumn(verbose_name=_("队员人数"))
    started_on = DateColumn(verbose_name=_("组建日期"))
    ended_on = DateColumn(verbose_name=_("撤销日期"))

    class Meta(BaseTable.Meta):
        model = models.EcologyTeam
        fields = ()
