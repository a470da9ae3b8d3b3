"""The list tables of the basic-team pillar (ali_party.tables). ID numbers and phones are shown
masked and cannot be sorted (they are stored encrypted: an order would leak nothing useful and
could not be computed by the database anyway)."""
import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable, DateColumn, LinkColumn, NumberColumn, YesNoColumn, area_column

from .dates import age_on
from .models import LanguageTrainingSession, OrganizationTransfer, PartyMember, SentCadre, TwoCommitteeMember

MONO = {"td": {"class": "font-monospace text-nowrap"}}


def _period(start, end):
    return f"{start.isoformat()} — {end.isoformat() if end else _('至今')}"


class MemberTable(BaseTable):
    name = LinkColumn(verbose_name=_("姓名"), attrs={"td": {"class": "text-nowrap"}})
    gender = tables.Column(verbose_name=_("性别"))
    ethnicity = tables.Column(verbose_name=_("民族"))
    # Older first when sorted up by age: the birth date the other way round.
    age = tables.Column(verbose_name=_("年龄"), accessor="birth_date", order_by=("-birth_date",))
    masked_id_number = tables.Column(verbose_name=_("身份证号码"), orderable=False, attrs=MONO)
    masked_phone = tables.Column(verbose_name=_("联系电话"), orderable=False, attrs=MONO)
    occupation = tables.Column(verbose_name=_("职业类别"))
    organization = tables.Column(verbose_name=_("所在党组织"), order_by=("organization__name",))
    stage = tables.Column(verbose_name=_("发展阶段"))
    status = tables.Column(verbose_name=_("党籍状态"))

    class Meta(BaseTable.Meta):
        model = PartyMember
        fields = ()

    def render_age(self, value):
        return age_on(value, timezone.localdate())


class TransferTable(BaseTable):
    transferred_on = DateColumn(verbose_name=_("转接日期"))
    member = tables.Column(verbose_name=_("党员"), accessor="member__name", order_by=("member__name",),
                           linkify=lambda record: record.member.get_absolute_url())
    from_organization = tables.Column(verbose_name=_("转出党组织"), order_by=("from_organization__name",))
    to_organization = tables.Column(verbose_name=_("转入党组织"), order_by=("to_organization__name",))
    note = tables.Column(verbose_name=_("备注"))

    class Meta(BaseTable.Meta):
        model = OrganizationTransfer
        fields = ()


class CommitteeTable(BaseTable):
    name = LinkColumn(verbose_name=_("姓名"))
    gender = tables.Column(verbose_name=_("性别"))
    village = area_column(_("村(社区)"), "village")
    committee = tables.Column(verbose_name=_("所在班子"))
    post = tables.Column(verbose_name=_("职务"))
    # Derived from the linked member's stage (a probationary or full member): not a column to sort.
    is_party_member = YesNoColumn(verbose_name=_("是否党员"), accessor="is_party_member", orderable=False,
                                  empty_values=())
    term = tables.Column(verbose_name=_("任期"), accessor="term_start", order_by=("term_start", "term_end"))

    class Meta(BaseTable.Meta):
        model = TwoCommitteeMember
        fields = ()

    def render_term(self, record):
        return _period(record.term_start, record.term_end)


class CadreTable(BaseTable):
    name = LinkColumn(verbose_name=_("姓名"))
    force = tables.Column(verbose_name=_("力量类别"))
    sending_unit = tables.Column(verbose_name=_("派出单位"))
    village = area_column(_("驻村(社区)"), "village")
    masked_phone = tables.Column(verbose_name=_("联系电话"), orderable=False, attrs=MONO)
    period = tables.Column(verbose_name=_("驻村期间"), accessor="started_on", order_by=("started_on", "ended_on"))
    problems = NumberColumn(verbose_name=_("解决问题"), default=0)
    talks = NumberColumn(verbose_name=_("政策宣讲"), default=0)

    class Meta(BaseTable.Meta):
        model = SentCadre
        fields = ()

    def render_period(self, record):
        return _period(record.started_on, record.ended_on)


class TrainingTable(BaseTable):
    title = LinkColumn(verbose_name=_("培训名称"))
    area = area_column(_("举办地"), "area")
    organizer = tables.Column(verbose_name=_("主办单位"))
    started_on = DateColumn(verbose_name=_("开班日期"))
    ended_on = DateColumn(verbose_name=_("结业日期"))
    attendance = NumberColumn(verbose_name=_("参训人次"))

    class Meta(BaseTable.Meta):
        model = LanguageTrainingSession
        fields = ()


TIME_CONDITION = """{% load i18n %}{% with row=record %}{% if row.days_left > 0 %}{% blocktranslate count days=row.days_left %}还需 {{ days }} 天{% plural %}还需 {{ days }} 天{% endblocktranslate %}{% elif row.days_left == 0 %}{% translate "今天期满" %}{% else %}{% blocktranslate count days=row.days_allowed %}已满 {{ days }} 天{% plural %}已满 {{ days }} 天{% endblocktranslate %}{% endif %}{% endwith %}"""
BLOCKERS = """{% load i18n %}{% for b in record.blockers %}<div class="small">{{ b }}</div>{% empty %}<span class="text-success small">{% translate "无，可以办理" %}</span>{% endfor %}"""
ADVANCE = """{% load i18n %}{% if can_write and record.is_ready %}<a class="btn btn-sm btn-outline-danger" href="{% url 'cadres:member_advance' record.member.pk %}">{% translate "推进" %}</a>{% endif %}"""

DEVELOPMENT_RECORD = """{% load i18n %}<a class="text-nowrap" href="{% url 'development:member_record' record.member.pk %}">{% translate "发展纪实" %}</a>"""


def _pipeline_row_class(record):
    if record.is_ready:
        return "table-success"
    return "table-warning" if record.days_left <= 30 else ""


class PipelineTable(BaseTable):
    """The candidates of the procedure (cadres.selectors.PipelineRow, computed in Python: sorted in
    memory; the rows keep the selector's order when they tie)."""

    name = tables.Column(verbose_name=_("姓名"), accessor="member__name",
                         linkify=lambda record: record.member.get_absolute_url())
    organization = tables.Column(verbose_name=_("所在党组织"), accessor="member__organization",
                                 order_by=("member__organization__name",))
    stage = tables.Column(verbose_name=_("当前阶段"), accessor="member__stage")
    next_stage = tables.Column(verbose_name=_("下一步"), accessor="next_stage_label", order_by=("next_stage",))
    earliest_on = DateColumn(verbose_name=_("最早可办理"))
    days_left = tables.TemplateColumn(TIME_CONDITION, verbose_name=_("时间条件"),
                                      attrs={"td": {"class": "text-nowrap"}})
    blockers = tables.TemplateColumn(BLOCKERS, verbose_name=_("阻碍"), orderable=False)
    advance = tables.TemplateColumn(ADVANCE, verbose_name="", orderable=False)
    # The member's 25 steps (development app), by URL name only: no import of the app.
    development = tables.TemplateColumn(DEVELOPMENT_RECORD, verbose_name="", orderable=False)

    class Meta(BaseTable.Meta):
        row_attrs = {"class": _pipeline_row_class}

    def render_stage(self, record):
        return record.member.get_stage_display()
