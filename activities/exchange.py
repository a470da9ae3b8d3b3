"""Import/export spec of 基本活动's records (dataexchange): 活动, named by kind + date + organization +
village."""
from ali_party.pillars import Pillar
from dataexchange.importer import Column, ImportSpec, NaturalKey
from dataexchange.specs import register

from .filters import ActivityFilter
from .forms import ActivityForm
from .models import Activity
from .services import activity_create, activity_update


@register
class ActivitySpec(ImportSpec):
    key = "activities"
    label = "活动"
    pillar = Pillar.ACTIVITIES
    model = Activity
    form_class = ActivityForm
    filterset_class = ActivityFilter
    export_select_related = ("kind", "organization", "village")
    list_url_name = "activities:activity_list"
    columns = [
        Column("活动类型", "kind", "fk", required=True, example="", width=22),
        Column("活动日期", "held_on", "date", required=True, example="2022-06-18"),
        Column("组织单位(党组织)", "organization", "fk", required=True, example="加木村党支部", width=24,
               export=lambda o: o.organization.name),
        Column("活动村(社区)", "village", "fk", required=True, example="噶尔县/狮泉河镇/加木村", width=28),
        Column("参加人数", "participants", "int", example=30, width=10),
        Column("参加人次", "person_times", "int", example=30, width=10),
        Column("解决急难愁盼问题(件)", "problems_solved", "int", example=2, width=12),
        Column("简要说明", "note", example="", width=30),
    ]
    natural_key = NaturalKey("kind", "held_on", "organization", "village")

    def describe(self, values):
        return f"{values.get('held_on') or ''} {values.get('kind') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return activity_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return activity_update(actor=actor, activity=obj, **form.cleaned_data)
