"""基本制度: organization life (三会一课, 主题党日, 组织生活会, "九个一"), record books, the "五有" goals,
compliance reminders, democratic evaluation of members (民主评议党员) and heart-to-heart talks."""
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.catalogue import TranslatedName
from ali_party.files import AllowedFile, StoredName
from ali_party.scoping import ScopedQuerySet
from ali_party.validators import future_date_errors


def year_end(year: int) -> date:
    return date(year, 12, 31)


class Period(models.TextChoices):
    NONE = "none", _("不作要求")
    MONTH = "month", _("每月")
    QUARTER = "quarter", _("每季度")
    YEAR = "year", _("每年")


class MeetingKind(TranslatedName, models.Model):
    """Catalogue of organization-life kinds: 支部党员大会, 支部委员会, 党小组会, 党课, 主题党日, 组织生活会
    and the "九个一" items. Admins extend it; each kind carries its required frequency, which the
    compliance check reads (so a changed rule is a catalogue edit, not a code change)."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    is_nine_ones = models.BooleanField(_("属于“九个一”活动"), default=False)
    is_three_meetings_one_lecture = models.BooleanField(_("属于“三会一课”"), default=False)
    required_period = models.CharField(_("要求频次周期"), max_length=10, choices=Period.choices,
                                       default=Period.NONE)
    required_count = models.PositiveSmallIntegerField(_("每周期至少次数"), default=0)

    class Meta:
        verbose_name = _("组织生活类型")
        verbose_name_plural = _("组织生活类型")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(required_period="none", required_count=0)
                | (~models.Q(required_period="none") & models.Q(required_count__gte=1)),
                name="meetingkind_frequency_consistent",
                violation_error_message=_("有频次要求的类型每周期至少1次；无要求的类型次数应为0。"),
            ),
        ]


class OrganizationLifeMeetingQuerySet(ScopedQuerySet):
    def in_year(self, year: int):
        return self.filter(held_on__year=year)


class OrganizationLifeMeeting(models.Model):
    """One organization-life meeting or activity held by a party organization.

    `expected_count` / `present_count` are the roll-call totals. When a roll (MeetingAttendance
    rows) is recorded, the service derives both totals from it, so they never disagree.
    """

    organization = models.ForeignKey("branches.PartyOrganization", verbose_name=_("党组织"),
                                     on_delete=models.PROTECT, related_name="life_meetings")
    kind = models.ForeignKey(MeetingKind, verbose_name=_("类型"), on_delete=models.PROTECT,
                             related_name="meetings")
    held_on = models.DateField(_("召开日期"))
    topic = models.CharField(_("主题"), max_length=200)
    expected_count = models.PositiveIntegerField(_("应到人数"), default=0)
    present_count = models.PositiveIntegerField(_("实到人数"), default=0)
    minutes = models.TextField(_("会议记录"), blank=True)
    # Kinds and size: ali_party.files.POLICIES["meeting_attachment"]; downloaded only through the
    # scoped view (evaluations:meeting_attachment), under `attachment_name`.
    attachment = models.FileField(_("附件"), upload_to=StoredName("evaluations/meetings"), blank=True,
                                  validators=[AllowedFile("meeting_attachment")])
    # db_default: the demo and bench loaders insert meetings with plain SQL.
    attachment_name = models.CharField(_("附件文件名"), max_length=255, blank=True, editable=False, default="",
                                       db_default="")
    created_at = models.DateTimeField(_("录入时间"), default=timezone.now, editable=False)

    objects = OrganizationLifeMeetingQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("组织生活记录")
        verbose_name_plural = _("组织生活记录")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["held_on"]), models.Index(fields=["organization", "held_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(present_count__lte=models.F("expected_count")),
                name="meeting_present_not_above_expected",
                violation_error_message=_("实到人数不能多于应到人数。"),
            ),
        ]

    def __str__(self):
        return f"{self.held_on} {self.kind} {self.topic}"

    def get_absolute_url(self):
        return reverse("evaluations:meeting_detail", args=[self.pk])

    @property
    def absent_count(self) -> int:
        return self.expected_count - self.present_count

    def clean(self):
        errors = future_date_errors(self, "held_on")
        if self.held_on and "held_on" not in errors and self.organization_id \
                and self.organization.founded_on and self.held_on < self.organization.founded_on:
            errors["held_on"] = _("召开日期不能早于该党组织的成立日期（%(d)s）。") % {
                "d": self.organization.founded_on.isoformat()}
        if self.present_count is not None and self.expected_count is not None \
                and self.present_count > self.expected_count:
            errors["present_count"] = _("实到人数不能多于应到人数。")
        if self.expected_count and self.organization_id and self.held_on and "held_on" not in errors:
            from cadres.selectors import party_member_count_on

            members = party_member_count_on(self.organization, self.held_on)
            if self.expected_count > members:
                errors["expected_count"] = _(
                    "应到人数（%(expected)s人）不能多于%(org)s在%(day)s的党员人数（%(members)s人）。") % {
                    "expected": self.expected_count, "org": self.organization.name,
                    "day": self.held_on.isoformat(), "members": members}
        if errors:
            raise ValidationError(errors)


class AbsenceReason(models.TextChoices):
    SICK = "sick", _("病假")
    PERSONAL = "personal", _("事假")
    GRAZING = "grazing", _("外出放牧")
    WORK_AWAY = "work_away", _("外出务工")
    DUTY = "duty", _("公务外出")
    OTHER = "other", _("其他")


class MeetingAttendance(models.Model):
    """One expected member on a meeting's roll: present, or absent with a reason."""

    meeting = models.ForeignKey(OrganizationLifeMeeting, verbose_name=_("组织生活记录"),
                                on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey("cadres.PartyMember", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="meeting_attendance")
    present = models.BooleanField(_("出席"), default=True)
    absence_reason = models.CharField(_("缺席原因"), max_length=20, choices=AbsenceReason.choices, blank=True)
    absence_note = models.CharField(_("缺席说明"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "meeting__organization__area"

    class Meta:
        verbose_name = _("参会登记")
        verbose_name_plural = _("参会登记")
        ordering = ["meeting", "member__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique_member",
                                    violation_error_message=_("同一党员在一次会议中只能登记一次。")),
            models.CheckConstraint(
                condition=models.Q(present=True, absence_reason="")
                | (models.Q(present=False) & ~models.Q(absence_reason="")),
                name="attendance_absent_has_reason",
                violation_error_message=_("缺席必须填写缺席原因；出席则不填。"),
            ),
        ]

    def __str__(self):
        return f"{self.member} {_('出席') if self.present else _('缺席')}"

    def clean(self):
        errors = {}
        if not self.present and not self.absence_reason:
            errors["absence_reason"] = _("缺席的党员必须填写缺席原因。")
        if self.present and self.absence_reason:
            errors["absence_reason"] = _("出席的党员不填写缺席原因。")
        if self.member_id and self.meeting_id and self.member.organization_id != self.meeting.organization_id:
            errors["member"] = _("“%(m)s”不是“%(o)s”的党员，不能登记在这次会议中。") % {
                "m": self.member.name, "o": self.meeting.organization.name}
        if errors:
            raise ValidationError(errors)


class RecordBookIssue(models.Model):
    """Organization-life record books (记录本) and reminder boards (提醒提示牌) issued to an organization."""

    organization = models.ForeignKey("branches.PartyOrganization", verbose_name=_("党组织"),
                                     on_delete=models.PROTECT, related_name="record_book_issues")
    year = models.PositiveSmallIntegerField(_("年度"))
    books = models.PositiveIntegerField(_("记录本(册)"), default=0)
    boards = models.PositiveIntegerField(_("提醒提示牌(个)"), default=0)
    issued_on = models.DateField(_("发放日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("记录本和提醒提示牌发放")
        verbose_name_plural = _("记录本和提醒提示牌发放")
        ordering = ["-year", "organization__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="recordbook_unique_org_year",
                                    violation_error_message=_("该党组织本年度已有发放记录，请编辑原记录。")),
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100),
                                   name="recordbook_year_range",
                                   violation_error_message=_("年度应在2000至2100之间。")),
        ]

    def __str__(self):
        return f"{self.organization} {self.year}"

    @property
    def total(self) -> int:
        return self.books + self.boards

    def get_absolute_url(self):
        return reverse("evaluations:recordbook_update", args=[self.pk])

    def clean(self):
        errors = future_date_errors(self, "issued_on")
        if self.issued_on and self.year and self.issued_on.year != self.year:
            errors["issued_on"] = _("发放日期应在所填年度内。")
        if self.books == 0 and self.boards == 0:
            errors["books"] = _("记录本和提醒提示牌不能都为0。")
        if errors:
            raise ValidationError(errors)


class FiveGoals(models.Model):
    """The "五有" goals of one organization for one year: 年度有计划、工作有简报、支部有记录、考勤有登记、个人有笔记."""

    organization = models.ForeignKey("branches.PartyOrganization", verbose_name=_("党组织"),
                                     on_delete=models.PROTECT, related_name="five_goals")
    year = models.PositiveSmallIntegerField(_("年度"))
    has_plan = models.BooleanField(_("年度有计划"), default=False)
    has_bulletin = models.BooleanField(_("工作有简报"), default=False)
    has_records = models.BooleanField(_("支部有记录"), default=False)
    has_attendance_register = models.BooleanField(_("考勤有登记"), default=False)
    has_notes = models.BooleanField(_("个人有笔记"), default=False)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("“五有”目标")
        verbose_name_plural = _("“五有”目标")
        ordering = ["-year", "organization__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="fivegoals_unique_org_year",
                                    violation_error_message=_("该党组织本年度已有“五有”记录，请编辑原记录。")),
        ]

    def __str__(self):
        return f"{self.organization} {self.year}"

    FLAGS = ("has_plan", "has_bulletin", "has_records", "has_attendance_register", "has_notes")

    @property
    def achieved_count(self) -> int:
        return sum(bool(getattr(self, f)) for f in self.FLAGS)

    @property
    def achieved(self) -> bool:
        return self.achieved_count == 5

    def get_absolute_url(self):
        return reverse("evaluations:fivegoals_update", args=[self.pk])


