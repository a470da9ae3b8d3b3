"""组织换届: the terms (届) of the party organizations' leaderships, per 《关于党的基层组织任期的意见》
(2018): 基层党委 5 years, 党总支 and 党支部 3 years, 村(社区) party organizations 5 years.

A term is elected on a date and lasts until the next term of the same organization starts; it is
due for 换届 on `due_on`, which `term_due_date` alone computes (the service stores it). An election
held more than a year before or after the previous term's due date needs a recorded approval of
the higher committee (提前或延期换届).
"""
from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import ScopedQuerySet
from ali_party.validators import future_date_errors, same_county
from branches.models import Area, CommitteePost, PartyOrganization
from cadres.dates import add_months, add_years

# Years of one term (《关于党的基层组织任期的意见》, 2018).
COMMITTEE_TERM_YEARS = 5
BRANCH_TERM_YEARS = 3
VILLAGE_TERM_YEARS = 5
# An election moved more than this many months from the due date needs an approval.
RESCHEDULE_TOLERANCE_MONTHS = 12
# The reminder goes out this many months before the due date.
REMIND_MONTHS_BEFORE = 6


def is_village_organization(organization: PartyOrganization) -> bool:
    """The party organization of a village or community itself (村/社区党组织): sits in a village-level
    area, is not a unit's organization and not a work-group branch under another one."""
    return (organization.area.level == Area.Level.VILLAGE and not organization.unit_name.strip()
            and organization.kind != PartyOrganization.Kind.WORK_GROUP_BRANCH)


def term_years(organization: PartyOrganization) -> int:
    """How many years one term of `organization` lasts."""
    if organization.kind == PartyOrganization.Kind.COMMITTEE:
        return COMMITTEE_TERM_YEARS
    if is_village_organization(organization):
        return VILLAGE_TERM_YEARS
    return BRANCH_TERM_YEARS


def term_due_date(organization: PartyOrganization, start: date) -> date:
    """The one rule for when a term is due for 换届: its start plus the organization's term length
    (29 February falls back to 28 February)."""
    return add_years(start, term_years(organization))


def reschedule_window(due_on: date) -> tuple[date, date]:
    """The earliest and latest election dates for a successor that need no approval."""
    return add_months(due_on, -RESCHEDULE_TOLERANCE_MONTHS), add_months(due_on, RESCHEDULE_TOLERANCE_MONTHS)


def reminder_date(due_on: date) -> date:
    return add_months(due_on, -REMIND_MONTHS_BEFORE)


class TermQuerySet(ScopedQuerySet):
    def current(self):
        """The terms in office (no later term of the organization has started)."""
        return self.filter(ended_on__isnull=True)

    def overdue(self, today: date):
        """Terms in office past their due date, of organizations still active."""
        return self.current().filter(due_on__lt=today, organization__status=PartyOrganization.Status.ACTIVE)

    def due_soon(self, today: date):
        """Terms in office due within the reminder window (not yet overdue)."""
        return self.current().filter(due_on__gte=today, due_on__lte=add_months(today, REMIND_MONTHS_BEFORE),
                                     organization__status=PartyOrganization.Status.ACTIVE)


