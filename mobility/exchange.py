"""Import/export specs of 流动党员 (floating periods, named by the member's ID number and the day they
left), 失联党员 (named by the member and the day contact was lost) and 流入党员 (named by the branch,
the name and the day they arrived). ID numbers are exported masked, as everywhere else; each row goes
through the page's form and service."""
from ali_party.pillars import Pillar
from dataexchange.importer import Column, ImportSpec, NaturalKey
from dataexchange.specs import register

from .filters import FloatingFilter, IncomingFilter, LostContactFilter
from .forms import FloatingForm, IncomingForm, LostContactForm
from .models import FloatingPeriod, FloatingReason, FoundOutcome, IncomingMember, LostContact, LostReason
from .services import floating_create, floating_update, incoming_create, incoming_update, lost_create, lost_update
from cadres.models import Gender


def _member_columns():
    return [
        Column("党员身份证号码", "member", "member", required=True, example="542523199005010014", width=22,
               export=lambda o: o.member.masked_id_number, masked=True),
        Column("姓名", "member_name", example="扎西", form_field=False, export=lambda o: o.member.name,
               note="仅供核对，以身份证号码为准"),
        Column("所在党组织", "member_organization", example="加木村党支部", form_field=False, width=22,
               export=lambda o: o.member.organization.name, note="仅供核对"),
    ]


def _fields(form):
    return {name: value for name, value in form.cleaned_data.items() if name != "member"}


@register
class FloatingSpec(ImportSpec):
    key = "floating_periods"
    label = "流动党员登记"
    pillar = Pillar.PERSONNEL
    model = FloatingPeriod
    form_class = FloatingForm
    filterset_class = FloatingFilter
    export_select_related = ("member__organization",)
    list_url_name = "mobility:floating_list"
    columns = [
        *_member_columns(),
        Column("外出日期", "left_on", "date", required=True, example="2024-03-01"),
        Column("外出地点", "destination", required=True, example="拉萨市城关区", width=18),
        Column("流入地党组织", "destination_organization", example="", width=18),
        Column("外出原因", "reason", "choice", required=True, choices=FloatingReason.choices, example="务工经商"),
        Column("流动党员活动证号", "certificate_number", example="", width=18),
        Column("在外出地有固定住所或工作单位", "fixed_place", "bool", example="否", width=12),
        Column("返回日期", "returned_on", "date", example=""),
        Column("备注", "note", example="", width=20),
    ]
    natural_key = NaturalKey("member", "left_on", required=("member", "left_on"))

    def describe(self, values):
        member = values.get("member")
        return f"{member.name if member else ''} {values.get('left_on') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return floating_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return floating_update(actor=actor, floating=obj, **_fields(form))


@register
class LostContactSpec(ImportSpec):
    key = "lost_contacts"
    label = "失联党员"
    pillar = Pillar.PERSONNEL
    model = LostContact
    form_class = LostContactForm
    filterset_class = LostContactFilter
    export_select_related = ("member__organization",)
    list_url_name = "mobility:lost_list"
    columns = [
        *_member_columns(),
        Column("失去联系日期", "lost_since", "date", required=True, example="2024-01-10"),
        Column("失联原因", "reason", "choice", required=True, choices=LostReason.choices, example="外出务工经商失联",
               width=20),
        Column("查找联系情况", "search_efforts", example="", width=24),
        Column("恢复联系日期", "found_on", "date", example=""),
        Column("恢复联系后的处置", "outcome", "choice", choices=FoundOutcome.choices, example="", width=18),
        Column("备注", "note", example="", width=20),
    ]
    natural_key = NaturalKey("member", "lost_since", required=("member", "lost_since"))

    def describe(self, values):
        member = values.get("member")
        return f"{member.name if member else ''} {values.get('lost_since') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return lost_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return lost_update(actor=actor, lost=obj, **_fields(form))


@register
class IncomingSpec(ImportSpec):
    key = "incoming_members"
    label = "流入党员"
    pillar = Pillar.PERSONNEL
    model = IncomingMember
    form_class = IncomingForm
    filterset_class = IncomingFilter
    export_select_related = ("organization__area",)
    list_url_name = "mobility:incoming_list"
    columns = [
        Column("姓名", "name", required=True, example="格桑"),
        Column("性别", "gender", "choice", required=True, choices=Gender.choices, example="男"),
        Column("流出地党组织", "origin_organization", required=True, example="日喀则市某村党支部", width=22),
        Column("流动党员活动证号", "certificate_number", example="", width=18),
        Column("流入日期", "arrived_on", "date", required=True, example="2024-05-01"),
        Column("离开日期", "left_on", "date", example=""),
        Column("参加组织生活的党组织", "organization", "fk", required=True, example="加木村党支部", width=22,
               export=lambda o: o.organization.name),
        Column("备注", "note", example="", width=20),
    ]
    natural_key = NaturalKey("organization", "name", "arrived_on")

    def describe(self, values):
        return f"{values.get('name') or ''} {values.get('arrived_on') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return incoming_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return incoming_update(actor=actor, incoming=obj, **form.cleaned_data)
