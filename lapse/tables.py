"""The list table of the lapse warnings (ali_party.tables)."""
import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable, DateColumn, area_column

from . import models


class LapseWarningTable(BaseTable):
    organization = tables.Column(verbose_name=_("党组织"), accessor="organization__name",
                                 order_by=("organization__name",))
    area = area_column(_("所在区域"), "organization__area")
    member = tables.Column(verbose_name=_("党员"), accessor="member__name", linkify=lambda record:
                           record.member.get_absolute_url(), order_by=("member__name",))
    kind = tables.Column(verbose_name=_("预警类型"))
    months = tables.Column(verbose_name=_("连续月数"), attrs={"td": {"class": "text-nowrap"}})
    first_month = DateColumn(verbose_name=_("起始月份"), format="Y-m")
    last_month = DateColumn(verbose_name=_("最近月份"), format="Y-m")

    class Meta(BaseTable.Meta):
        model = models.LapseWarning
        fields = ()
