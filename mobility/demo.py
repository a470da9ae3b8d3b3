"""Demo 流动党员 and 失联党员 (run after the cadres demo): in every county, a few of its members out
(some returned, some out more than six months at a fixed place, one passing six months within the
month), a few incoming members, and one or two lost-contact cases (some found again). No figure of
the article reads these records."""
from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from branches.models import Area, PartyOrganization
from cadres.dates import add_months
from cadres.models import Gender, PartyMember

from .models import FloatingPeriod, FloatingReason, FoundOutcome, IncomingMember, LostContact, LostReason

PLACES = ["拉萨市城关区", "日喀则市桑珠孜区", "成都市武侯区", "西宁市城东区", "林芝市巴宜区", "那曲市色尼区"]
NAMES = ["扎西", "次仁", "顿珠", "卓玛", "央金", "格桑", "洛桑", "尼玛", "达瓦", "普布", "旺堆", "拉姆"]
ORIGINS = ["日喀则市仲巴县帕羊镇党委", "那曲市尼玛县文部乡党委", "拉萨市堆龙德庆区党委", "四川省甘孜州理塘县党委"]
FIRST_DAY = date(2019, 1, 1)


def _day_between(rng, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


@transaction.atomic
def load(*, seed: int = 2023) -> None:
    if FloatingPeriod.objects.exists() or LostContact.objects.exists() or IncomingMember.objects.exists():
        return
    rng = random.Random(seed)
    today = timezone.localdate()
    by_county: dict[str, list[PartyMember]] = {}
    for member in (PartyMember.objects.filter(stage__gte=PartyMember.Stage.PROBATIONARY, status="normal",
                                              admitted_on__lte=FIRST_DAY)
                   .select_related("organization__area").only("pk", "organization__area__path").order_by("pk")):
        by_county.setdefault(member.organization.area.path[: 2 * Area.steplen], []).append(member)
    floating, lost = [], []
    for index, (_county, members) in enumerate(sorted(by_county.items())):
        chosen = rng.sample(members, min(8, len(members)))
        for number, member in enumerate(chosen[:6]):
            floating.append(_period(rng, member, today, kind=(index + number) % 6, serial=len(floating) + 1))
        for number, member in enumerate(chosen[6: 8 if index < 2 else 7]):
            lost_since = _day_between(rng, FIRST_DAY, today - timedelta(days=120))
            found = number == 0 and index % 2 == 0 and lost_since < today - timedelta(days=240)
            found_on = _day_between(rng, lost_since + timedelta(days=200), today) if found else None
            lost.append(LostContact(
                member=member, lost_since=lost_since, reason=rng.choice(LostReason.values),
                search_efforts="通过家属、村委会和原工作单位查找" if number == 0 else "电话联系未接通",
                found_on=found_on, outcome=FoundOutcome.RESUMED if found_on else ""))
    FloatingPeriod.objects.bulk_create(floating)
    LostContact.objects.bulk_create(lost)
    _incoming(rng, today)


def _period(rng, member, today: date, *, kind: int, serial: int) -> FloatingPeriod:
    """kind 0–2: returned; 3: out more than six months at a fixed place (transfer due); 4: passing six
    months at a fixed place within the month; 5: out a few weeks."""
    if kind <= 2:
        left_on = _day_between(rng, FIRST_DAY, today - timedelta(days=400))
        returned_on = min(left_on + timedelta(days=rng.randint(30, 360)), today)
        fixed = kind == 2
    elif kind == 3:
        left_on, returned_on, fixed = _day_between(rng, FIRST_DAY, add_months(today, -8)), None, True
    elif kind == 4:
        left_on, returned_on, fixed = add_months(today, -6) + timedelta(days=rng.randint(3, 20)), None, True
    else:
        left_on, returned_on, fixed = today - timedelta(days=rng.randint(10, 60)), None, False
    reason = FloatingReason.WORK_BUSINESS if kind in (3, 4) else rng.choice(FloatingReason.values)
    return FloatingPeriod(
        member=member, left_on=left_on, destination=rng.choice(PLACES), reason=reason, fixed_place=fixed,
        certificate_number=f"LD{left_on.year}{serial:04d}" if kind != 5 else "", returned_on=returned_on,
        destination_organization="城关区流动党员党支部" if fixed else "")


def _incoming(rng, today: date) -> None:
    branches = list(PartyOrganization.objects.filter(kind=PartyOrganization.Kind.BRANCH, status="active",
                                                     area__level=Area.Level.VILLAGE).order_by("area__path", "pk"))
    rows = []
    for number, branch in enumerate(branches[:: max(len(branches) // 6, 1)][:6]):
        arrived_on = _day_between(rng, FIRST_DAY, today - timedelta(days=30))
        left = number % 3 == 0 and arrived_on < today - timedelta(days=200)
        rows.append(IncomingMember(
            name=rng.choice(NAMES) + rng.choice(NAMES), gender=rng.choice(Gender.values),
            origin_organization=rng.choice(ORIGINS), certificate_number=f"LR{arrived_on.year}{number + 1:04d}",
            arrived_on=arrived_on, left_on=arrived_on + timedelta(days=180) if left else None, organization=branch))
    IncomingMember.objects.bulk_create(rows)
