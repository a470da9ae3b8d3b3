"""Import/export spec of 基本能力's records (dataexchange): 矛盾纠纷, named by village + found date +
description."""
from ali_party.pillars import Pillar
from dataexchange.importer import YES_NO, Column, ImportSpec, NaturalKey
from dataexchange.specs import register

from .filters import DisputeCaseFilter
from .forms import DisputeCaseForm
from .models import DisputeCase
from .services import dispute_case_create, dispute_case_update


@register
class DisputeCaseSpec(ImportSpec):
    key = "dispute_cases"
    label = "矛盾纠纷"
    pillar = Pillar.CAPACITY
    model = DisputeCase
    form_class = DisputeCaseForm
    filterset_class = DisputeCaseFilter
    export_select_related = ("village",)
    list_url_name = "capacity:case_list"
    columns = [
        Column("村(社区)", "village", "fk", required=True, example="噶尔县/狮泉河镇/加木村", width=28),
        Column("发现日期", "found_on", "date", required=True, example="2022-04-10"),
        Column("纠纷简况", "description", required=True, example="草场边界纠纷", width=30),
        Column("调处经过", "handling", example="村调委会组织双方协商", width=30),
        Column("已调处", "handled", "bool", choices=YES_NO, example="是", width=8),
        Column("调处日期", "handled_on", "date", example="2022-04-20"),
        Column("调处结果", "outcome", "choice", choices=DisputeCase.Outcome.choices, example="调解成功"),
    ]
    natural_key = NaturalKey("village", "found_on", "description")

    def describe(self, values):
        return f"{values.get('found_on') or ''} {values.get('description') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return dispute_case_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return dispute_case_update(actor=actor, case=obj, **form.cleaned_data)
