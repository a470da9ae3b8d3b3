"""流动党员和失联党员 (issue 19, item 2).

- `FloatingPeriod` (流出): one of our members away from home for a period. Out up to six months the
  member keeps the organization relation (流动党员活动证); out more than six months at a fixed place
  (住所或工作单位) the relation should be transferred there: `transfer_due_on` is that one rule.
- `IncomingMember` (流入): a member of another place living here, attending one of our branches;
  the relation stays where it is, so no member record and no personal data beyond the name.
- `LostContact` (失联党员): a member with whom the organization lost contact. The member counts as
  失联 once more than six months have passed since `lost_since` (`counts_as_lost_on`). Nothing here
  ever changes the member's status: what to do is the branch's decision.

"More than six months" (`more_than_six_months`): on day D, a period that started on S is more than six
months old when D is after S plus six calendar months (S = 30 June: 30 December is six months, 31
December more than six). `six_months_cutoff(D)` is the latest start date that is more than six
months old on D, which the selectors compare with in SQL.
"""
from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import ScopedQuerySet
from ali_party.stock import in_force_on
from ali_party.validators import future_date_errors
from cadres.dates import add_months
from cadres.models import Gender

SIX_MONTHS = 6
ONE_DAY = timedelta(days=1)


def more_than_six_months(since: date, on: date) -> bool:
    """The one rule: on `on`, more than six months have passed since `since`."""
    return on > add_months(since, SIX_MONTHS)


def six_months_cutoff(on: date) -> date:
    """The latest start date that is more than six months before `on` (`more_than_six_months` holds
    for every start date up to it and for none after: add_months never goes backwards)."""
    day = add_months(on, -SIX_MONTHS)
    while not more_than_six_months(day, on):
        day -= ONE_DAY
    while more_than_six_months(day + ONE_DAY, on):
        day += ONE_DAY
    return day


def six_months_reached_on(since: date) -> date:
    """The first day on which more than six months have passed since `since`."""
    return add_months(since, SIX_MONTHS) + ONE_DAY


class FloatingReason(models.TextChoices):
    WORK_BUSINESS = "work_business", _("务工经商")
    STUDY_TRAINING = "study_training", _("学习培训")
    FAMILY = "family", _("随迁")
    RESIDENCE = "residence", _("异地居住")
    OTHER = "other", _("其他")


class LostReason(models.TextChoices):
    WORK_BUSINESS = "work_business", _("外出务工经商失联")
    JOB_CHANGE = "job_change", _("因工作调动或单位变动失联")
    RELATION_TRANSFER = "relation_transfer", _("因组织关系转接失联")
    RELOCATION = "relocation", _("因拆迁搬迁失联")
    OTHER = "other", _("其他原因失联")


class FoundOutcome(models.TextChoices):
    RESUMED = "resumed", _("恢复正常组织生活")
    TRANSFERRED = "transferred", _("转接组织关系")
    OTHER = "other", _("其他")


def _member_errors(member, *, field: str = "member") -> dict:
    """A new record is of a party member (预备 or 正式) in good standing."""
    from cadres.models import PartyMember

    if member.stage < PartyMember.Stage.PROBATIONARY or member.status != PartyMember.Status.NORMAL:
        return {field: _("只能登记党籍正常的预备党员或正式党员。")}
    return {}


class FloatingPeriodQuerySet(ScopedQuerySet):
    def out(self):
        return self.filter(returned_on__isnull=True)

    def out_on(self, day: date):
        """Periods in force on `day` (left by then, not returned before it: the return date is the
        last day counted, ali_party.stock)."""
        return self.filter(in_force_on(day, start="left_on", end="returned_on"))

    def transfer_due(self, today: date):
        """Out, at a fixed place, more than six months on `today`."""
        return self.out().filter(fixed_place=True, left_on__lte=six_months_cutoff(today))

    def reaching_six_months(self, today: date):
        """Out, at a fixed place, passing six months within the next month."""
        return self.out().filter(fixed_place=True, left_on__gt=six_months_cutoff(today),
                                 left_on__lte=six_months_cutoff(add_months(today, 1)))


