"""Per-record-kind import/export specs: columns, natural keys, and which form and service to use.

Natural keys (re-importing the same file updates instead of duplicating):
- 党组织: name + area;                      - 党员: ID number (through cadres' lookup hash);
- 两委成员: village + (member or name) + committee + term start;
- 语言测评: person + year;                   - 活动: kind + date + organization + village;
- 组织生活会议: organization + kind + date;   - 民主评议结果: member + year;
- 矛盾纠纷: village + found date + description;
- 资金拨付: year + source + purpose + village + document number;
- 支出: village + voucher number.
Lookups for existing records go through `visible_to(actor)`: a row naming another county's
record is not found there and, as on the web page, is refused by the form or the service.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from activities.filters import ActivityFilter
from activities.forms import ActivityForm
from activities.models import Activity
from activities.services import activity_create, activity_update
from branches.filters import PartyOrganizationFilter
from branches.forms import PartyOrganizationForm
from branches.models import Area, PartyOrganization
from branches.services import organization_create, organization_update
from cadres.ethnicity import Ethnicity
from cadres.filters import PartyMemberFilter, TwoCommitteeMemberFilter
from cadres.forms import LanguageAssessmentForm, PartyMemberForm, PartyMemberUpdateForm, TwoCommitteeMemberForm
from cadres.models import Gender, LanguageAssessment, LanguageLevel, PartyMember, TwoCommitteeMember
from cadres.models import id_number_lookup_hash
from cadres.selectors import branch_secretary_warning, secretary_posts_by_village
from cadres.validators import mask_id_number
from cadres.services import (
    committee_member_create, committee_member_update, language_assessment_create, language_assessment_delete,
    member_check_new, member_create, member_update, members_bulk_create, stored_id_hashes,
)
from capacity.filters import DisputeCaseFilter
from capacity.forms import DisputeCaseForm
from capacity.models import DisputeCase
from capacity.services import dispute_case_create, dispute_case_update
from evaluations.filters import MeetingFilter
from evaluations.forms import MeetingForm, ResultForm
from evaluations.models import EvaluationCampaign, EvaluationResult, OrganizationLifeMeeting, Rating
from evaluations.services import meeting_create, meeting_update, result_create, result_update
from funding.filters import AllocationFilter, ExpenditureFilter
from funding.forms import AllocationForm, ExpenditureForm
from funding.models import Allocation, Expenditure
from funding.services import allocation_create, allocation_update, expenditure_create

from . import cells
from .filters import EvaluationResultFilter, LanguageAssessmentFilter
from .importer import (
    ChoiceCache, Column, ImportSpec, area_labeler, area_names_by_path, bound_copy, default_labels,
)

YES_NO = [(True, "是"), (False, "否")]


def _pk(obj):
    return getattr(obj, "pk", None)


def _org_name(obj):
    return obj.name if obj else ""


# ---------------------------------------------------------------------------------------------
class OrganizationSpec(ImportSpec):
    key = "organizations"
    label = "党组织"
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

    def key_of_object(self, obj):
        return (obj.name.strip(), obj.area_id)

    def key_of_row(self, values):
        return (values.get("name") or "", _pk(values.get("area")))

    def create(self, *, actor, form, values, ctx):
        return organization_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return organization_update(actor=actor, organization=obj, **form.cleaned_data)


# ---------------------------------------------------------------------------------------------
class MemberSpec(ImportSpec):
    key = "members"
    label = "党员"
    model = PartyMember
    form_class = PartyMemberForm
    update_form_class = PartyMemberUpdateForm
    filterset_class = PartyMemberFilter
    export_select_related = ("organization__area",)
    list_url_name = "cadres:member_list"
    columns = [
        Column("姓名", "name", required=True, example="次仁"),
        Column("性别", "gender", "choice", required=True, choices=Gender.choices, example="男", width=8),
        Column("民族", "ethnicity", "choice", required=True, choices=Ethnicity.choices, example="藏族", width=10),
        Column("出生日期", "birth_date", "date", required=True, example="1990-05-01"),
        Column("身份证号码", "id_number", "idnumber", required=True, example="542523199005010014", width=22,
               export=lambda o: o.masked_id_number),
        Column("联系电话", "phone", example="", export=lambda o: o.masked_phone),
        Column("学历", "education", "choice", choices=PartyMember.Education.choices, example="高中/中专"),
        Column("职业类别", "occupation", "choice", choices=PartyMember.Occupation.choices, example="农牧民"),
        Column("所在党组织", "organization", "fk", required=True, example="加木村党支部", width=24,
               export=lambda o: o.organization.name),
        Column("发展阶段", "stage", "choice", required=True, choices=PartyMember.Stage.choices, example="正式党员"),
        Column("递交入党申请日期", "applied_on", "date", example="2012-03-01"),
        Column("确定为积极分子日期", "activist_on", "date", example="2012-09-01"),
        Column("确定为发展对象日期", "candidate_on", "date", example="2013-10-01"),
        Column("接收为预备党员日期", "admitted_on", "date", example="2014-07-01"),
        Column("转为正式党员日期", "full_member_on", "date", example="2015-07-01"),
        Column("党籍状态", "status", "choice", choices=PartyMember.Status.choices, example="正常"),
        Column("状态变更日期", "status_changed_on", "date", example=""),
    ]

    def key_of_object(self, obj):
        return obj.id_number_hash

    def key_of_row(self, values):
        number = values.get("id_number")
        return id_number_lookup_hash(number) if number else None

    def describe(self, values):
        masked = mask_id_number(values.get("id_number") or "")
        return f"{values.get('name') or ''} {masked}".strip()

    def before_update(self, obj, values):
        organization = values.get("organization")
        if organization is not None and organization.pk != obj.organization_id:
            raise ValidationError({"organization": "所在党组织与系统中不同：变更组织关系请办理组织关系转接，"
                                                   "不能通过导入修改。"})

    # New members are checked row by row by member_check_new (member_create's checks) and inserted
    # 1,000 at a time by members_bulk_create; `create` (row by row) is the same rule, saved at once.
    batch_creates = True

    def prepare(self, ctx, raws):
        # Which of the file's ID numbers are already registered, in any county: one query per
        # 1,000 numbers instead of one per row. (A number in the actor's scope is an update.)
        header = self.column_for_field("id_number").header
        numbers = []
        for raw in raws:
            try:
                numbers.append(cells.parse_id_number(raw.get(header)))
            except cells.CellError:
                continue
        ctx["stored_id_hashes"] = stored_id_hashes(numbers)

    checks_registered_elsewhere = True

    def registered_outside_scope(self, actor, headers, rows):
        from .reading import normalize_header

        wanted = normalize_header(self.column_for_field("id_number").header)
        if wanted not in headers:
            return 0
        position = headers.index(wanted)
        hashes = set()
        for _number, values in rows:
            try:
                number = cells.parse_id_number(values[position])
            except cells.CellError:
                continue
            if number:
                hashes.add(id_number_lookup_hash(number))
        hashes = sorted(hashes)
        found = 0
        visible = PartyMember.objects.visible_to(actor).values("pk")
        for start in range(0, len(hashes), 1000):
            found += PartyMember.objects.filter(id_number_hash__in=hashes[start:start + 1000]).exclude(
                pk__in=visible).count()
        return found

    def make_form(self, data, instance, actor, ctx, values):
        if instance is not None:
            return super().make_form(data, instance, actor, ctx, values)
        # The create form depends on the user only: built once per import, bound to each row.
        if "create_form" not in ctx:
            ctx["create_form"] = self.prototype(actor, ctx)
        return bound_copy(ctx["create_form"], data)

    def check_create(self, *, actor, form, values, ctx):
        return member_check_new(actor=actor, stored_hashes=ctx["stored_id_hashes"], **form.cleaned_data)

    def create_batch(self, *, actor, objs, ctx):
        return members_bulk_create(members=objs)

    def create(self, *, actor, form, values, ctx):
        return member_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return member_update(actor=actor, member=obj, **form.cleaned_data)


# ---------------------------------------------------------------------------------------------
class CommitteeMemberSpec(ImportSpec):
    key = "committee_members"
    label = "村“两委”成员"
    model = TwoCommitteeMember
    form_class = TwoCommitteeMemberForm
    filterset_class = TwoCommitteeMemberFilter
    export_select_related = ("village", "member")
    list_url_name = "cadres:committee_list"
    columns = [
        Column("姓名", "name", example="扎西", note="填了党员身份证号码的，姓名取自党员档案"),
        Column("性别", "gender", "choice", choices=Gender.choices, example="男", width=8),
        Column("党员身份证号码", "member", "member", example="", width=22,
               note="两委成员是党员的填写，系统据此关联党员档案",
               export=lambda o: o.member.masked_id_number if o.member_id else ""),
        Column("所在村(社区)", "village", "fk", required=True, example="噶尔县/狮泉河镇/加木村", width=28),
        Column("所在班子", "committee", "choice", required=True, choices=TwoCommitteeMember.Committee.choices,
               example="村委会"),
        Column("职务", "post", required=True, example="委员"),
        Column("任期开始", "term_start", "date", required=True, example="2021-01-01"),
        Column("任期结束", "term_end", "date", example=""),
    ]

    def key_of_object(self, obj):
        who = ("m", obj.member_id) if obj.member_id else ("n", obj.name.strip())
        return (obj.village_id, who, obj.committee, obj.term_start)

    def key_of_row(self, values):
        member = values.get("member")
        who = ("m", member.pk) if member else ("n", values.get("name") or "")
        return (_pk(values.get("village")), who, values.get("committee"), values.get("term_start"))

    def describe(self, values):
        member = values.get("member")
        return f"{member.name if member else values.get('name') or ''} {values.get('post') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return committee_member_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return committee_member_update(actor=actor, person=obj, **form.cleaned_data)

    def row_warnings(self, obj, ctx):
        if "secretary_posts" not in ctx:  # every village's 书记 posts, loaded once per import
            villages = Area.objects.filter(level=Area.Level.VILLAGE, path__startswith=_scope_path(ctx["actor"]))
            ctx["secretary_posts"] = secretary_posts_by_village(villages.values("pk"))
        warning = branch_secretary_warning(obj, ctx["secretary_posts"].get(obj.village_id, []))
        return [warning] if warning else []


# ---------------------------------------------------------------------------------------------
class _LanguageAssessmentRowForm(LanguageAssessmentForm):
    """The page's form (it has no scoped choices, so it takes no user)."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class LanguageAssessmentSpec(ImportSpec):
    key = "language_assessments"
    label = "两委成员国家通用语言测评"
    model = LanguageAssessment
    form_class = _LanguageAssessmentRowForm
    filterset_class = LanguageAssessmentFilter
    export_select_related = ("person__village",)
    list_url_name = "cadres:committee_list"
    columns = [
        Column("两委成员姓名", "person_name", required=True, example="扎西", form_field=False,
               export=lambda o: o.person.name),
        Column("所在村(社区)", "village", "fk", required=True, example="噶尔县/狮泉河镇/加木村", width=28,
               form_field=False, export=lambda o: o.person.village),
        Column("年度", "year", "int", required=True, example=2022, width=8),
        Column("掌握程度", "level", "choice", required=True, choices=LanguageLevel.choices, example="能懂会说日常语句",
               width=18),
        Column("评估日期", "assessed_on", "date", example="2022-11-20"),
    ]

    def extra_context(self, actor, ctx):
        villages = Area.objects.filter(level=Area.Level.VILLAGE).filter(
            pk__in=TwoCommitteeMember.objects.visible_to(actor).values("village_id"))
        ctx["caches"]["_village"] = ChoiceCache(villages, area_labeler(area_names_by_path()))
        ctx["people"] = {}
        for person in TwoCommitteeMember.objects.visible_to(actor).select_related("village").order_by(
                "-term_start", "-pk"):
            ctx["people"].setdefault((person.village_id, person.name.strip()), person)

    def resolve_extra(self, values, data, ctx):
        village, name = values.get("village"), values.get("person_name")
        if village is None or not name:
            return
        person = ctx["people"].get((village.pk, name))
        if person is None:
            raise cells.CellError(f"{village.name}没有名为“{name}”的两委成员（或不在您的管辖范围内），请先登记两委成员。")
        values["person"] = person

    def existing_queryset(self, actor):
        return LanguageAssessment.objects.visible_to(actor).select_related("person__village")

    def key_of_object(self, obj):
        return (obj.person_id, obj.year)

    def key_of_row(self, values):
        person = values.get("person")
        return (person.pk, values.get("year")) if person else None

    def describe(self, values):
        return f"{values.get('person_name') or ''} {values.get('year') or ''}年".strip()

    def create(self, *, actor, form, values, ctx):
        return language_assessment_create(actor=actor, person=values["person"], **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        # The page corrects an assessment by deleting and recording it again; so does the import.
        with transaction.atomic():
            language_assessment_delete(actor=actor, assessment=obj)
            return language_assessment_create(actor=actor, person=values["person"], **form.cleaned_data)


# ---------------------------------------------------------------------------------------------
class ActivitySpec(ImportSpec):
    key = "activities"
    label = "活动"
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

    def key_of_object(self, obj):
        return (obj.kind_id, obj.held_on, obj.organization_id, obj.village_id)

    def key_of_row(self, values):
        return (_pk(values.get("kind")), values.get("held_on"), _pk(values.get("organization")),
                _pk(values.get("village")))

    def describe(self, values):
        return f"{values.get('held_on') or ''} {values.get('kind') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return activity_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return activity_update(actor=actor, activity=obj, **form.cleaned_data)


# ---------------------------------------------------------------------------------------------
class MeetingSpec(ImportSpec):
    key = "meetings"
    label = "组织生活会议"
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

    def key_of_object(self, obj):
        return (obj.organization_id, obj.kind_id, obj.held_on)

    def key_of_row(self, values):
        return (_pk(values.get("organization")), _pk(values.get("kind")), values.get("held_on"))

    def describe(self, values):
        return f"{values.get('held_on') or ''} {values.get('topic') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return meeting_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return meeting_update(actor=actor, meeting=obj, **form.cleaned_data)


# ---------------------------------------------------------------------------------------------
class EvaluationResultSpec(ImportSpec):
    key = "evaluation_results"
    label = "民主评议党员结果"
    model = EvaluationResult
    form_class = ResultForm
    filterset_class = EvaluationResultFilter
    export_select_related = ("member", "campaign__organization")
    list_url_name = "evaluations:campaign_list"
    columns = [
        Column("党组织", "campaign_organization", "fk", required=True, example="加木村党支部", width=24,
               form_field=False, export=lambda o: o.campaign.organization.name),
        Column("评议年度", "year", "int", required=True, example=2022, width=10, form_field=False),
        Column("姓名", "member_name", example="次仁", form_field=False, export=lambda o: o.member.name),
        Column("身份证号码", "member", "member", required=True, example="542523199005010014", width=22,
               export=lambda o: o.member.masked_id_number),
        Column("评定等次", "rating", "choice", required=True, choices=Rating.choices, example="合格"),
        Column("备注", "note", example="", width=24),
    ]

    def extra_context(self, actor, ctx):
        organizations = PartyOrganization.objects.visible_to(actor).select_related("area")
        from .importer import organization_labels

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
        return EvaluationResult.objects.visible_to(actor).select_related("campaign__organization__area")

    def key_of_object(self, obj):
        return (obj.member_id, obj.year)

    def key_of_row(self, values):
        member = values.get("member")
        return (member.pk, values.get("year")) if member else None

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


# ---------------------------------------------------------------------------------------------
class DisputeCaseSpec(ImportSpec):
    key = "dispute_cases"
    label = "矛盾纠纷"
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

    def key_of_object(self, obj):
        return (obj.village_id, obj.found_on, obj.description.strip())

    def key_of_row(self, values):
        return (_pk(values.get("village")), values.get("found_on"), values.get("description") or "")

    def describe(self, values):
        return f"{values.get('found_on') or ''} {values.get('description') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return dispute_case_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return dispute_case_update(actor=actor, case=obj, **form.cleaned_data)


# ---------------------------------------------------------------------------------------------
class AllocationSpec(ImportSpec):
    key = "allocations"
    label = "资金拨付"
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

    def key_of_object(self, obj):
        return (obj.year, obj.source_id, obj.purpose_id, obj.village_id, obj.document_no.strip())

    def key_of_row(self, values):
        village = values.get("village") or getattr(values.get("project"), "village", None)
        return (values.get("year"), _pk(values.get("source")), _pk(values.get("purpose")), _pk(village),
                values.get("document_no") or "")

    def describe(self, values):
        return f"{values.get('year') or ''}年 {values.get('purpose') or ''} {values.get('amount') or ''}元".strip()

    def create(self, *, actor, form, values, ctx):
        return allocation_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return allocation_update(actor=actor, allocation=obj, **form.cleaned_data)


# ---------------------------------------------------------------------------------------------
class ExpenditureSpec(ImportSpec):
    key = "expenditures"
    label = "资金支出"
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

    def extra_context(self, actor, ctx):
        villages = Area.objects.filter(level=Area.Level.VILLAGE)
        from .importer import area_labeler as labeler

        ctx["caches"]["_village"] = ChoiceCache(
            villages.filter(path__startswith=_scope_path(actor)), labeler(area_names_by_path()))
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
        if not found:
            raise cells.CellError(f"{village.name}没有{year}年度用于“{purpose}”的资金拨付"
                                  f"{'（文号' + document + '）' if document else ''}，或不在您的管辖范围内。")
        if len(found) > 1:
            raise cells.CellError(f"{village.name}{year}年度用于“{purpose}”的拨付有{len(found)}笔，请填写拨款文号区分。")
        values["allocation"] = found[0]
        data["allocation"] = str(found[0].pk)

    def existing_queryset(self, actor):
        return Expenditure.objects.visible_to(actor).select_related("ledger", "allocation", "purpose")

    def key_of_object(self, obj):
        return (obj.ledger.village_id, obj.voucher_no.strip())

    def key_of_row(self, values):
        return (_pk(values.get("village")), values.get("voucher_no") or "")

    def describe(self, values):
        return f"{values.get('voucher_no') or ''} {values.get('amount') or ''}元".strip()

    def create(self, *, actor, form, values, ctx):
        return expenditure_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        raise ValidationError("该凭证号的支出已经记账，导入不能修改已记账的支出；如需更正，请在页面上删除后重新记账。")


def _scope_path(actor) -> str:
    from ali_party.scoping import scope_path

    return scope_path(actor) or "\x00"


SPECS: dict[str, ImportSpec] = {spec.key: spec for spec in (
    OrganizationSpec(), MemberSpec(), CommitteeMemberSpec(), LanguageAssessmentSpec(), ActivitySpec(),
    MeetingSpec(), EvaluationResultSpec(), DisputeCaseSpec(), AllocationSpec(), ExpenditureSpec(),
)}


def get_spec(kind: str) -> ImportSpec:
    try:
        return SPECS[kind]
    except KeyError:
        from django.http import Http404

        raise Http404 from None
