"""Import/export specs of 基本队伍's records (dataexchange): 党员 (named by ID number), 村“两委”成员
(village + the party member or else the name + committee + term start) and their 语言测评
(person + year)."""
from django.core.exceptions import ValidationError
from django.db import transaction

from ali_party.pillars import Pillar
from branches.models import Area
from dataexchange import cells
from dataexchange.filters import ExportAreaFilterSet
from dataexchange.importer import (
    RECORD, ChoiceCache, Column, ImportSpec, NaturalKey, area_labeler, area_names_by_path, bound_copy,
)
from dataexchange.reading import normalize_header
from dataexchange.specs import register

from .ethnicity import Ethnicity
from .filters import PartyMemberFilter, TwoCommitteeMemberFilter
from .forms import LanguageAssessmentForm, PartyMemberForm, PartyMemberUpdateForm, TwoCommitteeMemberForm
from .models import Gender, LanguageAssessment, LanguageLevel, PartyMember, TwoCommitteeMember, id_number_lookup_hash
from .selectors import branch_secretary_warning, secretary_posts_by_village
from .services import (
    committee_member_create, committee_member_update, language_assessment_create, language_assessment_delete,
    member_check_new, member_create, member_update, members_bulk_create, stored_id_hashes,
)
from .validators import mask_id_number


class LanguageAssessmentFilter(ExportAreaFilterSet):
    """The export's filter (the assessments have no list page of their own)."""

    class Meta:
        model = LanguageAssessment
        fields = ["year", "level", "area"]


@register
class MemberSpec(ImportSpec):
    key = "members"
    label = "党员"
    pillar = Pillar.PERSONNEL
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
               export=lambda o: o.masked_id_number, masked=True),
        Column("联系电话", "phone", example="", export=lambda o: o.masked_phone, masked=True),
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
        Column("出党方式", "left_party_kind", "choice", choices=PartyMember.LeftPartyKind.choices, example="",
               note="党籍状态为“出党”时必填，其他状态留空"),
    ]
    natural_key = NaturalKey("id_number_hash", required=("id_number_hash",))

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



@register
class CommitteeMemberSpec(ImportSpec):
    key = "committee_members"
    label = "村“两委”成员"
    pillar = Pillar.PERSONNEL
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
               export=lambda o: o.member.masked_id_number if o.member_id else "", masked=True),
        Column("所在村(社区)", "village", "fk", required=True, example="噶尔县/狮泉河镇/加木村", width=28),
        Column("所在班子", "committee", "choice", required=True, choices=TwoCommitteeMember.Committee.choices,
               example="村委会"),
        Column("职务", "post", required=True, example="委员"),
        Column("任期开始", "term_start", "date", required=True, example="2021-01-01"),
        Column("任期结束", "term_end", "date", example=""),
    ]
    natural_key = NaturalKey("village", ("member", "name"), "committee", "term_start")

    def describe(self, values):
        member = values.get("member")
        return f"{member.name if member else values.get('name') or ''} {values.get('post') or ''}".strip()

    def create(self, *, actor, form, values, ctx):
        return committee_member_create(actor=actor, **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        return committee_member_update(actor=actor, person=obj, **form.cleaned_data)

    def row_warnings(self, obj, ctx):
        if "secretary_posts" not in ctx:  # every village's 书记 posts, loaded once per import
            villages = Area.objects.visible_to(ctx["actor"]).filter(level=Area.Level.VILLAGE)
            ctx["secretary_posts"] = secretary_posts_by_village(villages.values("pk"))
        warning = branch_secretary_warning(obj, ctx["secretary_posts"].get(obj.village_id, []))
        return [warning] if warning else []



class _LanguageAssessmentRowForm(LanguageAssessmentForm):
    """The page's form (it has no scoped choices, so it takes no user)."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


@register
class LanguageAssessmentSpec(ImportSpec):
    key = "language_assessments"
    label = "两委成员国家通用语言测评"
    pillar = Pillar.PERSONNEL
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
    natural_key = NaturalKey("person", "year", required=("person",))

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
        record = values.get(RECORD)
        if record is not None and (record.person.village_id, record.person.name.strip()) == (village.pk, name):
            person = record.person  # the assessment's own person, not the latest one of that name
        if person is None:
            raise cells.CellError(f"{village.name}没有名为“{name}”的两委成员（或不在您的管辖范围内），请先登记两委成员。")
        values["person"] = person

    def existing_queryset(self, actor):
        return LanguageAssessment.objects.visible_to(actor).select_related("person__village")

    def describe(self, values):
        return f"{values.get('person_name') or ''} {values.get('year') or ''}年".strip()

    def create(self, *, actor, form, values, ctx):
        return language_assessment_create(actor=actor, person=values["person"], **form.cleaned_data)

    def update(self, *, actor, obj, form, values, ctx):
        # The page corrects an assessment by deleting and recording it again; so does the import.
        with transaction.atomic():
            language_assessment_delete(actor=actor, assessment=obj)
            return language_assessment_create(actor=actor, person=values["person"], **form.cleaned_data)
