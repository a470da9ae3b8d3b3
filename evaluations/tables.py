"""The list tables of the basic-system pillar (ali_party.tables)."""
import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable, DateColumn, EditColumn, LinkColumn, NumberColumn

from .models import (
    EvaluationCampaign, FiveGoals, FollowUp, HeartToHeartTalk, OrganizationLifeMeeting, RecordBookIssue, Reminder,
)


def _organization(accessor="organization", **kwargs):
    return tables.Column(verbose_name=_("党组织"), accessor=f"{accessor}__name", order_by=(f"{accessor}__name",),
                         **kwargs)


def _area(accessor="organization__area"):
    """The organization's place by its own name (as the list showed it), sorted by the tree."""
    return tables.Column(verbose_name=_("所在区域"), accessor=f"{accessor}__name", order_by=(f"{accessor}__path",))


class MeetingTable(BaseTable):
    held_on = DateColumn(verbose_name=_("日期"))
    kind = tables.Column(verbose_name=_("类型"), order_by=("kind__order", "kind__pk"))
    topic = LinkColumn(verbose_name=_("主题"))
    organization = _organization()
    area = _area()
    expected_count = NumberColumn(verbose_name=_("应到"))
    present_count = NumberColumn(verbose_name=_("实到"))
    # `absent` is annotated by the list (expected − present), so that the database can sort by it.
    absent_count = NumberColumn(verbose_name=_("缺席"), order_by=("absent",))

    class Meta(BaseTable.Meta):
        model = OrganizationLifeMeeting
        fields = ()

    def render_kind(self, record):
        if record.kind.is_nine_ones:
            return format_html('{} <span class="badge text-bg-light">{}</span>', record.kind, _("九个一"))
        return str(record.kind)  # the catalogue name in the active language (ali_party.catalogue)


class RecordBookTable(BaseTable):
    year = tables.Column(verbose_name=_("年度"))
    organization = _organization()
    area = _area()
    books = NumberColumn(verbose_name=_("记录本(册)"))
    boards = NumberColumn(verbose_name=_("提醒提示牌(个)"))
    # `items` is annotated by the list (books + boards).
    total = NumberColumn(verbose_name=_("合计"), order_by=("items",))
    issued_on = DateColumn(verbose_name=_("发放日期"))
    edit = EditColumn("evaluations:recordbook_update")

    class Meta(BaseTable.Meta):
        model = RecordBookIssue
        fields = ()


def _flag(verbose_name):
    return tables.BooleanColumn(verbose_name=verbose_name, yesno="✔,✘")


class FiveGoalsTable(BaseTable):
    year = tables.Column(verbose_name=_("年度"))
    organization = _organization()
    area = _area()
    has_plan = _flag(_("年度有计划"))
    has_bulletin = _flag(_("工作有简报"))
    has_records = _flag(_("支部有记录"))
    has_attendance_register = _flag(_("考勤有登记"))
    has_notes = _flag(_("个人有笔记"))
    # How many of the five: computed from the five flags, sorted by them instead (not a column of its own).
    achieved = tables.Column(verbose_name=_("达成"), accessor="pk", orderable=False)
    edit = EditColumn("evaluations:fivegoals_update")

    class Meta(BaseTable.Meta):
        model = FiveGoals
        fields = ()

    def render_achieved(self, record):
        if record.achieved:
            return format_html('<span class="badge text-bg-success">{}</span>', _("全部达成"))
        return f"{record.achieved_count}/5"


class CampaignTable(BaseTable):
    year = LinkColumn(verbose_name=_("评议年度"))
    organization = _organization(linkify=lambda record: record.get_absolute_url())
    area = _area()
    result_count = NumberColumn(verbose_name=_("评议结果数"))
    status = tables.Column(verbose_name=_("状态"))

    class Meta(BaseTable.Meta):
        model = EvaluationCampaign
        fields = ()

    def render_status(self, record, value):
        badge = "text-bg-secondary" if record.is_closed else "text-bg-success"
        return format_html('<span class="badge {}">{}</span>', badge, value)


class FollowUpTable(BaseTable):
    year = tables.Column(verbose_name=_("评议年度"), accessor="result__year")
    member = tables.Column(verbose_name=_("党员"), accessor="result__member__name")
    organization = _organization("result__campaign__organization")
    measure = tables.Column(verbose_name=_("处置措施"))
    status = tables.Column(verbose_name=_("状态"))
    opened_on = DateColumn(verbose_name=_("启动日期"))
    closed_on = DateColumn(verbose_name=_("办结日期"))
    edit = EditColumn("evaluations:followup_update", _("办理"))

    class Meta(BaseTable.Meta):
        model = FollowUp
        fields = ()


class ReminderTable(BaseTable):
    organization = _organization()
    area = _area()
    item_name = tables.Column(verbose_name=_("事项"))
    period = tables.Column(verbose_name=_("周期"), accessor="period_start", order_by=("period_start", "period_end"))
    done = NumberColumn(verbose_name=_("已完成/要求"), order_by=("done", "required"))
    created_at = tables.DateTimeColumn(verbose_name=_("提醒时间"), format="Y-m-d H:i")

    class Meta(BaseTable.Meta):
        model = Reminder
        fields = ()
        empty_text = _("无提醒")

    def render_period(self, record):
        return f"{record.period_start.isoformat()} ~ {record.period_end.isoformat()}"

    def render_done(self, record):
        return f"{record.done}/{record.required}"

    def render_item_name(self, value):
        return gettext(value)


class TalkTable(BaseTable):
    held_on = DateColumn(verbose_name=_("日期"))
    organization = _organization()
    initiator = tables.Column(verbose_name=_("谈话人"), accessor="pk", order_by=("initiator__name", "initiator_name"))
    counterparts = tables.Column(verbose_name=_("谈话对象"), accessor="pk", orderable=False)
    topic = tables.Column(verbose_name=_("主题"))
    edit = EditColumn("evaluations:talk_update")

    class Meta(BaseTable.Meta):
        model = HeartToHeartTalk
        fields = ()

    def render_initiator(self, record):
        return record.initiator_display or "—"

    def render_counterparts(self, record):
        names = [person.name for person in record.counterparts.all()]
        if record.counterpart_names:
            names.append(record.counterpart_names)
        return "、".join(names) or "—"


BEHIND = """{% load i18n %}{% for item in record.behind %}<span class="badge text-bg-light border me-1">{% translate item.name %} · {{ item.period_label }}：{{ item.done }}/{{ item.required }}</span>{% endfor %}"""


class ComplianceTable(BaseTable):
    """The organizations behind on a required frequency (evaluations.selectors.compliance, computed in
    Python: sorted in memory)."""

    organization = _organization()
    area = _area()
    behind = tables.TemplateColumn(BEHIND, verbose_name=_("未达标事项(周期：已完成/要求)"), orderable=False)

    class Meta(BaseTable.Meta):
        empty_text = _("全部达标")
