"""A small world of rolls, activities and dues ledgers for the lapse tests, worked out by hand.

Today 2024-07-10, so the reference month is June 2024. In 加木村党支部 (org_a1) a meeting with a roll
each month from January to June 2024:
- ok: present every month; every dues month paid                     -> no warning
- three: present January–March, absent April–June                   -> attendance 3 (2024-04 … 2024-06)
         dues paid January–February, unpaid March–June              -> dues 4 (2024-03 … 2024-06)
- five: present January, absent February–June                       -> attendance 5 (2024-02 … 2024-06)
        dues unpaid January–June, but exempt (0 due) in March       -> dues 5 (2024-01 … 2024-06)
- active: absent February–June, but named at an activity of org_a1 in May (and of 普兰 in June,
          which is not the member's organization)                   -> attendance 1: none
- moved: in 昆莎一村党支部 (org_a2) until 2024-04-15, present at its rolls January–March; then in
         org_a1, on its rolls April–June and absent                  -> attendance 3 (2024-04 … 2024-06)
- newcomer: 预备党员 admitted 2024-04-10, absent April–June          -> only May and June count: none
- suspended (停止党籍) and applicant (入党申请人), absent everywhere  -> none (not in good standing)
In 普兰一村党支部 (org_b1, the other county): far, absent from its rolls March–June -> attendance 4.
"""
import datetime
from decimal import Decimal
from types import SimpleNamespace

from activities.tests.factories import ActivityFactory
from cadres.models import OrganizationTransfer, PartyMember
from dues.models import DuesLedger, DuesLedgerLine, DuesPayment
from evaluations.models import MeetingAttendance, MeetingKind, OrganizationLifeMeeting
from evaluations.tests.factories import bulk_members

D = datetime.date
TODAY = D(2024, 7, 10)
MONTHS = range(1, 7)


def member(org, name, **extra):
    (created,) = bulk_members(org, 1, **{k: v for k, v in extra.items() if k in ("stage", "admitted_on")})
    fields = {"name": name, **{k: v for k, v in extra.items() if k not in ("stage", "admitted_on")}}
    PartyMember.objects.filter(pk=created.pk).update(**fields)
    created.refresh_from_db()
    return created


def roll(org, month, present=(), absent=()):
    kind = MeetingKind.objects.filter(is_active=True).order_by("pk").first()
    meeting = OrganizationLifeMeeting.objects.create(
        organization=org, kind=kind, held_on=D(2024, month, 20), topic=f"{month}月主题党日",
        expected_count=len(present) + len(absent), present_count=len(present))
    MeetingAttendance.objects.bulk_create(
        [MeetingAttendance(meeting=meeting, member=m, present=True) for m in present]
        + [MeetingAttendance(meeting=meeting, member=m, present=False, absence_reason="grazing") for m in absent])


def dues(org, member, *, paid=(), unpaid=(), exempt=()):
    receipts = DuesPayment.objects.count()
    for month in (*paid, *unpaid, *exempt):
        ledger, _ = DuesLedger.objects.get_or_create(organization=org, year=2024, month=month)
        payment = None
        if month in paid:
            receipts += 1
            payment = DuesPayment.objects.create(organization=org, member=member, receipt_no=f"R{receipts}",
                                                 paid_on=D(2024, month, 25), amount=Decimal("0.50"))
        DuesLedgerLine.objects.create(ledger=ledger, member=member, category="farmer_herder",
                                      amount_due=Decimal("0") if month in exempt else Decimal("0.50"),
                                      payment=payment)


def build(world):
    a1, a2, b1 = world.org_a1, world.org_a2, world.org_b1
    w = SimpleNamespace(
        ok=member(a1, "达瓦"), three=member(a1, "次仁"), five=member(a1, "卓玛"), active=member(a1, "格桑"),
        moved=member(a1, "扎西"),
        newcomer=member(a1, "央金", stage=PartyMember.Stage.PROBATIONARY, admitted_on=D(2024, 4, 10)),
        suspended=member(a1, "尼玛", status=PartyMember.Status.SUSPENDED, status_changed_on=D(2024, 1, 5)),
        applicant=member(a1, "拉姆", stage=PartyMember.Stage.APPLICANT, admitted_on=None),
        far=member(b1, "普布"),
    )
    OrganizationTransfer.objects.create(member=w.moved, from_organization=a2, to_organization=a1,
                                        transferred_on=D(2024, 4, 15))
    stay_away = [w.suspended, w.applicant]
    for month in MONTHS:
        present = [w.ok] + ([w.three] if month <= 3 else []) + ([w.five, w.active] if month == 1 else [])
        absent = ([w.three] if month > 3 else []) + ([w.five, w.active] if month > 1 else []) + stay_away \
            + ([w.moved] if month >= 4 else []) + ([w.newcomer] if month >= 4 else [])
        roll(a1, month, present=present, absent=absent)
        if month <= 3:
            roll(a2, month, present=[w.moved])
        roll(b1, month, present=[] if month >= 3 else [w.far], absent=[w.far] if month >= 3 else [])
    activity = ActivityFactory(organization=a1, held_on=D(2024, 5, 8))
    activity.attendees.add(w.active)
    elsewhere = ActivityFactory(organization=b1, held_on=D(2024, 6, 8))
    elsewhere.attendees.add(w.active)
    dues(a1, w.ok, paid=MONTHS)
    dues(a1, w.three, paid=(1, 2), unpaid=(3, 4, 5, 6))
    dues(a1, w.five, unpaid=(1, 2, 4, 5, 6), exempt=(3,))
    return w
