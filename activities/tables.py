"""The list tables of the basic-activities pillar (ali_party.tables)."""
import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable, DateColumn, LinkColumn, LinkDateColumn, NumberColumn, area_column

from .models import Activity, ContactCardIssue, ProxyMatter, ServiceHall


class ActivityTable(BaseTable):
    held_on = LinkDateColumn(verbose_name=_("活动日期"))
    kind = tables.Column(verbose_name=_("活动类型"), order_by=("kind__order", "kind__name"))
    village = area_column(_("村(社区)"), "village")
    organization = tables.Column(verbose_name=_("组织单位"), order_by=("organization__name",))
    participants = NumberColumn(verbose_name=_("参加人数"))
    person_times = NumberColumn(verbose_name=_("参加人次"))
    problems_solved = NumberColumn(verbose_name=_("解决问题"))
    pairing = tables.Column(verbose_name=_("军地共建结对"), accessor="pairing__garrison_unit")

    class Meta(BaseTable.Meta):
        model = Activity
        fields = ()


class ServiceHallTable(BaseTable):
    name = LinkColumn(verbose_name=_("名称"))
    village = area_column(_("村(社区)"), "village")
    opened_on = DateColumn(verbose_name=_("启用日期"))
    closed_on = DateColumn(verbose_name=_("停用日期"))

    class Meta(BaseTable.Meta):
        model = ServiceHall
        fields = ()


class ContactCardIssueTable(BaseTable):
    issued_on = LinkDateColumn(verbose_name=_("发放日期"))
    village = area_column(_("村(社区)"), "village")
    count = NumberColumn(verbose_name=_("发放张数"))
    note = tables.Column(verbose_name=_("备注"))

    class Meta(BaseTable.Meta):
        model = ContactCardIssue
        fields = ()


class ProxyMatterTable(BaseTable):
    accepted_on = LinkDateColumn(verbose_name=_("受理日期"))
    village = area_column(_("村(社区)"), "village")
    kind = tables.Column(verbose_name=_("事项类别"))
    description = tables.Column(verbose_name=_("事项内容"))
    outcome = tables.Column(verbose_name=_("办理结果"))

    class Meta(BaseTable.Meta):
        model = ProxyMatter
        fields = ()
