"""Import/export specs of orglife (dataexchange): terms, named by organization + term start, and the
secretaries' 述职评议考核, named by organization + year. Each row goes through the page's form and
service, so the due date, the refusal of a moved election and the follow-up rules hold."""
from ali_party.pillars import Pillar
from cadres.models import PartyMember
from dataexchange.importer import ChoiceCache, Column, ImportSpec, NaturalKey
from dataexchange.specs import register

from .filters import SecretaryAppraisalFilter, TermFilter
from .forms import SecretaryAppraisalForm, TermForm
from .models import AppraisalGrade, SecretaryAppraisal, Term
from .services import appraisal_create, appraisal_update, term_create, term_update


@register
class TermSpec(ImportSpec):
    key = "terms"
    label = "换届"
    pillar = Pillar.ORGANIZATION
    model = Term
    form_class = TermForm
    filterset_class = TermFilter
    export_select_related = ("organization__area",)
    list_url_name = "orglife:term_list"
    columns = [
        Column("党组织", "organization", "fk", required=True, example="加木村党支部", width=24,
               export=lambda o: o.organization.name),
        Column("届次", "number", "int", example=3, width=8),
        Column("选举日期", "election_date", "date", required=True, example="2021-05-01"),
        Column("任期开始日期", "start_date", "date", required=True, example="2021-05-01"),
        Column("批复机关", "approved_by", example="狮泉河镇党委", width=16),
        Column("批复文号", "approval_number", example="狮党复〔2021〕5号", width=18),
        Column("批复日期", "approved_on", "date", example="2021-05-10"),
        Column("提前或延期换届批准机关", "reschedule_approved_by", example="", width=18),
        Column("提前或延期换届批准文号", "reschedule_number", example="", width=18),
        Column("提前或延期换届批准日期", "reschedule_approved_on", "date", example=""),
        Column("备注", "note", example="", width=24),
    ]
    natural_key = NaturalKey("organization", "start_date")

    def describe(self, values):
        return f"{values.get('start_date') or ''}"

    def create(self, *, actor, form, values, ctx):
        return term_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return term_update(actor=actor, term=obj, **form.cleaned_data)


@register
class SecretaryAppraisalSpec(ImportSpec):
    """述职评议考核, named by organization + year. The secretary is named by ID number (among the
    organization's full members, as on the page) or typed in by name."""

    key = "secretary_appraisals"
    label = "述职评议考核"
    pillar = Pillar.SYSTEMS
    model = SecretaryAppraisal
    form_class = SecretaryAppraisalForm
    filterset_class = SecretaryAppraisalFilter
    export_select_related = ("organization__area", "secretary")
    list_url_name = "orglife:appraisal_list"
    columns = [
        Column("党组织", "organization", "fk", required=True, example="狮泉河镇党委", width=24,
               export=lambda o: o.organization.name),
        Column("考核年度", "year", "int", required=True, example=2023, width=10),
        Column("书记身份证号码", "secretary", "member", example="", width=22,
               export=lambda o: o.secretary.masked_id_number if o.secretary_id else "", masked=True),
        Column("书记姓名", "secretary_name", example="扎西", width=10),
        Column("述职报告摘要", "report_summary", required=True, example="全年召开党建工作专题会议4次……", width=40),
        Column("述职日期", "reported_on", "date", required=True, example="2024-01-10"),
        Column("考核等次", "grade", "choice", required=True, choices=AppraisalGrade.choices, example="较好"),
        Column("考核评议机关", "assessed_by", required=True, example="噶尔县委", width=16),
        Column("评定日期", "assessed_on", "date", required=True, example="2024-01-20"),
        Column("整改要求", "rectification_required", example="", width=30),
        Column("整改期限", "rectification_deadline", "date", example=""),
        Column("整改完成日期", "rectified_on", "date", example=""),
        Column("整改结果", "rectification_result", example="", width=30),
    ]
    natural_key = NaturalKey("organization", "year")

    def extra_context(self, actor, ctx):
        # The form's own secretary choices depend on the row's organization; the row's ID number is
        # looked up among the members in scope, and the form then checks it belongs there.
        ctx["caches"]["secretary"] = ChoiceCache(
            PartyMember.objects.visible_to(actor).select_related("organization__area"),
            lambda m: [m.id_number_hash])

    def describe(self, values):
        return f"{values.get('year') or ''}"

    def create(self, *, actor, form, values, ctx):
        return appraisal_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return appraisal_update(actor=actor, appraisal=obj, **form.cleaned_data)