class Reminder(models.Model):
    """A reminder raised by the nightly compliance job: an organization is behind on a required item
    and the period closes soon. One per organization, item and period (the job may run again)."""

    organization = models.ForeignKey("branches.PartyOrganization", verbose_name=_("党组织"),
                                     on_delete=models.CASCADE, related_name="life_reminders")
    item = models.CharField(_("事项代码"), max_length=40)
    item_name = models.CharField(_("事项"), max_length=100)
    period_start = models.DateField(_("周期开始"))
    period_end = models.DateField(_("周期结束"))
    required = models.PositiveIntegerField(_("要求次数"))
    done = models.PositiveIntegerField(_("已完成次数"))
    created_at = models.DateTimeField(_("提醒时间"), default=timezone.now)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("组织生活提醒")
        verbose_name_plural = _("组织生活提醒")
        ordering = ["-period_end", "organization__name", "item"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "item", "period_start"],
                                    name="reminder_unique_org_item_period",
                                    violation_error_message=_("该事项本周期已提醒过。")),
        ]

    def __str__(self):
        return f"{self.organization} {self.item_name} {self.period_start}~{self.period_end}"


# --- 民主评议党员 ---------------------------------------------------------------------------------

class Rating(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    QUALIFIED = "qualified", _("合格")
    BASICALLY_QUALIFIED = "basically_qualified", _("基本合格")
    UNQUALIFIED = "unqualified", _("不合格")
    UNGRADED = "ungraded", _("不定等次")


class EvaluationCampaign(models.Model):
    """One organization's yearly 民主评议党员. Closing it locks its results; a reopen needs a reason
    and is recorded as a CampaignReopening row."""

    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        CLOSED = "closed", _("已结束")

    organization = models.ForeignKey("branches.PartyOrganization", verbose_name=_("党组织"),
                                     on_delete=models.PROTECT, related_name="evaluation_campaigns")
    year = models.PositiveSmallIntegerField(_("评议年度"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("结束人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("民主评议活动")
        verbose_name_plural = _("民主评议活动")
        ordering = ["-year", "organization__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="campaign_unique_org_year",
                                    violation_error_message=_("该党组织本年度已有民主评议活动。")),
            models.CheckConstraint(condition=models.Q(year__gte=2000, year__lte=2100),
                                   name="campaign_year_range",
                                   violation_error_message=_("评议年度应在2000至2100之间。")),
        ]

    def __str__(self):
        return _("%(organization)s %(year)s年度民主评议") % {"organization": self.organization, "year": self.year}

    def get_absolute_url(self):
        return reverse("evaluations:campaign_detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def clean(self):
        if self.year and self.year > timezone.localdate().year:
            raise ValidationError({"year": _("评议年度不能晚于今年。")})
        if self.year and self.organization_id and self.organization.founded_on \
                and self.organization.founded_on > year_end(self.year):
            raise ValidationError({"year": _("该党组织在%(y)s年底尚未成立。") % {"y": self.year}})


class CampaignReopening(models.Model):
    """The audit trail of a closed campaign being reopened: who, when and why."""

    campaign = models.ForeignKey(EvaluationCampaign, verbose_name=_("民主评议活动"), on_delete=models.CASCADE,
                                 related_name="reopenings")
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("重新开启人"),
                                    on_delete=models.PROTECT, related_name="+")
    reopened_at = models.DateTimeField(_("重新开启时间"), default=timezone.now)
    reason = models.TextField(_("重新开启原因"))

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "campaign__organization__area"

    class Meta:
        verbose_name = _("民主评议重新开启记录")
        verbose_name_plural = _("民主评议重新开启记录")
        ordering = ["-reopened_at", "-pk"]

    def __str__(self):
        return f"{self.campaign} {self.reopened_at:%Y-%m-%d}"


def members_in_campaign(campaign):
    """The members `_check_member_in_campaign` (below) accepts for `campaign`: of its organization,
    not out of the party before the year began, and 预备党员 or 正式党员 admitted by Dec 31 of the
    year. What the result forms offer, so that nobody is offered who is then refused."""
    from cadres.models import PartyMember

    year = campaign.year
    return (PartyMember.objects.filter(organization_id=campaign.organization_id,
                                       stage__gte=PartyMember.Stage.PROBATIONARY,
                                       admitted_on__isnull=False, admitted_on__lte=year_end(year))
            .filter(Q(status=PartyMember.Status.NORMAL) | Q(status_changed_on__isnull=True)
                    | Q(status_changed_on__gte=date(year, 1, 1))))


def _check_member_in_campaign(member, campaign, year) -> dict:
    """The member must belong to the campaign's organization that year and be a 预备党员 or 正式党员
    by Dec 31 of that year. Returns field errors."""
    from cadres.models import PartyMember

    errors = {}
    if campaign.year != year:
        errors["year"] = _("评议年度必须与民主评议活动的年度一致。")
        return errors
    not_in_org = _("%(m)s %(y)s年度不在“%(o)s”，不能在该党组织的民主评议中登记。") % {
        "m": member.name, "y": year, "o": campaign.organization.name}
    if member.organization_id != campaign.organization_id:
        errors["member"] = not_in_org
    elif member.status != PartyMember.Status.NORMAL and member.status_changed_on \
            and member.status_changed_on < date(year, 1, 1):
        errors["member"] = not_in_org
    elif member.stage < PartyMember.Stage.PROBATIONARY or not member.admitted_on \
            or member.admitted_on > year_end(year):
        errors["member"] = _("%(m)s 在%(y)s年12月31日前还不是预备党员或正式党员，不参加该年度民主评议。") % {
            "m": member.name, "y": year}
    return errors


class EvaluationResult(models.Model):
    """One member's democratic-evaluation rating for one year (at most one per member and year)."""

    member = models.ForeignKey("cadres.PartyMember", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="evaluation_results")
    year = models.PositiveSmallIntegerField(_("评议年度"))
    campaign = models.ForeignKey(EvaluationCampaign, verbose_name=_("民主评议活动"), on_delete=models.PROTECT,
                                 related_name="results")
    rating = models.CharField(_("评定等次"), max_length=30, choices=Rating.choices)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "campaign__organization__area"

    class Meta:
        verbose_name = _("民主评议结果")
        verbose_name_plural = _("民主评议结果")
        ordering = ["campaign", "member__name", "pk"]
        indexes = [models.Index(fields=["year", "rating"])]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="evaluation_result_unique_member_year",
                                    violation_error_message=_("该党员本年度已有民主评议结果，同一党员每年只能评定一次。")),
        ]

    def __str__(self):
        return f"{self.member} {self.year} {self.get_rating_display()}"

    def clean(self):
        errors = {}
        if self.member_id and self.campaign_id and self.year:
            errors.update(_check_member_in_campaign(self.member, self.campaign, self.year))
            if not errors and NotEvaluated.objects.filter(member_id=self.member_id, year=self.year).exists():
                errors["member"] = _("该党员本年度已列为未参加评议，不能再评定等次。")
        if errors:
            raise ValidationError(errors)


class NotEvaluated(models.Model):
    """A member who belonged to the organization that year but took no part in its evaluation, with why."""

    class Reason(models.TextChoices):
        AWAY = "away", _("长期外出(务工、放牧等)")
        ILLNESS = "illness", _("因病因残无法参加")
        SUSPENDED = "suspended", _("停止党籍或受审查")
        ADMITTED_LATE = "admitted_late", _("年底前新接收的预备党员")
        OTHER = "other", _("其他")

    member = models.ForeignKey("cadres.PartyMember", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="not_evaluated")
    year = models.PositiveSmallIntegerField(_("评议年度"))
    campaign = models.ForeignKey(EvaluationCampaign, verbose_name=_("民主评议活动"), on_delete=models.PROTECT,
                                 related_name="not_evaluated")
    reason = models.CharField(_("未参加原因"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "campaign__organization__area"

    class Meta:
        verbose_name = _("未参加民主评议党员")
        verbose_name_plural = _("未参加民主评议党员")
        ordering = ["campaign", "member__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="not_evaluated_unique_member_year",
                                    violation_error_message=_("该党员本年度已列为未参加评议。")),
        ]

    def __str__(self):
        return f"{self.member} {self.year} {self.get_reason_display()}"

    def clean(self):
        errors = {}
        if self.member_id and self.campaign_id and self.year:
            errors.update(_check_member_in_campaign(self.member, self.campaign, self.year))
            if not errors and EvaluationResult.objects.filter(member_id=self.member_id, year=self.year).exists():
                errors["member"] = _("该党员本年度已有评定等次，不能再列为未参加评议。")
        if errors:
            raise ValidationError(errors)


class FollowUp(models.Model):
    """组织处置: opened with a 不合格 rating, in the same transaction, and followed until closed."""

    class Measure(models.TextChoices):
        PENDING = "pending", _("待定")
        CORRECT = "correct", _("限期改正")
        PERSUADE = "persuade", _("劝其退党")
        STRIKE_OFF = "strike_off", _("除名")

    class Status(models.TextChoices):
        OPEN = "open", _("处置中")
        CLOSED = "closed", _("已办结")

    result = models.OneToOneField(EvaluationResult, verbose_name=_("民主评议结果"), on_delete=models.PROTECT,
                                  related_name="follow_up")
    measure = models.CharField(_("处置措施"), max_length=20, choices=Measure.choices, default=Measure.PENDING)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField(_("启动日期"), default=timezone.localdate)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    note = models.TextField(_("处置情况"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "result__campaign__organization__area"

    class Meta:
        verbose_name = _("组织处置")
        verbose_name_plural = _("组织处置")
        ordering = ["status", "-opened_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="open", closed_on__isnull=True)
                | models.Q(status="closed", closed_on__isnull=False),
                name="followup_closed_has_date",
                violation_error_message=_("已办结的处置必须填写办结日期；处置中的不填。"),
            ),
        ]

    def __str__(self):
        return f"{self.result.member} {self.get_measure_display()}"

    def get_absolute_url(self):
        return reverse("evaluations:followup_update", args=[self.pk])

    def clean(self):
        errors = future_date_errors(self, "opened_on", "closed_on")
        if self.status == self.Status.CLOSED:
            if not self.closed_on:
                errors["closed_on"] = _("已办结的处置必须填写办结日期。")
            elif self.opened_on and self.closed_on < self.opened_on:
                errors["closed_on"] = _("办结日期不能早于启动日期。")
            if self.measure == self.Measure.PENDING:
                errors["measure"] = _("办结前请选定处置措施。")
        elif self.closed_on:
            errors["closed_on"] = _("处置中的记录不填写办结日期。")
        if errors:
            raise ValidationError(errors)


# --- 谈心谈话 -----------------------------------------------------------------------------------

class HeartToHeartTalkQuerySet(ScopedQuerySet):
    def in_year(self, year: int):
        return self.filter(held_on__year=year)


class HeartToHeartTalk(models.Model):
    """A heart-to-heart talk (谈心谈话) held within an organization: who talked with whom, when, about what.

    People outside the member register (e.g. a township cadre) are given by name."""

    organization = models.ForeignKey("branches.PartyOrganization", verbose_name=_("党组织"),
                                     on_delete=models.PROTECT, related_name="heart_talks")
    held_on = models.DateField(_("谈话日期"))
    topic = models.CharField(_("谈话主题"), max_length=200)
    initiator = models.ForeignKey("cadres.PartyMember", verbose_name=_("谈话人(党员)"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="talks_initiated")
    initiator_name = models.CharField(_("谈话人(非本支部人员姓名)"), max_length=50, blank=True)
    counterparts = models.ManyToManyField("cadres.PartyMember", verbose_name=_("谈话对象(党员)"), blank=True,
                                          related_name="talks_received")
    counterpart_names = models.CharField(_("谈话对象(其他人员姓名)"), max_length=200, blank=True)
    note = models.TextField(_("谈话情况"), blank=True)

    objects = HeartToHeartTalkQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("谈心谈话")
        verbose_name_plural = _("谈心谈话")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["held_on"])]

    def __str__(self):
        return f"{self.held_on} {self.topic}"

    def get_absolute_url(self):
        return reverse("evaluations:talk_update", args=[self.pk])

    @property
    def initiator_display(self) -> str:
        return self.initiator.name if self.initiator_id else self.initiator_name

    def clean(self):
        errors = {}
        if not self.initiator_id and not self.initiator_name.strip():
            errors["initiator"] = _("请选择谈话人，或填写非本支部谈话人的姓名。")
        errors.update(future_date_errors(self, "held_on"))
        if self.held_on and "held_on" not in errors and self.organization_id \
                and self.organization.founded_on and self.held_on < self.organization.founded_on:
            errors["held_on"] = _("谈话日期不能早于该党组织的成立日期（%(d)s）。") % {
                "d": self.organization.founded_on.isoformat()}
        if errors:
            raise ValidationError(errors)
