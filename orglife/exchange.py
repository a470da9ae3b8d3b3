"""Import/export spec of 组织换届 (dataexchange): terms, named by organization + term start. Each row goes
through the term page's form and service, so the due date and the refusal of a moved election hold."""
from ali_party.pillars import Pillar
from dataexchange.importer import Column, ImportSpec, NaturalKey
from dataexchange.specs import register

from .filters import TermFilter
from .forms import TermForm
from .models import Term
from .services import term_create, term_update


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
