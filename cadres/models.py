"""基本队伍: party members and their development pipeline, organization transfers, village
two-committee members and their national-language assessments, national-language training, and
the cadres sent to villages ("六个一" forces, 驻村工作队) with their work logs."""
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.crypto import EncryptedCharField, LookupHashField, lookup_hash
from ali_party.scoping import ScopedQuerySet
from ali_party.stock import in_force_on, in_status_on
from ali_party.validators import future_date_errors

from .dates import add_months, add_years, age_band, age_on
from .ethnicity import Ethnicity
from .phones import validate_phone
from .validators import id_number_disagreements, mask_id_number, mask_phone, validate_id_number

MINIMUM_APPLICATION_AGE = 18
DUPLICATE_ID_MESSAGE = _("该身份证号码已在系统中登记，不能重复录入；如需转接组织关系，请联系上级组织部门。")


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


def id_number_lookup_hash(value: str) -> str:
    """The lookup hash stored in PartyMember.id_number_hash for an ID number (normalized first)."""
    return lookup_hash(value, purpose="id_number")


# The annotation of a member's Area at a past date (cadres.selectors.organization_area_on).
AREA_THEN = "area_then"


class PartyMemberQuerySet(ScopedQuerySet):
    def limit_to_areas(self, column: str, area_ids):
        rows = super().limit_to_areas(column, area_ids)
        if column == AREA_THEN:
            # cadres.selectors.organization_area_on: the current organization's area unless the member
            # was ever transferred. This superset lets PostgreSQL start from the organizations there.
            # A member counted there was transferred from or to an organization there, if not there now.
            from branches.models import PartyOrganization
            there = list(PartyOrganization.objects.filter(area_id__in=area_ids).values_list("pk", flat=True))
            moved = list(OrganizationTransfer.objects.filter(
                Q(from_organization_id__in=there) | Q(to_organization_id__in=there)).values_list(
                "member_id", flat=True).distinct())
            rows = rows.filter(Q(organization_id__in=there) | Q(pk__in=moved))
        return rows

    def with_id_number(self, value: str):
        """Rows whose ID number is exactly `value` (typed with spaces or full-width digits is fine).

        The ID number is encrypted at rest, so `filter(id_number=...)` is refused; this looks it up
        through the HMAC lookup hash instead. Only the whole number can be searched."""
        if not value:
            return self.none()
        return self.filter(id_number_hash=id_number_lookup_hash(value))

    def in_good_standing(self):
        return self.filter(status=PartyMember.Status.NORMAL)

    def full_members(self):
        return self.filter(stage=PartyMember.Stage.FULL, status=PartyMember.Status.NORMAL)

    def members_on(self, day: date):
        """Party members (预备党员 or 正式党员) on `day`: admitted by then and in good standing then.

        A status change (death, 出党, 转出 …) dated after `day` did not yet apply on `day`.
        """
        return self.filter(stage__gte=PartyMember.Stage.PROBATIONARY, admitted_on__lte=day).filter(
            in_status_on(day, status="status", normal=PartyMember.Status.NORMAL, changed_on="status_changed_on"))

    def in_pipeline(self):
        """People still moving through the procedure: applicants to probationary members."""
        return self.filter(stage__lt=PartyMember.Stage.FULL, status=PartyMember.Status.NORMAL)


