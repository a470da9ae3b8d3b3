"""基本队伍: party members and their development pipeline (core record; extended by the personnel pillar)."""
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import ScopedQuerySet

from .validators import birth_date_from_id, mask_id_number, mask_phone, validate_id_number


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class PartyMemberQuerySet(ScopedQuerySet):
    def in_good_standing(self):
        return self.filter(status=PartyMember.Status.NORMAL)

    def full_members(self):
        return self.filter(stage=PartyMember.Stage.FULL, status=PartyMember.Status.NORMAL)


class PartyMember(models.Model):
    """A person in the party-member pipeline, from 入党申请人 to 正式党员, in one organization.

    Age is never stored: it is derived from the birth date for any reference date.
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
    ethnicity = models.CharField(_("民族"), max_length=20, default="藏族")
    birth_date = models.DateField(_("出生日期"))
    id_number = models.CharField(_("身份证号码"), max_length=18, unique=True, validators=[validate_id_number])
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
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
    status = models.CharField(_("党籍状态"), max_length=20, choices=Status.choices, default=Status.NORMAL)
    status_changed_on = models.DateField(_("状态变更日期"), null=True, blank=True)

    objects = PartyMemberQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("党员")
        verbose_name_plural = _("党员")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["stage", "status"]),
            models.Index(fields=["name"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cadres:member_detail", args=[self.pk])

    def age_on(self, on: date) -> int:
        """Completed years of age on `on`."""
        b = self.birth_date
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    def clean(self):
        errors = {}
        if self.id_number and self.birth_date:
            try:
                if birth_date_from_id(self.id_number) != self.birth_date:
                    errors["birth_date"] = _("出生日期与身份证号码中的出生日期不一致。")
            except Exception:  # an invalid number is reported by the field validator
                pass
        if errors:
            raise ValidationError(errors)
