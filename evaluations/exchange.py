"""Import/export specs of 基本制度's records (dataexchange): 组织生活会议 (organization + kind + date)
and 民主评议党员结果 (member + year)."""
import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ali_party.pillars import Pillar
from branches.models import PartyOrganization
from cadres.models import PartyMember
from dataexchange import cells
from dataexchange.filters import ExportAreaFilterSet
from dataexchange.importer import ChoiceCache, Column, ImportSpec, NaturalKey, organization_labels
from dataexchange.specs import register

from .filters import MeetingFilter
from .forms import MeetingForm, ResultForm
from .models import EvaluationCampaign, EvaluationResult, OrganizationLifeMeeting, Rating
from .services import meeting_create, meeting_update, result_create, result_update


class EvaluationResultFilter(ExportAreaFilterSet):
    """The export's filter (the results have no list page of their own)."""

    rating = django_filters.ChoiceFilter(label=_("评定等次"), choices=Rating.choices)

    class Meta:
        model = EvaluationResult
        fields = ["year", "rating", "area"]


@register
class MeetingSpec(ImportSpec):
    key = "meetings"
    label = "组织生活会议"
    pillar = Pillar.SYSTEMS
    model = OrganizationLifeMeeting
    form_class = MeetingForm
    filterset_class = MeetingFilter
    export_select_related = ("organization", "kind")
    list_url_name = "evaluations:meeting_list"
    columns = [
        Column("党组织", "organization", "fk", required=True, example="加木村党支部", width=24,
               export=lambda o: o.organization.name),
        Column("类型", "kind", "fk", required=True, example="", width=16),
        Column("召开日期", "held_on", "date", required=True, example="2022-03-05"),
        Column("主题", "topic", required=True, example="学习党的二十大精神", width=30),
        Column("应到人数", "expected_count", "int", example=25, width=10),
        Column("实到人数", "present_count", "int", example=23, width=10),
        Column("会议记录", "minutes", example="", width=30),
    ]
    natural_key = NaturalKey("organization", "kind", "held_on")

    def describe(self, values):
        return f"{values.get('held_on') or ''} {values.get('topic') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return meeting_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return meeting_update(actor=actor, meeting=obj, **form.cleaned_data)



@register
class EvaluationResultSpec(ImportSpec):
    key = "evaluation_results"
    label = "民主评议党员结果"
    pillar = Pillar.SYSTEMS
    model = EvaluationResult
    form_class = ResultForm
    filterset_class = EvaluationResultFilter
    export_select_related = ("member", "campaign__organization")
    list_url_name = "evaluations:campaign_list"
    columns = [
        Column("党组织", "campaign_organization", "fk", required=True, example="加木村党支部", width=24,
               form_field=False, export=lambda o: o.campaign.organization.name,
               stored=lambda o: o.campaign.organization),
        Column("评议年度", "year", "int", required=True, example=2022, width=10, form_field=False),
        Column("姓名", "member_name", example="次仁", form_field=False, export=lambda o: o.member.name),
        Column("身份证号码", "member", "member", required=True, example="542523199005010014", width=22,
               export=lambda o: o.member.masked_id_number, masked=True),
        Column("评定等次", "rating", "choice", required=True, choices=Rating.choices, example="合格"),
        Column("备注", "note", example="", width=24),
    ]
    natural_key = NaturalKey("member", "year", required=("member",))
    form_needs = ("campaign",)  # make_form builds the result form of the row's campaign

    def extra_context(self, actor, ctx):
        organizations = PartyOrganization.objects.visible_to(actor).select_related("area")
        ctx["caches"]["_campaign_organization"] = ChoiceCache(organizations, organization_labels)
        ctx["caches"]["member"] = ChoiceCache(
            PartyMember.objects.visible_to(actor).select_related("organization__area"),
            lambda m: [m.id_number_hash])
        ctx["campaigns"] = {(c.organization_id, c.year): c for c in
                            EvaluationCampaign.objects.visible_to(actor).select_related("organization__area")}

    def resolve_extra(self, values, data, ctx):
        organization, year = values.get("campaign_organization"), values.get("year")
        if organization is None or not year:
            return
        campaign = ctx["campaigns"].get((organization.pk, year))
        if campaign is None:
            raise cells.CellError(f"{organization.name}尚未建立{year}年度民主评议活动，请先在“民主评议”页面新建。")
        values["campaign"] = campaign
        member, name = values.get("member"), values.get("member_name")
        if member is not None and name and member.name != name:
            raise cells.CellError(f"姓名“{name}”与身份证号码登记的姓名不一致，请核对。")

    def make_form(self, data, instance, actor, ctx, values):
        campaign = values["campaign"]
        form = ResultForm(data, campaign=campaign)
        cache = ctx["caches"]["member"]

        def to_python(value, field=form.fields["member"]):
            member = cache.by_pk.get(int(value)) if str(value).isdigit() else None
            if member is None or member.organization_id != campaign.organization_id:
                raise ValidationError("该党员不在此党组织，不能登记此次评议的结果。")
            return member
        form.fields["member"].to_python = to_python
        return form

    def prototype(self, actor, ctx):
        return None

    def existing_queryset(self, actor):
        return EvaluationResult.objects.visible_to(actor).select_related("campaign__organization__area", "member")

    def before_update(self, obj, values):
        # The result page changes the rating and the note only; a row naming the record by 系统编号
        # with another campaign or member would otherwise be "unchanged" in silence.
        if values["campaign"].pk != obj.campaign_id or values["member"].pk != obj.member_id:
            raise ValidationError("党组织、评议年度或身份证号码与系统中该条评议结果不同：导入只能修改评定等次和备注；"
                                  "其他内容请在“民主评议”页面修改。")

    def describe(self, values):
        member = values.get("member")
        return f"{member.name if member else ''} {values.get('year') or ''}年".strip()

    def create(self, *, actor, form, values, ctx):
        data = form.cleaned_data
        return result_create(actor=actor, campaign=values["campaign"], member=data["member"],
                             rating=data["rating"], note=data["note"])

    def update(self, *, actor, obj, form, values, ctx):
        data = form.cleaned_data
        return result_update(actor=actor, result=obj, rating=data["rating"], note=data["note"])
