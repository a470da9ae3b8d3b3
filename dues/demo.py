"""Demo records of the dues pillar (after cadres' demo): for one village branch in each county, every
party member's dues profile and the twelve monthly ledgers of 2022 with their payments — most on
time, some late (补缴), a few handed in by relatives (代缴), farmers and herders of one branch paying a
quarter at a time, a handful of members in arrears — one approved exemption and one request still
waiting for the level above.

No member, organization or any other pillar's record is created or changed, so none of the
article's figures moves (indicators/tests/test_article_figures.py).
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from ali_party.scoping import Role
from branches.models import Area, PartyOrganization
from cadres.models import PartyMember

from .models import DuesLedgerLine, DuesPayment, DuesProfile, DuesRelief, Frequency, month_end
from .rules import Category
from .services import ledger_sync

YEAR = 2022
PROXIES = ["次仁", "卓玛", "扎西", "央金", "格桑"]
FARMER_AMOUNTS = [Decimal("0.20"), Decimal("0.50"), Decimal("0.50"), Decimal("1.00")]


def _branches() -> list[PartyOrganization]:
    """In each county, the village branch with the most party members (加木村's in 噶尔县)."""
    chosen = []
    for county in Area.objects.filter(level=Area.Level.COUNTY).order_by("path"):
        branches = (PartyOrganization.objects.filter(area__path__startswith=county.path, kind="branch",
                                                     area__level=Area.Level.VILLAGE, status="active")
                    .order_by("area__path", "pk"))
        named = branches.filter(area__name="加木村").first()
        best = named or max(branches[:20], key=lambda b: b.members.filter(stage__gte=4).count(), default=None)
        if best is not None:
            chosen.append(best)
    return chosen


def _profile(rng: random.Random, member: PartyMember) -> DuesProfile:
    occupation = member.occupation
    if occupation == PartyMember.Occupation.RETIRED:
        return DuesProfile(member=member, category=Category.RETIRED,
                           base_income=Decimal(rng.randrange(3000, 8000)) + Decimal("0.50"))
    if occupation in (PartyMember.Occupation.CIVIL_SERVANT, PartyMember.Occupation.PUBLIC_INSTITUTION,
                      PartyMember.Occupation.ENTERPRISE):
        return DuesProfile(member=member, category=Category.IN_SERVICE,
                           base_income=Decimal(rng.randrange(2800, 12500)) + Decimal("0.25"))
    if occupation == PartyMember.Occupation.STUDENT:
        return DuesProfile(member=member, category=Category.STUDENT)
    return DuesProfile(member=member, category=Category.FARMER_HERDER, fixed_amount=rng.choice(FARMER_AMOUNTS),
                       frequency=Frequency.QUARTERLY if rng.random() < 0.3 else Frequency.MONTHLY)


def _clerk_of(organization) -> User | None:
    county = organization.area.path[: 2 * Area.steplen]
    return (User.objects.filter(role=Role.COUNTY_CLERK, scope_area__path=county).order_by("pk").first()
            or User.objects.filter(role=Role.PREFECTURE_STAFF).order_by("pk").first())


def _day(rng, year, month) -> date:
    return date(year, month, rng.randrange(1, 29))


@transaction.atomic
def load(*, seed: int = 2023) -> None:
    if DuesProfile.objects.exists():
        return  # already loaded
    rng = random.Random(seed)
    branches = _branches()
    if not branches:
        return
    prefecture = User.objects.filter(role=Role.PREFECTURE_STAFF).order_by("pk").first()
    for index, branch in enumerate(branches):
        members = list(branch.members.filter(stage__gte=PartyMember.Stage.PROBATIONARY).order_by("pk"))
        DuesProfile.objects.bulk_create([_profile(rng, m) for m in members])
        clerk = _clerk_of(branch)
        if clerk is not None and prefecture is not None and len(members) > 3:
            # One hardship exemption approved by the prefecture, one reduction still waiting.
            DuesRelief.objects.create(
                member=members[1], kind=DuesRelief.Kind.REDUCE, reduced_amount=Decimal("0.20"),
                from_month=date(YEAR + 1, 1, 1), to_month=date(YEAR + 1, 6, 1), reason="家中遭受雪灾，牲畜损失严重",
                requested_by=clerk)
            DuesRelief.objects.create(
                member=members[2], kind=DuesRelief.Kind.EXEMPT, from_month=date(YEAR, 7, 1),
                to_month=date(YEAR, 12, 1), reason="本人重病住院，家庭无其他收入", requested_by=clerk,
                status=DuesRelief.Status.APPROVED, decided_by=prefecture, decided_at=timezone.now(),
                decision_note="情况属实，同意免交")
        ledgers = [ledger_sync(organization=branch, year=YEAR, month=month) for month in range(1, 13)]
        _pay(rng, branch, ledgers, late_payers={m.pk for m in members[3:5]}, quarterly=index % 2 == 0)


def _pay(rng, branch, ledgers, *, late_payers: set[int], quarterly: bool) -> None:
    """Payments for the year's lines: most on time, some late, some never (arrears)."""
    lines_by_member: dict[int, list[DuesLedgerLine]] = {}
    for ledger in ledgers:
        for line in ledger.lines.select_related("member__dues_profile"):
            lines_by_member.setdefault(line.member_id, []).append(line)
    payments, groups, receipt = [], [], 0
    for member_id, lines in lines_by_member.items():
        lines = [line for line in lines if line.amount_due]  # exempt months owe nothing
        profile = lines[0].member.dues_profile if lines else None
        step = 3 if quarterly and profile is not None and profile.frequency == Frequency.QUARTERLY else 1
        owes_from = 10 if member_id in late_payers else 13  # the late payers stop in October: 3 months owed
        for start in range(0, len(lines), step):
            group = lines[start:start + step]
            first = group[0].ledger
            if first.month >= owes_from:
                break
            late = rng.random() < 0.08
            paid_on = (month_end(first.year, first.month) + timedelta(days=rng.randrange(3, 40)) if late
                       else _day(rng, first.year, first.month))
            receipt += 1
            payments.append(DuesPayment(
                organization=branch, member_id=member_id, receipt_no=f"{first.year}-{receipt:04d}", paid_on=paid_on,
                amount=sum((line.amount_due for line in group), Decimal("0.00")), is_back_payment=late,
                paid_by=f"{rng.choice(PROXIES)}（家属）" if rng.random() < 0.05 else ""))
            groups.append(group)
    DuesPayment.objects.bulk_create(payments)
    changed = []
    for payment, group in zip(payments, groups):
        for line in group:
            line.payment = payment
            changed.append(line)
    DuesLedgerLine.objects.bulk_update(changed, ["payment"], batch_size=500)
