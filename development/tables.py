import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable, DateColumn


class OverdueTable(BaseTable):
    """The overdue items (development.selectors.OverdueItem, computed in Python: sorted in memory)."""

    name = tables.Column(verbose_name=_("姓名"), accessor="member__name",
                         linkify=lambda record: reverse("development:member_record", args=[record.member.pk]))
    organization = tables.Column(verbose_name=_("所在党组织"), accessor="member__organization__name")
    area = tables.Column(verbose_name=_("所在区域"), accessor="member__organization__area__name")
    stage = tables.Column(verbose_name=_("当前阶段"), accessor="member__stage")
    kind = tables.Column(verbose_name=_("类别"), accessor="kind_label", order_by=("kind",))
    text = tables.Column(verbose_name=_("说明"), orderable=False)
    due_on = DateColumn(verbose_name=_("应完成日期"))
    done_on = DateColumn(verbose_name=_("实际完成日期"), default="—")

    def render_stage(self, record):
        return record.member.get_stage_display()
