"""The lapse demo: the daily job run on the demo's dues as of 2023-01-01. Checked against the rule
worked out in the test from the raw ledger lines (SQL): the same members warned, with the same
months; the demo records no roll calls, so no attendance warning. Loading twice changes nothing."""
from datetime import date

from django.core.management import call_command
from django.db import connection

from branches import demo as branches_demo
from branches.services import load_ngari_tree
from cadres import demo as cadres_demo
from cadres.models import PartyMember
from dues import demo as dues_demo
from lapse import demo
from lapse.models import Kind, LapseWarning

# Every ledger line of 2022 of a member in good standing (probationary or full, 正常, admitted).
LINES_2022 = """
SELECT m.id, m.admitted_on, g.month, l.amount_due, l.payment_id
FROM dues_duesledgerline l JOIN dues_duesledger g ON g.id = l.ledger_id JOIN cadres_partymember m ON m.id = l.member_id
WHERE g.year = 2022 AND m.status = 'normal' AND m.stage IN (4, 5) AND m.admitted_on IS NOT NULL
"""


def expected_dues_warnings() -> dict[int, tuple[int, date, date]]:
    """By 党章's rule as the lapse warning states it, worked out here from the raw lines: going back
    from December 2022 (the last complete month on 2023-01-01) over the 12 months of 2022, a month
    with a paid line stops the count, a month with a line owing something (or an amount not yet
    known) counts, a month with nothing owed (no line, or 0 due) is passed over; months starting
    before the admission are not looked at. 3 months or more is a warning."""
    with connection.cursor() as cursor:
        cursor.execute(LINES_2022)
        rows = cursor.fetchall()
    admitted, months = {}, {}
    for member_id, admitted_on, month, amount_due, payment_id in rows:
        admitted[member_id] = admitted_on if isinstance(admitted_on, date) else date.fromisoformat(str(admitted_on))
        state = "paid" if payment_id is not None else ("none" if amount_due is not None and amount_due == 0 else "owed")
        # Two lines in a month (a transfer): paid over owed over nothing due.
        rank = {"none": 0, "owed": 1, "paid": 2}
        if rank[state] > rank[months.setdefault(member_id, {}).get(month, "none")]:
            months[member_id][month] = state
    found = {}
    for member_id, by_month in months.items():
        count, first, last = 0, None, None
        for month in range(12, 0, -1):
            if date(2022, month, 1) < admitted[member_id] or by_month.get(month) == "paid":
                break
            if by_month.get(month) == "owed":
                count += 1
                first, last = month, last or month
        if count >= 3:
            found[member_id] = (count, date(2022, first, 1), date(2022, last, 1))
    return found


def test_the_demo_warns_exactly_the_members_with_three_owed_months_and_changes_no_member(db):
    load_ngari_tree()
    call_command("load_demo_accounts", stdout=None)
    branches_demo.load()
    cadres_demo.load()
    dues_demo.load()
    members = list(PartyMember.objects.order_by("pk").values_list("pk", "organization_id", "stage", "status"))
    demo.load()
    first = list(LapseWarning.objects.order_by("pk").values_list("member_id", "kind", "months", "last_month"))
    demo.load()  # idempotent
    assert list(LapseWarning.objects.order_by("pk").values_list(
        "member_id", "kind", "months", "last_month")) == first
    assert list(PartyMember.objects.order_by("pk").values_list("pk", "organization_id", "stage", "status")) == members

    expected = expected_dues_warnings()
    warned = LapseWarning.objects.filter(kind=Kind.DUES)
    assert {w.member_id: (w.months, w.first_month, w.last_month) for w in warned} == expected
    # The dues demo's late payers (two per branch, one branch per county) owe October to December.
    assert sum(1 for months, _first, last in expected.values() if last == date(2022, 12, 1) and months == 3) >= 7
    assert set(warned.values_list("computed_on", flat=True)) == {date(2023, 1, 1)}
    assert not LapseWarning.objects.filter(kind=Kind.ATTENDANCE).exists()