class FloatingPeriod(models.Model):
    """流动党员登记 (流出): a member of ours away from home, from `left_on` until `returned_on`."""

    member = models.ForeignKey("cadres.PartyMember", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="floating_periods")
    left_on = models.DateField(_("外出日期"))
    destination = models.CharField(_("外出地点"), max_length=100)
    destination_organization = models.CharField(_("流入地党组织"), max_length=100, blank=True)
    reason = models.CharField(_("外出原因"), max_length=20, choices=FloatingReason.choices)
    certificate_number = models.CharField(_("流动党员活动证号"), max_length=40, blank=True)
    fixed_place = models.BooleanField(_("在外出地有固定住所或工作单位"), default=False)
    returned_on = models.DateField(_("返回日期"), null=True, blank=True, help_text=_("仍在外出的留空。"))
    note = models.TextField(_("备注"), blank=True)

    objects = FloatingPeriodQuerySet.as_manager()
    scope_area_field = "member__organization__area"

    class Meta:
        verbose_name = _("流动党员登记")
        verbose_name_plural = _("流动党员登记")
        ordering = ["member__organization__area__path", "member__name", "-left_on", "pk"]
        indexes = [models.Index(fields=["member", "left_on"])]
        constraints = [
            models.UniqueConstraint(fields=["certificate_number"], condition=~Q(certificate_number=""),
                                    name="floating_certificate_unique",
                                    violation_error_message=_("该流动党员活动证号已登记。")),
            models.UniqueConstraint(fields=["member"], condition=Q(returned_on__isnull=True),
                                    name="floating_one_open_period",
                                    violation_error_message=_("该党员已有一条尚未返回的外出登记。")),
            models.CheckConstraint(condition=Q(returned_on__isnull=True) | Q(returned_on__gte=models.F("left_on")),
                                   name="floating_returned_after_left",
                                   violation_error_message=_("返回日期不能早于外出日期。")),
        ]

    def __str__(self):
        return f"{self.member} {self.left_on.isoformat()} {self.destination}"

    def get_absolute_url(self):
        return reverse("mobility:floating_detail", args=[self.pk])

    @property
    def is_out(self) -> bool:
        return self.returned_on is None

    def transfer_due_on(self) -> date | None:
        """The day from which the organization relation should be transferred (out more than six
        months at a fixed place), or None when that does not apply (no fixed place)."""
        if not self.fixed_place or not self.left_on:
            return None
        return six_months_reached_on(self.left_on)

    def transfer_warning(self, today: date) -> bool:
        """应转移组织关系: still out, at a fixed place, more than six months on `today`."""
        return self.is_out and self.fixed_place and more_than_six_months(self.left_on, today)

    def clean(self):
        errors = future_date_errors(self, "left_on", "returned_on")
        if self.left_on and self.returned_on and self.returned_on < self.left_on:
            errors["returned_on"] = _("返回日期不能早于外出日期。")
        self.certificate_number = (self.certificate_number or "").strip()
        if self.member_id and self._state.adding:
            errors.update(_member_errors(self.member))
        if self.member_id and self.left_on and not errors:
            errors.update(self._overlap_errors())
        if errors:
            raise ValidationError(errors)

    def _overlap_errors(self) -> dict:
        """No two periods of one member overlap (and so at most one is open)."""
        others = FloatingPeriod.objects.filter(member_id=self.member_id).exclude(pk=self.pk)
        # Another period overlaps when it began by this one's end and did not end before this one began.
        overlapping = others.filter(Q(returned_on__isnull=True) | Q(returned_on__gte=self.left_on))
        if self.returned_on:
            overlapping = overlapping.filter(left_on__lte=self.returned_on)
        other = overlapping.order_by("left_on").first()
        if other is None:
            return {}
        if other.returned_on is None and self.returned_on is None:
            return {"returned_on": _("该党员已有一条尚未返回的外出登记（%(date)s外出），请先登记其返回日期。") % {
                "date": other.left_on.isoformat()}}
        return {"left_on": _("与该党员的另一次外出（%(start)s至%(end)s）时间重叠。") % {
            "start": other.left_on.isoformat(),
            "end": other.returned_on.isoformat() if other.returned_on else _("今")}}