class PartyMember(models.Model):
    """A person in the party-member pipeline, from 入党申请人 to 正式党员, in one organization.

    Age is never stored: it is derived from the birth date for any reference date. The current
    organization is `organization`; earlier ones are kept as OrganizationTransfer rows.
    """

    class Stage(models.IntegerChoices):
        APPLICANT = 1, _("入党申请人")
        ACTIVIST = 2, _("入党积极分子")
        CANDIDATE = 3, _("发展对象")
        PROBATIONARY = 4, _("预备党员")
        FULL = 5, _("正式党员")

    class Status(models.TextChoices):
        NORMAL = "normal", _("正常")
        SUSPENDED = "suspended", _("停止党籍")
        EXPELLED = "expelled", _("出党")
        DECEASED = "deceased", _("死亡")
        TRANSFERRED_OUT = "transferred_out", _("转出")
        PROBATION_CANCELLED = "probation_cancelled", _("取消预备党员资格")

    class LeftPartyKind(models.TextChoices):
        """出党方式: how a member left the party (status 出党), as the annual statistics count it."""
        EXPELLED_BY_DISCIPLINE = "expelled_by_discipline", _("开除党籍")
        PERSUADED_TO_WITHDRAW = "persuaded_to_withdraw", _("劝其退党")
        STRUCK_OFF = "struck_off", _("除名")  # 不合格党员除名
        SELF_LAPSED = "self_lapsed", _("自行脱党除名")
        WITHDREW = "withdrew", _("退党")

    class Occupation(models.TextChoices):
        FARMER_HERDER = "farmer_herder", _("农牧民")
        CIVIL_SERVANT = "civil_servant", _("公务员")
        PUBLIC_INSTITUTION = "public_institution", _("事业单位人员")
        ENTERPRISE = "enterprise", _("企业人员")
        STUDENT = "student", _("学生")
        RETIRED = "retired", _("离退休人员")
        OTHER = "other", _("其他")

    class Education(models.TextChoices):
        PRIMARY = "primary", _("小学及以下")
        JUNIOR = "junior", _("初中")
        SENIOR = "senior", _("高中/中专")
        COLLEGE = "college", _("大专")
        BACHELOR = "bachelor", _("本科")
        POSTGRADUATE = "postgraduate", _("研究生")

    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    ethnicity = models.CharField(_("民族"), max_length=20, choices=Ethnicity.choices, default=Ethnicity.TIBETAN)
    birth_date = models.DateField(_("出生日期"))
    # Encrypted at rest (AES-256-GCM, see ali_party.crypto); unique and searchable through the
    # HMAC lookup hash below. Query with PartyMember.objects.with_id_number(...).
    id_number = EncryptedCharField(_("身份证号码"), max_length=18, validators=[validate_id_number])
    id_number_hash = LookupHashField(_("身份证号码查找摘要"), source="id_number", unique=True,
                                     error_messages={"unique": DUPLICATE_ID_MESSAGE})
    phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])
    education = models.CharField(_("学历"), max_length=20, choices=Education.choices, blank=True)
    occupation = models.CharField(_("职业类别"), max_length=30, choices=Occupation.choices,
                                  default=Occupation.FARMER_HERDER)
    organization = models.ForeignKey(
        "branches.PartyOrganization", verbose_name=_("所在党组织"), on_delete=models.PROTECT,
        related_name="members",
    )
    stage = models.PositiveSmallIntegerField(_("发展阶段"), choices=Stage.choices, default=Stage.APPLICANT)
    applied_on = models.DateField(_("递交入党申请日期"), null=True, blank=True)
    activist_on = models.DateField(_("确定为积极分子日期"), null=True, blank=True)
    candidate_on = models.DateField(_("确定为发展对象日期"), null=True, blank=True)
    admitted_on = models.DateField(_("接收为预备党员日期"), null=True, blank=True)
    full_member_on = models.DateField(_("转为正式党员日期"), null=True, blank=True)
    probation_extension_months = models.PositiveSmallIntegerField(
        _("延长预备期(月)"), null=True, blank=True,
        help_text=_("预备期可延长一次，6至12个月。"))
    status = models.CharField(_("党籍状态"), max_length=20, choices=Status.choices, default=Status.NORMAL)
    status_changed_on = models.DateField(_("状态变更日期"), null=True, blank=True)
    # Blank allowed in the database: 出党 rows recorded before the kind existed stay as they are (the
    # annual report counts them as 方式未填); clean() asks for it on any new or changed record.
    left_party_kind = models.CharField(_("出党方式"), max_length=30, choices=LeftPartyKind.choices, blank=True,
                                       help_text=_("党籍状态为“出党”时必填，其他状态留空。"))

    objects = PartyMemberQuerySet.as_manager()
    scope_area_field = "organization__area"

    # (stage, date field) in the order of the national procedure.
    STAGE_DATE_FIELDS = [
        (Stage.APPLICANT, "applied_on"),
        (Stage.ACTIVIST, "activist_on"),
        (Stage.CANDIDATE, "candidate_on"),
        (Stage.PROBATIONARY, "admitted_on"),
        (Stage.FULL, "full_member_on"),
    ]

    class Meta:
        verbose_name = _("党员")
        verbose_name_plural = _("党员")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["stage", "status"]),
            # The member picker (cadres/pickers.py) walks this index in its order (name, id) and
            # checks the name and the organization (the scope) without reading the table.
            models.Index(fields=["name", "id", "organization"], name="member_name_id_org_idx"),
            models.Index(fields=["occupation", "admitted_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(probation_extension_months__isnull=True)
                | Q(probation_extension_months__gte=6, probation_extension_months__lte=12),
                name="member_probation_extension_6_to_12",
                violation_error_message=_("延长预备期须为6至12个月。"),
            ),
            models.CheckConstraint(
                condition=Q(status="normal") | Q(status_changed_on__isnull=False),
                name="member_status_change_has_date",
                violation_error_message=_("党籍状态不是“正常”时须填写状态变更日期。"),
            ),
            models.CheckConstraint(
                condition=Q(status="expelled") | Q(left_party_kind=""),
                name="member_left_party_kind_only_if_expelled",
                violation_error_message=_("党籍状态不是“出党”时，出党方式应留空。"),
            ),
            models.CheckConstraint(
                condition=Q(stage__lt=4) | Q(admitted_on__isnull=False),
                name="member_admitted_has_date",
                violation_error_message=_("预备党员和正式党员须填写接收为预备党员日期。"),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cadres:member_detail", args=[self.pk])

    def age_on(self, on: date) -> int:
        """Completed years of age on `on`."""
        return age_on(self.birth_date, on)

    def age_band_on(self, on: date) -> str:
        return age_band(self.age_on(on))

    def stage_on(self, on: date) -> int | None:
        """The stage reached by `on` according to the stage dates (None: not yet an applicant)."""
        reached = None
        for stage, field in self.STAGE_DATE_FIELDS:
            value = getattr(self, field)
            if value is not None and value <= on and stage <= self.stage:
                reached = stage
        return reached

    @property
    def in_probation(self) -> bool:
        """A probationary member (预备党员) in good standing: the one whose 预备期 may be extended or
        whose 预备党员资格 may be cancelled."""
        return self.stage == self.Stage.PROBATIONARY and self.status == self.Status.NORMAL

    @property
    def probation_ends_on(self) -> date | None:
        """When the 预备期 ends: one year after admission, plus the extension if any."""
        if self.admitted_on is None:
            return None
        return add_months(add_years(self.admitted_on, 1), self.probation_extension_months or 0)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def _field_label(self, name: str) -> str:
        return str(self._meta.get_field(name).verbose_name)

    def validate_unique(self, exclude=None):
        """The ID number is unique through its lookup hash; a duplicate is reported on id_number
        (the form shows it there), whichever county holds the other record."""
        exclude = set(exclude or ())
        errors = {}
        try:
            super().validate_unique(exclude=exclude | {"id_number_hash"})
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "id_number" not in exclude and self.id_number:
            others = type(self)._default_manager.with_id_number(self.id_number)
            if self.pk is not None:
                others = others.exclude(pk=self.pk)
            if others.exists():
                errors.setdefault("id_number", []).append(ValidationError(DUPLICATE_ID_MESSAGE, code="unique"))
        if errors:
            raise ValidationError(errors)

    def clean(self):
        errors = {}
        today = timezone.localdate()
        if self.id_number:
            # Digits 7–14 are the birth date and the 17th digit the sex (GB 11643): each
            # disagreement on its own field. A malformed number is reported by the field validator.
            errors.update(id_number_disagreements(self.id_number, birth_date=self.birth_date,
                                                  gender=self.gender))
        if self.birth_date and self.birth_date > today:
            errors["birth_date"] = _("出生日期不能晚于今天。")

        # Each stage reached has its date; stages not reached have none.
        stage = self.stage or 0
        for step, field in self.STAGE_DATE_FIELDS:
            value = getattr(self, field)
            if step <= stage and value is None:
                errors[field] = _("处于“%(stage)s”阶段须填写%(field)s。") % {
                    "stage": self.get_stage_display(), "field": self._field_label(field)}
            elif step > stage and value is not None:
                errors[field] = _("尚未进入该阶段，%(field)s应留空。") % {"field": self._field_label(field)}
            elif value is not None and value > today:
                errors[field] = _("%(field)s不能晚于今天。") % {"field": self._field_label(field)}

        # The stages happen in order.
        previous = None
        for _step, field in self.STAGE_DATE_FIELDS:
            value = getattr(self, field)
            if value is None or field in errors:
                continue
            if previous is not None and value < getattr(self, previous):
                errors[field] = _("%(field)s不能早于%(previous)s。") % {
                    "field": self._field_label(field), "previous": self._field_label(previous)}
            previous = field

        if self.applied_on and self.birth_date and "applied_on" not in errors:
            if self.applied_on < add_years(self.birth_date, MINIMUM_APPLICATION_AGE):
                errors["applied_on"] = _("递交入党申请时须年满18周岁（%(day)s起方可申请）。") % {
                    "day": add_years(self.birth_date, MINIMUM_APPLICATION_AGE).isoformat()}
        if self.activist_on and self.candidate_on and "candidate_on" not in errors:
            earliest = add_years(self.activist_on, 1)
            if self.candidate_on < earliest:
                errors["candidate_on"] = _(
                    "确定为发展对象日期须在确定为入党积极分子满一年之后（最早%(day)s）。") % {"day": earliest.isoformat()}
        if self.probation_extension_months is not None:
            if not 6 <= self.probation_extension_months <= 12:
                errors["probation_extension_months"] = _("延长预备期须为6至12个月。")
            elif stage < self.Stage.PROBATIONARY:
                errors["probation_extension_months"] = _("只有预备党员才能延长预备期。")
        if self.admitted_on and self.full_member_on and "full_member_on" not in errors \
                and "probation_extension_months" not in errors:
            earliest = self.probation_ends_on
            if self.full_member_on < earliest:
                errors["full_member_on"] = _("转为正式党员日期须在预备期满之后（最早%(day)s）。") % {
                    "day": earliest.isoformat()}

        if self.status != self.Status.NORMAL and not self.status_changed_on:
            errors["status_changed_on"] = _("党籍状态不是“正常”时须填写状态变更日期。")
        if self.status == self.Status.EXPELLED and not self.left_party_kind:
            errors["left_party_kind"] = _("党籍状态为“出党”时须填写出党方式。")
        elif self.status != self.Status.EXPELLED and self.left_party_kind:
            errors["left_party_kind"] = _("党籍状态不是“出党”时，出党方式应留空。")
        if self.status == self.Status.PROBATION_CANCELLED and stage != self.Stage.PROBATIONARY:
            errors["status"] = _("只有预备党员才能被取消预备党员资格。")
        if self.status_changed_on and self.status_changed_on > today:
            errors["status_changed_on"] = _("状态变更日期不能晚于今天。")
        if errors:
            raise ValidationError(errors)


class OrganizationTransfer(models.Model):
    """组织关系转接: a member's organization relation moved from one organization to another on a date.

    The member's current organization is on PartyMember; these rows are the history, from which
    the organization on any past date is reconstructed (selectors.organization_on).
    """

    member = models.ForeignKey(PartyMember, verbose_name=_("党员"), on_delete=models.CASCADE,
                               related_name="transfers")
    from_organization = models.ForeignKey(
        "branches.PartyOrganization", verbose_name=_("转出党组织"), on_delete=models.PROTECT,
        related_name="transfers_out")
    to_organization = models.ForeignKey(
        "branches.PartyOrganization", verbose_name=_("转入党组织"), on_delete=models.PROTECT,
        related_name="transfers_in")
    transferred_on = models.DateField(_("转接日期"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "to_organization__area"

    class Meta:
        verbose_name = _("组织关系转接")
        verbose_name_plural = _("组织关系转接")
        ordering = ["member", "transferred_on", "pk"]
        indexes = [models.Index(fields=["member", "transferred_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_organization=models.F("to_organization")),
                name="transfer_between_different_orgs",
                violation_error_message=_("转出和转入党组织不能相同。"),
            ),
        ]

    def __str__(self):
        return f"{self.member}：{self.from_organization} → {self.to_organization}（{self.transferred_on}）"

    def clean(self):
        errors = {}
        if self.from_organization_id and self.from_organization_id == self.to_organization_id:
            errors["to_organization"] = _("转入党组织不能与转出党组织相同。")
        errors.update(future_date_errors(self, "transferred_on"))
        if self.member_id and self.transferred_on and "transferred_on" not in errors:
            later = OrganizationTransfer.objects.filter(member_id=self.member_id,
                                                        transferred_on__gt=self.transferred_on)
            if self.pk:
                later = later.exclude(pk=self.pk)
            if later.exists():
                errors["transferred_on"] = _("转接日期不能早于该党员最近一次组织关系转接的日期。")
        if errors:
            raise ValidationError(errors)


class TwoCommitteeMemberQuerySet(ScopedQuerySet):
    def serving_on(self, day: date):
        return self.filter(in_force_on(day, start="term_start", end="term_end"))


class TwoCommitteeMember(models.Model):
    """村"两委"班子成员: a person sitting on a village's party organization, villagers' committee, or both.

    The person may be a party member (linked) or not (name only). One row per term.
    """

    class Committee(models.TextChoices):
        PARTY = "party", _("村党组织")
        VILLAGERS = "villagers", _("村委会")
        BOTH = "both", _("村党组织和村委会（交叉任职）")

    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    member = models.ForeignKey(PartyMember, verbose_name=_("党员档案"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="committee_posts",
                               help_text=_("是党员的请选择其党员档案；非党员留空并填写姓名。"))
    village = models.ForeignKey("branches.Area", verbose_name=_("所在村(社区)"), on_delete=models.PROTECT,
                                related_name="two_committee_members")
    committee = models.CharField(_("所在班子"), max_length=20, choices=Committee.choices)
    post = models.CharField(_("职务"), max_length=50)
    term_start = models.DateField(_("任期开始"))
    term_end = models.DateField(_("任期结束"), null=True, blank=True, help_text=_("仍在任的留空。"))

    objects = TwoCommitteeMemberQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("村“两委”班子成员")
        verbose_name_plural = _("村“两委”班子成员")
        ordering = ["village__path", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="two_committee_term_order",
                violation_error_message=_("任期结束不能早于任期开始。"),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cadres:committee_detail", args=[self.pk])

    @property
    def is_party_member(self) -> bool:
        return self.member_id is not None and self.member.stage >= PartyMember.Stage.PROBATIONARY

    @property
    def term_display(self) -> str:
        if self.term_end:
            return _("%(start)s至%(end)s") % {"start": self.term_start.isoformat(), "end": self.term_end.isoformat()}
        return _("%(start)s起") % {"start": self.term_start.isoformat()}

    def term_covers(self, *, year: int, day: date | None = None) -> bool:
        """True when the term includes `day` or, without a day, overlaps the calendar year `year`."""
        if day is not None:
            return self.term_start <= day and (self.term_end is None or day <= self.term_end)
        return self.term_start.year <= year and (self.term_end is None or year <= self.term_end.year)

    def overlapping_term_elsewhere(self):
        """This party member's two-committee record in another village whose term overlaps this one
        (None if there is none): one person sits on one village's two committees at a time."""
        others = (TwoCommitteeMember.objects.filter(member_id=self.member_id).exclude(village_id=self.village_id)
                  .filter(Q(term_end__isnull=True) | Q(term_end__gte=self.term_start)))
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        if self.term_end is not None:
            others = others.filter(term_start__lte=self.term_end)
        return others.select_related("village").order_by("term_start", "pk").first()

    def clean(self):
        # The term's end may lie ahead (the end of the five-year term); its start is a fact.
        errors = future_date_errors(self, "term_start")
        if not self.member_id and not (self.name or "").strip():
            errors["name"] = _("非党员须填写姓名；党员请选择党员档案。")
        if self.village_id and self.village.level != "village":
            errors["village"] = _("所在村(社区)须选择村级区域。")
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = _("任期结束不能早于任期开始。")
        if self.member_id and self.village_id and "village" not in errors:
            county_path = self.village.path[: 2 * self.village.steplen]
            if not self.member.organization.area.path.startswith(county_path):
                errors["member"] = _("党员档案须属于本县的党组织。")
        if self.member_id and self.village_id and self.term_start and not errors:
            other = self.overlapping_term_elsewhere()
            if other is not None:
                # The other village is named only inside the scope of the user making the change
                # (`viewer_scope`, a tree path set by the services): a clerk may not learn where
                # outside their scope a person sits (a member transferred in, another township).
                viewer_scope = getattr(self, "viewer_scope", None)
                village = (other.village.name if viewer_scope and other.village.path.startswith(viewer_scope)
                           else _("另一个不在您管辖范围内的村"))
                errors["member"] = _(
                    "%(name)s已是%(village)s的“两委”成员（任期%(term)s），与本任期重叠：同一人不能同时在两个村的“两委”任职。"
                ) % {"name": self.member.name, "village": village, "term": other.term_display}
        if errors:
            raise ValidationError(errors)


class LanguageLevel(models.IntegerChoices):
    """国家通用语言 proficiency. From DAILY upward the person counts as proficient (能懂会说日常语句)."""

    NONE = 1, _("不懂不会说")
    BASIC = 2, _("能听懂简单用语")
    DAILY = 3, _("能懂会说日常语句")
    FLUENT = 4, _("能熟练交流")
    LITERATE = 5, _("能熟练听说读写")


PROFICIENT_LEVEL = LanguageLevel.DAILY


class LanguageAssessmentQuerySet(ScopedQuerySet):
    def proficient(self):
        return self.filter(level__gte=PROFICIENT_LEVEL)


class LanguageAssessment(models.Model):
    """A two-committee member's yearly national-language (国家通用语言) assessment: one per person per year."""

    person = models.ForeignKey(TwoCommitteeMember, verbose_name=_("两委成员"), on_delete=models.CASCADE,
                               related_name="assessments")
    year = models.PositiveSmallIntegerField(_("年度"))
    level = models.PositiveSmallIntegerField(_("掌握程度"), choices=LanguageLevel.choices)
    assessed_on = models.DateField(_("评估日期"), null=True, blank=True)

    objects = LanguageAssessmentQuerySet.as_manager()
    scope_area_field = "person__village"

    class Meta:
        verbose_name = _("国家通用语言掌握情况")
        verbose_name_plural = _("国家通用语言掌握情况")
        ordering = ["-year", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="one_language_assessment_per_year",
                                    violation_error_message=_("该成员本年度已有国家通用语言评估记录。")),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="language_assessment_year",
                                   violation_error_message=_("年度须在2000至2100之间。")),
        ]

    def __str__(self):
        return f"{self.person} {self.year}：{self.get_level_display()}"

    @property
    def is_proficient(self) -> bool:
        return self.level >= PROFICIENT_LEVEL

    def clean(self):
        errors = future_date_errors(self, "assessed_on")
        if self.assessed_on and self.year and self.assessed_on.year != self.year:
            errors["assessed_on"] = _("评估日期须在所评估的年度内。")
        if self.year and not 2000 <= self.year <= 2100:
            errors["year"] = _("年度须在2000至2100之间。")
        elif self.year and self.year > timezone.localdate().year:
            errors["year"] = _("评估年度不能晚于今年。")
        if self.person_id and self.year and not errors:
            person = self.person
            if not person.term_covers(year=self.year, day=self.assessed_on):
                field = "assessed_on" if self.assessed_on else "year"
                when = self.assessed_on.isoformat() if self.assessed_on else _("%(year)s年") % {"year": self.year}
                errors[field] = _("%(when)s不在%(name)s的“两委”任期（%(term)s）内，不能登记该年度的评估。") % {
                    "when": when, "name": person.name, "term": person.term_display}
        if errors:
            raise ValidationError(errors)


class LanguageTrainingSessionQuerySet(ScopedQuerySet):
    def held_in(self, year: int):
        return self.filter(started_on__gte=date(year, 1, 1), started_on__lte=date(year, 12, 31))


class LanguageTrainingSession(models.Model):
    """One 期 (session) of national-language (国家通用语言) training, with its attendance in 人次."""

    title = models.CharField(_("培训名称"), max_length=200)
    area = models.ForeignKey("branches.Area", verbose_name=_("举办地(县/乡镇/村)"), on_delete=models.PROTECT,
                             related_name="language_trainings")
    organizer = models.CharField(_("主办单位"), max_length=100, blank=True)
    started_on = models.DateField(_("开班日期"))
    ended_on = models.DateField(_("结业日期"), null=True, blank=True)
    attendance = models.PositiveIntegerField(_("参训人次"))

    objects = LanguageTrainingSessionQuerySet.as_manager()
    scope_area_field = "area"

    class Meta:
        verbose_name = _("国家通用语言培训")
        verbose_name_plural = _("国家通用语言培训")
        ordering = ["-started_on", "pk"]
        indexes = [models.Index(fields=["started_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(attendance__gte=1), name="training_attendance_positive",
                                   violation_error_message=_("参训人次至少为1。")),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="training_dates_order", violation_error_message=_("结业日期不能早于开班日期。")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cadres:training_detail", args=[self.pk])

    def clean(self):
        # The end of a session under way may be its planned 结业 day; the start is a fact.
        errors = future_date_errors(self, "started_on")
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("结业日期不能早于开班日期。")
        if self.attendance is not None and self.attendance < 1:
            errors["attendance"] = _("参训人次至少为1。")
        if errors:
            raise ValidationError(errors)


class SentCadreQuerySet(ScopedQuerySet):
    def serving_during(self, year: int):
        """Sent cadres who served at some time during the calendar year."""
        return self.filter(started_on__lte=date(year, 12, 31)).filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=date(year, 1, 1)))


class SentCadre(models.Model):
    """A cadre sent down to a village ("六个一"力量, 驻村工作队, 第一书记 …) for a period."""

    class Force(models.TextChoices):
        COUNTY_LEADER = "county_leader", _("县级领导包村")
        TOWNSHIP_CADRE = "township_cadre", _("乡镇干部包村")
        FIRST_SECRETARY = "first_secretary", _("驻村第一书记")
        WORK_TEAM = "work_team", _("驻村工作队队员")
        POLICE = "police", _("驻村(居)警")
        OTHER = "other", _("其他帮扶力量")

    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True,  # AES-256-GCM at rest
                               validators=[validate_phone])
    force = models.CharField(_("力量类别"), max_length=20, choices=Force.choices, default=Force.WORK_TEAM)
    sending_unit = models.CharField(_("派出单位"), max_length=100)
    village = models.ForeignKey("branches.Area", verbose_name=_("驻村(社区)"), on_delete=models.PROTECT,
                                related_name="sent_cadres")
    started_on = models.DateField(_("驻村开始日期"))
    ended_on = models.DateField(_("驻村结束日期"), null=True, blank=True, help_text=_("仍在驻村的留空。"))

    objects = SentCadreQuerySet.as_manager()
    scope_area_field = "village"

    class Meta:
        verbose_name = _("驻村干部")
        verbose_name_plural = _("驻村干部")
        ordering = ["village__path", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="sent_cadre_period_order", violation_error_message=_("驻村结束日期不能早于开始日期。")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cadres:cadre_detail", args=[self.pk])

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def clean(self):
        # A tour of duty has a planned end; its start is a fact.
        errors = future_date_errors(self, "started_on")
        if self.village_id and self.village.level != "village":
            errors["village"] = _("驻村(社区)须选择村级区域。")
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = _("驻村结束日期不能早于开始日期。")
        if errors:
            raise ValidationError(errors)


class CadreWorkLog(models.Model):
    """A dated entry of a sent cadre's work: problems solved or policy talks given, with a count."""

    class Kind(models.TextChoices):
        PROBLEM_SOLVED = "problem", _("解决问题")
        POLICY_TALK = "policy_talk", _("政策宣讲")

    cadre = models.ForeignKey(SentCadre, verbose_name=_("驻村干部"), on_delete=models.CASCADE, related_name="logs")
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    logged_on = models.DateField(_("日期"))
    count = models.PositiveIntegerField(_("件数/场次"), default=1)
    description = models.CharField(_("内容摘要"), max_length=300, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "cadre__village"

    class Meta:
        verbose_name = _("驻村工作记录")
        verbose_name_plural = _("驻村工作记录")
        ordering = ["-logged_on", "pk"]
        indexes = [models.Index(fields=["kind", "logged_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="cadre_log_count_positive",
                                   violation_error_message=_("件数/场次至少为1。")),
        ]

    def __str__(self):
        return f"{self.cadre} {self.logged_on} {self.get_kind_display()} {self.count}"

    def clean(self):
        errors = future_date_errors(self, "logged_on")
        if self.count is not None and self.count < 1:
            errors["count"] = _("件数/场次至少为1。")
        if self.cadre_id and self.logged_on:
            cadre = self.cadre
            if self.logged_on < cadre.started_on or (cadre.ended_on and self.logged_on > cadre.ended_on):
                errors["logged_on"] = _("日期须在该干部的驻村期间内。")
        if errors:
            raise ValidationError(errors)
