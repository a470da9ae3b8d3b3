"""The list tables of the basic-organization pillar (ali_party.tables)."""
import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable, DateColumn, EditColumn, LinkColumn, NumberColumn, area_column

from . import selectors
from .models import Assessment, Designation, Measure, PartyOrganization, ProgrammeEnrollment, Rectification

class OrganizationTable(BaseTable):
    name = LinkColumn(verbose_name=_("组织名称"))
    kind = tables.Column(verbose_name=_("类型"))
    area = area_column(_("所在区域"), "area")
    parent = tables.Column(verbose_name=_("上级党组织"), order_by=("parent__name",))
    full_member_count = NumberColumn(verbose_name=_("正式党员"))
    member_count = NumberColumn(verbose_name=_("党员"))
    status = tables.Column(verbose_name=_("状态"))
    warnings = tables.Column(verbose_name=_("结构预警"), accessor="pk", orderable=False)

    class Meta(BaseTable.Meta):
        model = PartyOrganization
        fields = ()

    def render_name(self, record, value):
        badges = [label for flag, label in ((record.at_relocation_site, _("易地搬迁点")),
                                            (record.at_border_resettlement_site, _("抵边搬迁安置点"))) if flag]
        return format_html('<a href="{}">{}</a>{}', record.get_absolute_url(), value, format_html_join(
            "", ' <span class="badge text-bg-info">{}</span>', ((label,) for label in badges)))

    def render_warnings(self, record):
        warnings = selectors.structure_warnings(record)
        if not warnings:
            return format_html('<span class="text-muted">{}</span>', "—")
        return format_html_join(" ", '<span class="badge text-bg-warning">{}</span>', ((w,) for w in warnings))


class RectificationTable(BaseTable):
    year = LinkColumn(verbose_name=_("认定年度"))
    organization = LinkColumn(verbose_name=_("党组织"), order_by=("organization__name",))
    area = area_column(_("所在区域"), "organization__area")
    source = tables.Column(verbose_name=_("排查方式"))
    categories = tables.Column(verbose_name=_("问题类别"), accessor="pk", orderable=False,
                               attrs={"td": {"class": "small"}})
    person_count = NumberColumn(verbose_name=_("责任人"))
    measure_count = NumberColumn(verbose_name=_("措施（未完成）"))
    status = tables.Column(verbose_name=_("状态"), order_by=("status", "closed_on"))

    class Meta(BaseTable.Meta):
        model = Rectification
        fields = ()

    def render_categories(self, record):
        return "；".join(str(category) for category in record.categories.all()) or "—"

    def render_measure_count(self, record):
        return f"{record.measure_count}（{record.open_measure_count}）"

    def render_status(self, record, value):
        return f"{value} {record.closed_on.isoformat()}" if record.closed_on else value


class OverdueMeasureTable(BaseTable):
    organization = tables.Column(verbose_name=_("党组织"), accessor="rectification__organization",
                                 order_by=("rectification__organization__name",),
                                 linkify=lambda record: record.rectification.get_absolute_url())
    area = area_column(_("所在区域"), "rectification__organization__area")
    description = tables.Column(verbose_name=_("整改措施"))
    owner = tables.Column(verbose_name=_("责任人"))
    deadline = DateColumn(verbose_name=_("完成时限"), attrs={"td": {"class": "text-danger text-nowrap"}})

    class Meta(BaseTable.Meta):
        model = Measure
        fields = ()
        empty_text = _("无逾期措施")


class AssessmentTable(BaseTable):
    year = tables.Column(verbose_name=_("年度"))
    organization = tables.Column(verbose_name=_("党组织"), order_by=("organization__name",), linkify=True)
    area = area_column(_("所在区域"), "organization__area")
    assessed_on = DateColumn(verbose_name=_("考核日期"))
    score = NumberColumn(verbose_name=_("得分"))
    passed = tables.Column(verbose_name=_("结果"))
    failed_items = tables.Column(verbose_name=_("未达标项目"), accessor="pk", orderable=False,
                                 attrs={"td": {"class": "small"}})

    class Meta(BaseTable.Meta):
        model = Assessment
        fields = ()

    def render_passed(self, value):
        if value:
            return format_html('<span class="badge text-bg-success">{}</span>', _("达标"))
        return format_html('<span class="badge text-bg-danger">{}</span>', _("未达标"))

    def value_passed(self, value):
        return _("达标") if value else _("未达标")

    def render_failed_items(self, record):
        return "；".join(f"{item.get_pillar_display()}：{item.name}" for item in record.failed_items.all()) or "—"


class DesignationTable(BaseTable):
    year = tables.Column(verbose_name=_("年度"))
    kind = tables.Column(verbose_name=_("类别"), order_by=("kind__order", "kind__name"))
    target = tables.Column(verbose_name=_("命名对象"), accessor="pk", order_by=("organization__name", "village__path"))
    area = area_column(_("所在区域"), "area")
    level = tables.Column(verbose_name=_("命名层级"))
    revoked_on = DateColumn(verbose_name=_("撤销命名"))
    edit = EditColumn("branches:designation_update")

    class Meta(BaseTable.Meta):
        model = Designation
        fields = ()

    def render_target(self, record):
        if record.organization_id:
            return format_html('<a href="{}">{}</a>', record.organization.get_absolute_url(), record.organization)
        return str(record.village) if record.village_id else "—"


PROGRESS = ('<div class="progress" role="progressbar" aria-valuenow="{{ value }}" aria-valuemin="0" '
            'aria-valuemax="100"><div class="progress-bar bg-danger" style="width: {{ value }}%">'
            '{{ value }}%</div></div>')


class ProgrammeTable(BaseTable):
    village = area_column(_("村(社区)"), "village")
    track = tables.Column(verbose_name=_("类型"))
    enrolled_year = tables.Column(verbose_name=_("纳入年度"))
    target_year = tables.Column(verbose_name=_("计划达标年度"))
    progress_percent = tables.TemplateColumn(PROGRESS, verbose_name=_("完成进度"),
                                             attrs={"th": {"style": "width:20%"}})
    status = tables.Column(verbose_name=_("状态"), order_by=("status", "achieved_on"))
    edit = EditColumn("branches:programme_update", _("更新进展"))

    class Meta(BaseTable.Meta):
        model = ProgrammeEnrollment
        fields = ()

    def render_status(self, record, value):
        return f"{value} {record.achieved_on.isoformat()}" if record.achieved_on else value