class Term(models.Model):
    """One term (届) of an organization's leadership (党委、总支或支部委员会, or the secretary).

    `due_on`, `previous` and `ended_on` are derived by the services (orglife.services): the due
    date from `term_due_date`, the chain of terms from their start dates (a term ends when the
    next one starts).
    """

    organization = models.ForeignKey(PartyOrganization, verbose_name=_("党组织"), on_delete=models.PROTECT,
                                     related_name="terms")
    number = models.PositiveSmallIntegerField(_("届次"), null=True, blank=True,
                                              help_text=_("第几届，可不填。"))
    election_date = models.DateField(_("选举日期"))
    start_date = models.DateField(_("任期开始日期"), help_text=_("一般为选举日期。"))
    due_on = models.DateField(_("任期届满日期"), editable=False)
    ended_on = models.DateField(_("任期结束日期"), null=True, blank=True, editable=False)
    previous = models.ForeignKey("self", verbose_name=_("上一届"), null=True, blank=True, editable=False,
                                 on_delete=models.SET_NULL, related_name="successors")
    approved_by = models.CharField(_("批复机关"), max_length=100, blank=True,
                                   help_text=_("批复选举结果的上级党组织。"))
    approval_number = models.CharField(_("批复文号"), max_length=100, blank=True)
    approved_on = models.DateField(_("批复日期"), null=True, blank=True)
    reschedule_approved_by = models.CharField(
        _("提前或延期换届批准机关"), max_length=100, blank=True,
        help_text=_("选举日期比上一届任期届满日期提前或推迟超过一年时必须填写。"))
    reschedule_number = models.CharField(_("提前或延期换届批准文号"), max_length=100, blank=True)
    reschedule_approved_on = models.DateField(_("提前或延期换届批准日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)

    objects = TermQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("换届")
        verbose_name_plural = _("换届")
        ordering = ["organization__area__path", "organization__name", "-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "start_date"], name="term_one_start_per_org",
                                    violation_error_message=_("该党组织已有同一天开始的一届任期。")),
            models.CheckConstraint(condition=models.Q(start_date__gte=models.F("election_date")),
                                   name="term_starts_after_election",
                                   violation_error_message=_("任期开始日期不能早于选举日期。")),
            models.CheckConstraint(condition=models.Q(due_on__gt=models.F("start_date")),
                                   name="term_due_after_start",
                                   violation_error_message=_("任期届满日期必须晚于任期开始日期。")),
        ]

    def __str__(self):
        label = _("第%(n)s届") % {"n": self.number} if self.number else self.start_date.isoformat()
        return f"{self.organization} {label}"

    def get_absolute_url(self):
        return reverse("orglife:term_detail", args=[self.pk])

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    @property
    def has_reschedule_approval(self) -> bool:
        return bool(self.reschedule_approved_by.strip() and self.reschedule_number.strip()
                    and self.reschedule_approved_on)

    @property
    def reminder_on(self) -> date:
        return reminder_date(self.due_on)

    def shift_errors(self, previous: Term | None) -> dict:
        """The election moved more than a year from `previous`'s due date without an approval."""
        if previous is None or not self.election_date:
            return {}
        earliest, latest = reschedule_window(previous.due_on)
        if earliest <= self.election_date <= latest or self.has_reschedule_approval:
            return {}
        moved = _("提前") if self.election_date < earliest else _("推迟")
        return {"election_date": _(
            "选举日期（%(date)s）比上一届任期届满日期（%(due)s）%(moved)s超过一年，须经上级党组织批准："
            "请填写提前或延期换届的批准机关、批准文号和批准日期。") % {
            "date": self.election_date.isoformat(), "due": previous.due_on.isoformat(), "moved": moved}}

    def clean(self):
        errors = future_date_errors(self, "election_date", "start_date", "approved_on", "reschedule_approved_on")
        if self.election_date and self.start_date and self.start_date < self.election_date:
            errors["start_date"] = _("任期开始日期不能早于选举日期。")
        if self.approved_on and self.election_date and self.approved_on < self.election_date:
            errors["approved_on"] = _("批复日期不能早于选举日期。")
        approval = [self.approved_by.strip(), self.approval_number.strip(), self.approved_on]
        if any(approval) and not all(approval):
            errors.setdefault("approved_by", _("批复机关、批复文号和批复日期须一并填写。"))
        reschedule = [self.reschedule_approved_by.strip(), self.reschedule_number.strip(),
                      self.reschedule_approved_on]
        if any(reschedule) and not all(reschedule):
            errors.setdefault("reschedule_approved_by",
                              _("提前或延期换届的批准机关、批准文号和批准日期须一并填写。"))
        if (self.reschedule_approved_on and self.election_date
                and self.reschedule_approved_on > self.election_date):
            errors["reschedule_approved_on"] = _("提前或延期换届须在选举前批准（批准日期不能晚于选举日期）。")
        if errors:
            raise ValidationError(errors)


class TermMember(models.Model):
    """One person elected in a term (书记、副书记、委员 …): a party member of the organization's county
    where one is recorded, else a name."""

    term = models.ForeignKey(Term, verbose_name=_("届次"), on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("职务"), max_length=30, choices=CommitteePost.Role.choices)
    member = models.ForeignKey("cadres.PartyMember", verbose_name=_("党员"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="terms_elected")
    person_name = models.CharField(_("姓名"), max_length=50, blank=True,
                                   help_text=_("选择党员后可不填；未登记为党员的（如上级派任）填写姓名。"))

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "term__organization__area"

    class Meta:
        verbose_name = _("当选班子成员")
        verbose_name_plural = _("当选班子成员")
        ordering = ["term", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["term", "member"], name="term_member_once",
                                    violation_error_message=_("该党员已在本届当选名单中。")),
        ]

    def __str__(self):
        return f"{self.get_role_display()} {self.display_name}"

    def get_absolute_url(self):
        return self.term.get_absolute_url()

    @property
    def display_name(self) -> str:
        return self.member.name if self.member_id else self.person_name

    def clean(self):
        from cadres.models import PartyMember

        errors = {}
        if not self.member_id and not self.person_name.strip():
            errors["person_name"] = _("请选择党员或填写姓名。")
        if self.member_id and self.term_id:
            county = self.term.organization.area.path[: 2 * Area.steplen]
            if not self.member.organization.area.path.startswith(county):
                errors["member"] = _("当选的党员必须是本县的党员。")
            elif self.member.stage != PartyMember.Stage.FULL or self.member.status != PartyMember.Status.NORMAL:
                # 预备党员 have neither the right to vote nor to be elected (党章第七条).
                errors["member"] = _("只有正式党员才能当选（预备党员没有被选举权）。")
        if errors:
            raise ValidationError(errors)


class AppraisalGrade(models.TextChoices):
    """The four grades of 《党委（党组）书记抓基层党建工作述职评议考核办法（试行）》."""

    GOOD = "good", _("好")
    FAIRLY_GOOD = "fairly_good", _("较好")
    AVERAGE = "average", _("一般")
    POOR = "poor", _("差")


# Graded 一般 or 差: the higher committee sets a rectification (整改要求 and 整改期限) and follows it up.
FOLLOW_UP_GRADES = (AppraisalGrade.AVERAGE, AppraisalGrade.POOR)


class SecretaryAppraisalQuerySet(ScopedQuerySet):
    def needing_follow_up(self):
        return self.filter(grade__in=FOLLOW_UP_GRADES)

    def follow_ups_overdue(self, today: date):
        """Rectifications past their deadline (the deadline before `today`) and not yet done."""
        return self.needing_follow_up().filter(rectification_deadline__lt=today, rectified_on__isnull=True)


class SecretaryAppraisal(models.Model):
    """One year's 述职评议考核 of an organization's secretary (书记抓基层党建工作述职评议考核): the
    secretary's report to the higher committee, the grade it gave (好/较好/一般/差) and, for 一般 and
    差, the rectification it required and its follow-up. Held for township 党委 secretaries (to the
    county 党委) and village (community) party-organization secretaries (to the township 党委)."""

    organization = models.ForeignKey(PartyOrganization, verbose_name=_("党组织"), on_delete=models.PROTECT,
                                     related_name="secretary_appraisals")
    year = models.PositiveSmallIntegerField(_("考核年度"))
    secretary = models.ForeignKey("cadres.PartyMember", verbose_name=_("书记"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="secretary_appraisals")
    secretary_name = models.CharField(_("书记姓名"), max_length=50, blank=True,
                                      help_text=_("选择党员后可不填；未登记为本组织党员的填写姓名。"))
    report_summary = models.TextField(_("述职报告摘要"))
    reported_on = models.DateField(_("述职日期"))
    grade = models.CharField(_("考核等次"), max_length=20, choices=AppraisalGrade.choices)
    assessed_by = models.CharField(_("考核评议机关"), max_length=100,
                                   help_text=_("组织述职评议考核的上级党委，如“噶尔县委”“狮泉河镇党委”。"))
    assessed_on = models.DateField(_("评定日期"))
    rectification_required = models.TextField(_("整改要求"), blank=True,
                                              help_text=_("考核等次为“一般”“差”的必须填写。"))
    rectification_deadline = models.DateField(_("整改期限"), null=True, blank=True,
                                              help_text=_("考核等次为“一般”“差”的必须填写。"))
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    rectification_result = models.TextField(_("整改结果"), blank=True)

    objects = SecretaryAppraisalQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("述职评议考核")
        verbose_name_plural = _("述职评议考核")
        ordering = ["-year", "organization__area__path", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="secretary_appraisal_once_a_year",
                                    violation_error_message=_("该党组织本年度已有述职评议考核记录。")),
        ]

    def __str__(self):
        return _("%(org)s %(year)s年度书记述职评议") % {"org": self.organization, "year": self.year}

    def get_absolute_url(self):
        return reverse("orglife:appraisal_detail", args=[self.pk])

    @property
    def display_secretary(self) -> str:
        return self.secretary.name if self.secretary_id else self.secretary_name

    @property
    def needs_follow_up(self) -> bool:
        return self.grade in FOLLOW_UP_GRADES

    def is_overdue(self, today: date) -> bool:
        return bool(self.needs_follow_up and self.rectification_deadline and self.rectified_on is None
                    and self.rectification_deadline < today)

    def clean(self):
        from django.utils import timezone

        errors = future_date_errors(self, "reported_on", "assessed_on", "rectified_on")
        if self.year is not None and self.year > timezone.localdate().year:
            errors["year"] = _("考核年度不能晚于今年。")
        if self.year is not None and self.reported_on and self.reported_on.year < self.year:
            errors.setdefault("reported_on", _("述职日期不能早于考核年度。"))
        if self.reported_on and self.assessed_on and self.assessed_on < self.reported_on:
            errors.setdefault("assessed_on", _("评定日期不能早于述职日期。"))
        if self.secretary_id is None and not self.secretary_name.strip():
            errors["secretary_name"] = _("请选择书记或填写书记姓名。")
        if self.secretary_id and self.organization_id:
            if not same_county(self.secretary.organization.area, self.organization.area):
                errors["secretary"] = _("书记必须是本县的党员。")
        if self.grade in FOLLOW_UP_GRADES:
            if not self.rectification_required.strip():
                errors["rectification_required"] = _("考核等次为“一般”或“差”的，必须填写整改要求。")
            if self.rectification_deadline is None:
                errors["rectification_deadline"] = _("考核等次为“一般”或“差”的，必须填写整改期限。")
            elif self.assessed_on and self.rectification_deadline < self.assessed_on:
                errors["rectification_deadline"] = _("整改期限不能早于评定日期。")
        elif self.grade and (self.rectification_required.strip() or self.rectification_deadline
                             or self.rectified_on or self.rectification_result.strip()):
            errors["grade"] = _("考核等次为“好”或“较好”的不需整改，请清空整改要求、整改期限和整改情况。")
        if self.rectified_on and self.assessed_on and self.rectified_on < self.assessed_on:
            errors.setdefault("rectified_on", _("整改完成日期不能早于评定日期。"))
        if self.rectified_on and not self.rectification_result.strip():
            errors["rectification_result"] = _("整改完成的，请填写整改结果。")
        elif self.rectification_result.strip() and not self.rectified_on:
            errors.setdefault("rectified_on", _("填写整改结果的，请填写整改完成日期。"))
        if errors:
            raise ValidationError(errors)
