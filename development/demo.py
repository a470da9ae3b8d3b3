"""Demo 发展党员纪实 (run after the cadres demo): the steps of the people in the procedure (applicants to
probationary members) and of a sample of the members admitted since 2019, each step's date agreeing
with the member's stage dates and in order; their 培养联系人 and 入党介绍人 (full members of the same
organization by then), the 集中培训 (3–5 days), and quarterly reports in the 预备期. Most are complete
and on time; about one in eight talks came late (over a month after the application), one in six
approvals after three months, and one in ten probationary members misses a quarterly report, so the
overdue list and the reminders have rows in every county. No figure of the article reads these rows.
"""
from __future__ import annotations

import random
from bisect import bisect_right
from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from cadres.dates import add_months
from cadres.models import PartyMember

from . import steps as catalogue
from .models import DevelopmentContact, DevelopmentStep, ProbationReport, probation_quarters

FULL_SAMPLE = 150  # members admitted since 2019 and since made full members, with all 25 steps
HANDLERS = ("支部书记", "支部副书记", "组织委员", "乡镇党委组织委员", "县委组织部")
ANCHORS = {number: s.member_date for number, s in catalogue.BY_NUMBER.items() if s.member_date}


def _between(rng, lo: date, hi: date) -> date:
    return lo if hi <= lo else lo + timedelta(days=rng.randint(0, (hi - lo).days))


def _dates(rng, member: PartyMember, today: date) -> dict[int, date]:
    """The dates of the steps the member has reached, in order, agreeing with the stage dates."""
    anchors = {n: getattr(member, field) for n, field in ANCHORS.items() if getattr(member, field)}
    last = max(anchors)
    # Beyond the last stage reached: the steps of that stage that follow it (up to today).
    reach = {1: 2, 3: 6, 7: 11, 15: 21, 23: 25}[last]
    dates: dict[int, date] = dict(anchors)
    late_talk = rng.random() < 0.12
    late_approval = rng.random() < 0.16
    points = sorted(anchors)
    for number in range(1, reach + 1):
        if number in dates:
            continue
        before = max(p for p in points if p < number)
        after = min((p for p in points if p > number), default=None)
        lo = dates[number - 1]
        hi = anchors[after] if after else today
        if number == catalogue.TALK:
            day = anchors[1] + timedelta(days=rng.randint(40, 55) if late_talk else rng.randint(5, 25))
        elif number == catalogue.APPROVAL:
            day = anchors[15] + timedelta(days=rng.randint(100, 150) if late_approval else rng.randint(20, 80))
        elif after is None:
            day = lo + timedelta(days=rng.randint(3, 30))
        else:
            share = (number - before) / (after - before)
            day = anchors[before] + timedelta(days=int((anchors[after] - anchors[before]).days * share))
        day = max(day, lo)
        if after is not None:
            day = min(day, hi)
        if day > today:
            break
        dates[number] = day
    return dict(sorted(dates.items()))


@transaction.atomic
def load(*, seed: int = 2023) -> None:
    if DevelopmentStep.objects.exists():
        return
    rng = random.Random(seed)
    today = timezone.localdate()
    people = list(PartyMember.objects.filter(
        stage__lte=PartyMember.Stage.PROBATIONARY, status=PartyMember.Status.NORMAL,
        applied_on__isnull=False).order_by("pk"))
    recent = list(PartyMember.objects.filter(stage=PartyMember.Stage.FULL, status=PartyMember.Status.NORMAL,
                                             admitted_on__gte=date(2019, 1, 1)).order_by("pk"))
    people += rng.sample(recent, min(FULL_SAMPLE, len(recent)))
    # Full members of each organization in good standing, by the date they became full members.
    full = defaultdict(list)
    for pk, org, on in PartyMember.objects.filter(stage=PartyMember.Stage.FULL, status=PartyMember.Status.NORMAL,
                                                   full_member_on__isnull=False).values_list(
            "pk", "organization_id", "full_member_on").order_by("full_member_on", "pk"):
        full[org].append((on, pk))
    steps, contacts, reports = [], [], []
    for member in people:
        dates = _dates(rng, member, today)
        pool = [pk for on, pk in full[member.organization_id][:bisect_right(
            [on for on, _pk in full[member.organization_id]], dates.get(catalogue.CONTACTS, today))]
            if pk != member.pk]
        if catalogue.CONTACTS in dates and not pool:
            dates = {n: d for n, d in dates.items() if n < catalogue.CONTACTS}  # nobody to name: stops at 4
        if catalogue.CONTACTS in dates:
            for pk in rng.sample(pool, min(len(pool), rng.choice((1, 2)))):
                contacts.append(DevelopmentContact(member=member, role=DevelopmentContact.Role.CONTACT,
                                                   contact_id=pk, from_on=dates[catalogue.CONTACTS]))
        if catalogue.SPONSORS in dates:
            sponsors = [pk for on, pk in full[member.organization_id]
                        if on <= dates[catalogue.SPONSORS] and pk != member.pk]
            if len(sponsors) < catalogue.SPONSORS_COUNT:
                dates = {n: d for n, d in dates.items() if n < catalogue.SPONSORS}
            else:
                for pk in rng.sample(sponsors, catalogue.SPONSORS_COUNT):
                    contacts.append(DevelopmentContact(member=member, role=DevelopmentContact.Role.SPONSOR,
                                                       contact_id=pk, from_on=dates[catalogue.SPONSORS]))
        for number, day in dates.items():
            training = {"training_days": rng.choice((3, 3, 4, 5)), "training_hours": None} \
                if number == catalogue.TRAINING else {}
            steps.append(DevelopmentStep(member=member, step=number, done_on=day, handled_by=rng.choice(HANDLERS),
                                         **training))
        if member.admitted_on:
            skip = rng.random() < 0.1
            for index, quarter in enumerate(probation_quarters(member, today)):
                if skip and index == 1:
                    continue
                reports.append(ProbationReport(member=member, quarter=quarter,
                                               submitted_on=min(add_months(quarter, 2) + timedelta(days=rng.randint(0, 25)),
                                                                today)))
    DevelopmentStep.objects.bulk_create(steps, batch_size=2000)
    DevelopmentContact.objects.bulk_create(contacts, batch_size=2000)
    ProbationReport.objects.bulk_create(reports, batch_size=2000)
