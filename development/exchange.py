"""Import/export spec of the development steps (dataexchange): one row per member and step, named by
the member's ID number (exported masked, as everywhere) and the step number. Each row goes through
the step form and service of the member's record page, so the order of the steps, the stage dates
and the training minimum hold."""
from ali_party.pillars import Pillar
from cadres.models import PartyMember
from dataexchange.importer import ChoiceCache, Column, ImportSpec, NaturalKey, member_labels
from dataexchange.specs import register

from . import steps as catalogue
from .forms import StepRowForm
from .models import DevelopmentStep
from .services import step_record, step_update


@register
class DevelopmentStepSpec(ImportSpec):
    key = "development_steps"
    label = "发展党员步骤"
    pillar = Pillar.PERSONNEL
    model = DevelopmentStep
    form_class = StepRowForm
    export_select_related = ("member__organization",)
    list_url_name = "development:overdue"
    columns = [
        Column("党员身份证号码", "member", "member", required=True, example="542523199005010014", width=22,
               export=lambda o: o.member.masked_id_number, masked=True),
        Column("姓名", "member_name", example="扎西", form_field=False, export=lambda o: o.member.name,
               note="仅供核对，以身份证号码为准"),
        Column("所在党组织", "organization", example="加木村党支部", form_field=False, width=22,
               export=lambda o: o.member.organization.name, note="仅供核对"),
        Column("步骤序号", "step", "int", required=True, example=2, width=8, export=lambda o: o.step,
               note="1至25，见《中国共产党发展党员工作细则》"),
        Column("步骤名称", "step_name", example="党组织派人谈话", form_field=False, width=22,
               export=lambda o: str(catalogue.BY_NUMBER[o.step].name), note="仅供核对，以步骤序号为准"),
        Column("完成日期", "done_on", "date", required=True, example="2022-03-20"),
        Column("经办人", "handled_by", required=True, example="支部书记 次仁", width=16),
        Column("培训天数", "training_days", "int", example="", width=8, note="仅第11步填写"),
        Column("培训学时", "training_hours", "int", example="", width=8, note="仅第11步填写"),
        Column("备注", "note", example="", width=24),
    ]
    natural_key = NaturalKey("member", "step", required=("member", "step"))

    def extra_context(self, actor, ctx):
        members = PartyMember.objects.visible_to(actor).only("pk", "name", "id_number_hash")
        ctx["caches"]["member"] = ChoiceCache(members, member_labels)

    def describe(self, values):
        member = values.get("member")
        return f"{member.name if member else ''} {values.get('step') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return step_record(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return step_update(actor=actor, step_row=obj, **form.cleaned_data)
