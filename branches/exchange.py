"""Import/export spec of 基本组织's records (dataexchange): 党组织, named by name + area."""
from ali_party.pillars import Pillar
from dataexchange.importer import YES_NO, Column, ImportSpec, NaturalKey
from dataexchange.specs import register

from .filters import PartyOrganizationFilter
from .forms import PartyOrganizationForm
from .models import PartyOrganization
from .services import organization_create, organization_update


def _org_name(obj):
    return obj.name if obj else ""


@register
class OrganizationSpec(ImportSpec):
    key = "organizations"
    label = "党组织"
    pillar = Pillar.ORGANIZATION
    model = PartyOrganization
    form_class = PartyOrganizationForm
    filterset_class = PartyOrganizationFilter
    export_select_related = ("area", "parent")
    list_url_name = "branches:organization_list"
    columns = [
        Column("组织名称", "name", required=True, example="加木村党支部", width=24),
        Column("组织类型", "kind", "choice", required=True, choices=PartyOrganization.Kind.choices, example="党支部"),
        Column("所在区域", "area", "fk", required=True, example="噶尔县/狮泉河镇/加木村", width=28,
               note="写“县/乡镇/村”，或在本县内不重名时只写村名"),
        Column("上级党组织", "parent", "fk", example="", width=24, export=lambda o: _org_name(o.parent)),
        Column("所在单位", "unit_name", example=""),
        Column("成立日期", "founded_on", "date", example="2018-07-01"),
        Column("易地搬迁点党组织", "at_relocation_site", "bool", choices=YES_NO, example="否"),
        Column("抵边搬迁安置点党组织", "at_border_resettlement_site", "bool", choices=YES_NO, example="否"),
    ]
    natural_key = NaturalKey("name", "area")

    def create(self, *, actor, form, values, ctx):
        return organization_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return organization_update(actor=actor, organization=obj, **form.cleaned_data)
