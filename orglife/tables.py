"""The list tables of the organization lifecycle (ali_party.tables)."""
import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable, DateColumn, LinkColumn, area_column

from . import models


class TermTable(BaseTable):
    organization = LinkColumn(verbose_name=_("党组织"), order_by=("organization__name",))
    area = area_column(_("所在区域"), "organization__area")
    number = tables.Column(verbose_name=_("届次"))
    election_date = DateColumn(verbose_name=_("选举日期"))
    start_date = DateColumn(verbose_name=_("任期开始日期"))
    due_on = DateColumn(verbose_name=_("任期届满日期"))
    ended_on = DateColumn(verbose_name=_("任期结束日期"))

    class Meta(BaseTable.Meta):
        model = models.Term
        fields = ()


class DueTermTable(BaseTable):
    """应换届未换届 and 换届提醒: the terms in office and their due dates."""

    organization = LinkColumn(verbose_name=_("党组织"), order_by=("organization__name",))
    area = area_column(_("所在区域"), "organization__area")
    kind = tables.Column(verbose_name=_("组织类型"), accessor="organization__kind",
                         order_by=("organization__kind",))
    start_date = DateColumn(verbose_name=_("任期开始日期"))
    due_on = DateColumn(verbose_name=_("任期届满日期"))

    class Meta(BaseTable.Meta):
        model = models.Term
        fields = ()

    def render_kind(self, record):
        return record.organization.get_kind_display()


class OverdueTermTable(DueTermTable):
    due_on = DateColumn(verbose_name=_("任期届满日期"), attrs={"td": {"class": "text-nowrap text-danger"}})
