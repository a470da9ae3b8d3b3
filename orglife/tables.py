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


class SecretaryAppraisalTable(BaseTable):
    organization = LinkColumn(verbose_name=_("党组织"), order_by=("organization__name",))
    area = area_column(_("所在区域"), "organization__area")
    year = tables.Column(verbose_name=_("考核年度"))
    secretary = tables.Column(verbose_name=_("书记"), empty_values=(), order_by=("secretary__name", "secretary_name"))
    grade = tables.Column(verbose_name=_("考核等次"))
    assessed_by = tables.Column(verbose_name=_("考核评议机关"))
    assessed_on = DateColumn(verbose_name=_("评定日期"))
    rectification_deadline = DateColumn(verbose_name=_("整改期限"))
    rectified_on = DateColumn(verbose_name=_("整改完成日期"))

    class Meta(BaseTable.Meta):
        model = models.SecretaryAppraisal
        fields = ()

    def render_secretary(self, record):
        return record.display_secretary or "—"

    def render_grade(self, record):
        return record.get_grade_display()