class IncomingMember(models.Model):
    """流入党员: a member of another place living here and attending one of our branches, the
    organization relation staying at home. Only what the branch needs: no ID number."""

    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices)
    origin_organization = models.CharField(_("流出地党组织"), max_length=100)
    certificate_number = models.CharField(_("流动党员活动证号"), max_length=40, blank=True)
    arrived_on = models.DateField(_("流入日期"))
    left_on = models.DateField(_("离开日期"), null=True, blank=True, help_text=_("仍在本地的留空。"))
    organization = models.ForeignKey("branches.PartyOrganization", verbose_name=_("参加组织生活的党组织"),
                                     on_delete=models.PROTECT, related_name="incoming_members")
    note = models.TextField(_("备注"), blank=True)

    objects = ScopedQuerySet.as_manager()
    scope_area_field = "organization__area"

    class Meta:
        verbose_name = _("流入党员")
        verbose_name_plural = _("流入党员")
        ordering = ["organization__area__path", "name", "-arrived_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("arrived_on")),
                                   name="incoming_left_after_arrived",
                                   violation_error_message=_("离开日期不能早于流入日期。")),
        ]

    def __str__(self):
        return f"{self.name}（{self.origin_organization}）"

    def get_absolute_url(self):
        return reverse("mobility:incoming_detail", args=[self.pk])

    def clean(self):
        errors = future_date_errors(self, "arrived_on", "left_on")
        if self.arrived_on and self.left_on and self.left_on < self.arrived_on:
            errors["left_on"] = _("离开日期不能早于流入日期。")
        if errors:
            raise ValidationError(errors)


class LostContactQuerySet(ScopedQuerySet):
    def open(self):
        return self.filter(found_on__isnull=True)

    def lost_on(self, day: date):
        """失联 on `day`: lost more than six months before it and not found before it (the day
        contact was restored is the last day counted, ali_party.stock)."""
        return self.filter(lost_since__lte=six_months_cutoff(day)).filter(
            Q(found_on__isnull=True) | Q(found_on__gte=day))


class LostContact(models.Model):
    """失联党员: a member with whom the organization has lost contact since `lost_since`."""

    member = models.ForeignKey("cadres.PartyMember", verbose_name=_("党员"), on_delete=models.PROTECT,
                               related_name="lost_contacts")
    lost_since = models.DateField(_("失去联系日期"))
    reason = models.CharField(_("失联原因"), max_length=20, choices=LostReason.choices)
    search_efforts = models.TextField(_("查找联系情况"), blank=True,
                                      help_text=_("通过哪些途径查找、联系过哪些人。"))
    found_on = models.DateField(_("恢复联系日期"), null=True, blank=True, help_text=_("仍未联系上的留空。"))
    outcome = models.CharField(_("恢复联系后的处置"), max_length=20, choices=FoundOutcome.choices, blank=True)
    note = models.TextField(_("备注"), blank=True)

    objects = LostContactQuerySet.as_manager()
    scope_area_field = "member__organization__area"

    class Meta:
        verbose_name = _("失联党员")
        verbose_name_plural = _("失联党员")
        ordering = ["member__organization__area__path", "member__name", "-lost_since", "pk"]
        indexes = [models.Index(fields=["member", "lost_since"])]
        constraints = [
            models.UniqueConstraint(fields=["member"], condition=Q(found_on__isnull=True),
                                    name="lost_contact_one_open_case",
                                    violation_error_message=_("该党员已有一条尚未恢复联系的失联登记。")),
            models.CheckConstraint(condition=Q(found_on__isnull=True) | Q(found_on__gte=models.F("lost_since")),
                                   name="lost_contact_found_after_lost",
                                   violation_error_message=_("恢复联系日期不能早于失去联系日期。")),
        ]

    def __str__(self):
        return f"{self.member} {self.lost_since.isoformat()}"

    def get_absolute_url(self):
        return reverse("mobility:lost_detail", args=[self.pk])

    def counts_as_lost_on(self, day: date) -> bool:
        """失联 on `day` (the rule of LostContactQuerySet.lost_on)."""
        return (more_than_six_months(self.lost_since, day)
                and (self.found_on is None or self.found_on >= day))

    def clean(self):
        errors = future_date_errors(self, "lost_since", "found_on")
        if self.lost_since and self.found_on and self.found_on < self.lost_since:
            errors["found_on"] = _("恢复联系日期不能早于失去联系日期。")
        if self.found_on and not self.outcome:
            errors["outcome"] = _("恢复联系后请填写处置情况。")
        if self.outcome and not self.found_on:
            errors["found_on"] = _("填写处置情况时须填写恢复联系日期。")
        if self.member_id and self._state.adding:
            errors.update(_member_errors(self.member))
        if self.member_id and self.lost_since and not errors:
            others = LostContact.objects.filter(member_id=self.member_id).exclude(pk=self.pk).filter(
                Q(found_on__isnull=True) | Q(found_on__gte=self.lost_since))
            if self.found_on:
                others = others.filter(lost_since__lte=self.found_on)
            other = others.order_by("lost_since").first()
            if other is not None:
                errors["lost_since"] = _("与该党员的另一条失联登记（%(date)s起）时间重叠。") % {
                    "date": other.lost_since.isoformat()}
        if errors:
            raise ValidationError(errors)
