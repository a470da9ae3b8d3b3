"""The one write of this app: the daily snapshot of lapse warnings (rules.py), replaced whole in one
transaction. It reads in a fixed number of bulk queries (members, transfers, rolls, activity
attendees, dues lines) whatever the number of members, and never changes a PartyMember."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db import transaction

from activities.models import Activity
from cadres.models import OrganizationTransfer, PartyMember
from dues.models import DuesLedgerLine
from evaluations.models import MeetingAttendance

from . import rules
from .models import Kind, LapseWarning


DUES_RANK = {rules.Month.NEUTRAL: 0, rules.Month.MISSED: 1, rules.Month.KEPT: 2}


def _month(day: date) -> date:
    return day.replace(day=1)


@transaction.atomic
def warnings_compute(*, today: date) -> int:
    """Replace the snapshot with the warnings as of `today` (reference: the last complete month).
    Returns how many warnings were written."""
    reference = rules.reference_month(today)
    months = rules.window(reference)
    start, end = months[-1], rules.month_back(reference, -1)  # [start, end)

    members = list(PartyMember.objects.filter(
        stage__gte=PartyMember.Stage.PROBATIONARY, status=PartyMember.Status.NORMAL,
        admitted_on__isnull=False, admitted_on__lt=end).values_list("pk", "organization_id", "admitted_on"))
    transfers: dict[int, list] = defaultdict(list)
    for member_id, on, from_id, to_id in OrganizationTransfer.objects.order_by(
            "member_id", "transferred_on", "pk").values_list(
            "member_id", "transferred_on", "from_organization_id", "to_organization_id"):
        transfers[member_id].append((on, from_id, to_id))

    # Rolls of the window: where and when each member was on a roll (present or absent), and
    # present. A member is judged only by the rolls they are on: a 支委会 or 党小组会 roll leaves
    # the rest of the branch off it, and says nothing about them.
    on_roll: dict[int, set[tuple[int, date]]] = defaultdict(set)
    present: dict[int, set[tuple[int, date]]] = defaultdict(set)
    for member_id, organization_id, held_on, was_present in MeetingAttendance.objects.filter(
            meeting__held_on__gte=start, meeting__held_on__lt=end).values_list(
            "member_id", "meeting__organization_id", "meeting__held_on", "present").iterator(chunk_size=5000):
        on_roll[member_id].add((organization_id, _month(held_on)))
        if was_present:
            present[member_id].add((organization_id, _month(held_on)))
    for member_id, organization_id, held_on in Activity.attendees.through.objects.filter(
            activity__held_on__gte=start, activity__held_on__lt=end).values_list(
            "partymember_id", "activity__organization_id", "activity__held_on").iterator(chunk_size=5000):
        present[member_id].add((organization_id, _month(held_on)))

    dues: dict[int, dict[date, rules.Month]] = defaultdict(dict)
    for member_id, year, month, amount_due, payment_id in DuesLedgerLine.objects.filter(
            ledger__year__gte=start.year, ledger__year__lte=reference.year).values_list(
            "member_id", "ledger__year", "ledger__month", "amount_due", "payment_id").iterator(chunk_size=5000):
        first = date(year, month, 1)
        if start <= first <= reference:
            state = rules.dues_state(amount_due=amount_due, paid=payment_id is not None)
            # Two lines in one month (a transfer mid-month): a paid one keeps the month, else an
            # owed one misses it, whichever line comes first.
            dues[member_id][first] = max(dues[member_id].get(first, rules.Month.NEUTRAL), state, key=DUES_RANK.get)

    found = []
    for member_id, organization_id, admitted_on in members:
        history = transfers.get(member_id, [])
        rolled, attended = set(), set()
        for month in months:
            belonged = rules.organizations_in_month(month, current=organization_id, transfers=history)
            if any((org, month) in on_roll.get(member_id, ()) for org in belonged):
                rolled.add(month)
            if any((org, month) in present.get(member_id, ()) for org in belonged):
                attended.add(month)
        states = {Kind.ATTENDANCE: rules.attendance_states(roll_months=rolled, present_months=attended),
                  Kind.DUES: dues.get(member_id, {})}
        for kind, by_month in states.items():
            streak = rules.streak(by_month, reference=reference, admitted_on=admitted_on)
            if rules.level(streak.months):
                found.append(LapseWarning(
                    member_id=member_id, organization_id=organization_id, kind=kind, months=streak.months,
                    first_month=streak.first_month, last_month=streak.last_month, computed_on=today))
    LapseWarning.objects.all().delete()
    LapseWarning.objects.bulk_create(found, batch_size=1000)
    return len(found)
