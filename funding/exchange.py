"""Import/export specs of 基本保障's records (dataexchange): 资金拨付 (year + source + purpose +
village + document number) and 资金支出 (village + voucher number)."""
from django.core.exceptions import ValidationError

from ali_party.pillars import Pillar
from branches.models import Area
from dataexchange import cells
from dataexchange.importer import (
    RECORD, ChoiceCache, Column, ImportSpec, NaturalKey, area_labeler, area_names_by_path, default_labels,
)
from dataexchange.specs import register

from .filters import AllocationFilter, ExpenditureFilter
from .forms import AllocationForm, ExpenditureForm
from .models import Allocation, Expenditure
from .services import allocation_create, allocation_update, expenditure_create


@register
class AllocationSpec(ImportSpec):
    key = "allocations"
    label = "资金拨付"
    pillar = Pillar.FUNDING
    model = Allocation
    form_class = AllocationForm
    filterset_class = AllocationFilter
    export_select_related = ("source", "purpose", "village", "project")
    list_url_name = "funding:allocation_list"
    columns = [
        Column("年度", "year", "int", required=True, example=2022, width=8),
        Column("资金来源", "source", "fk", required=True, example="", width=18),
        Column("资金用途", "purpose", "fk", required=True, example="", width=18),
        Column("拨付金额(元)", "amount", "decimal", required=True, example="100000.00"),
        Column("受援村(社区)", "village", "fk", example="噶尔县/狮泉河镇/加木村", width=28,
               note="拨给集体经济项目时可不填"),
        Column("集体经济项目", "project", "fk", example="", width=20),
        Column("拨款文号", "document_no", example="阿地组发〔2022〕1号", width=20),
        Column("备注", "note", example="", width=24),
    ]
    natural_key = NaturalKey("year", "source", "purpose", "village", "document_no")

    def resolve_extra(self, values, data, ctx):
        # An allocation to a collective-economy project is named by the project's village when
        # the row leaves 受援村 blank.
        if values.get("village") is None and values.get("project") is not None:
            values["village"] = values["project"].village

    def describe(self, values):
        return f"{values.get('year') or ''}年 {values.get('purpose') or ''} {values.get('amount') or ''}元".strip()

    def create(self, *, actor, form, values, ctx):
        return allocation_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return allocation_update(actor=actor, allocation=obj, **form.cleaned_data)



@register
class ExpenditureSpec(ImportSpec):
    key = "expenditures"
    label = "资金支出"
    pillar = Pillar.FUNDING
    model = Expenditure
    form_class = ExpenditureForm
    filterset_class = ExpenditureFilter
    export_select_related = ("ledger__village", "allocation", "purpose")
    list_url_name = "funding:expenditure_list"
    columns = [
        Column("村(社区)", "village", "fk", required=True, example="噶尔县/狮泉河镇/加木村", width=28,
               form_field=False, export=lambda o: o.ledger.village),
        Column("拨款年度", "allocation_year", "int", required=True, example=2022, width=10, form_field=False,
               export=lambda o: o.allocation.year),
        Column("拨款文号", "allocation_document", example="阿地组发〔2022〕1号", width=20, form_field=False,
               export=lambda o: o.allocation.document_no),
        Column("支出用途", "purpose", "fk", required=True, example="", width=18),
        Column("支出日期", "spent_on", "date", required=True, example="2022-08-01"),
        Column("支出金额(元)", "amount", "decimal", required=True, example="2000.00"),
        Column("凭证号", "voucher_no", required=True, example="记-2022-001"),
        Column("摘要", "description", example="", width=24),
    ]
    natural_key = NaturalKey("village", "voucher_no", paths={"village": "ledger.village"})

    def extra_context(self, actor, ctx):
        villages = Area.objects.visible_to(actor).filter(level=Area.Level.VILLAGE)
        ctx["caches"]["_village"] = ChoiceCache(villages, area_labeler(area_names_by_path()))
        allocations = Allocation.objects.visible_to(actor).select_related("village", "purpose", "source")
        ctx["caches"]["allocation"] = ChoiceCache(allocations, default_labels)
        ctx["allocations"] = {}
        for allocation in ctx["caches"]["allocation"].by_pk.values():
            ctx["allocations"].setdefault(
                (allocation.village_id, allocation.year, allocation.purpose_id), []).append(allocation)

    def resolve_extra(self, values, data, ctx):
        village, year, purpose = values.get("village"), values.get("allocation_year"), values.get("purpose")
        if village is None or not year or purpose is None:
            return
        found = ctx["allocations"].get((village.pk, year, purpose.pk), [])
        document = values.get("allocation_document")
        if document:
            found = [a for a in found if a.document_no.strip() == document]
        record = values.get(RECORD)
        if record is not None and len(found) > 1 and record.allocation in found:
            found = [record.allocation]  # the expenditure's own allocation, among several alike
        if not found:
            raise cells.CellError(f"{village.name}没有{year}年度用于“{purpose}”的资金拨付"
                                  f"{'（文号' + document + '）' if document else ''}，或不在您的管辖范围内。")
        if len(found) > 1:
            raise cells.CellError(f"{village.name}{year}年度用于“{purpose}”的拨付有{len(found)}笔，请填写拨款文号区分。")
        values["allocation"] = found[0]
        data["allocation"] = str(found[0].pk)

    def existing_queryset(self, actor):
        return Expenditure.objects.visible_to(actor).select_related("ledger__village", "allocation", "purpose")

    def describe(self, values):
        return f"{values.get('voucher_no') or ''} {values.get('amount') or ''}元".strip()

    def create(self, *, actor, form, values, ctx):
        return expenditure_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        raise ValidationError("该凭证号的支出已经记账，导入不能修改已记账的支出；如需更正，请在页面上删除后重新记账。")
