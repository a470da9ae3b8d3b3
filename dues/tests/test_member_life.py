"""The dues section of a member's page (dues.member_life): the 24-month window and its totals."""
import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from cadres.tests.factories import PartyMemberFactory
from dues.member_life import dues_history, window
from dues.models import DuesLedger, DuesLedgerLine, DuesPayment, DuesRelief

D = datetime.date


def test_the_window_is_24_months_ending_with_the_given_month():
    assert window(D(2023, 3, 15)) == ((2021, 4), (2023, 3))
    assert window(D(2023, 12, 1)) == ((2022, 1), (2023, 12))
    assert window(D(2023, 1, 31), months=12) == ((2022, 2), (2023, 1))


def line(member, organization, year, month, amount, *, paid=False, relief=None):
    ledger, _ = DuesLedger.objects.get_or_create(organization=organization, year=year, month=month)
    payment = (DuesPayment.objects.create(organization=organization, member=member, amount=Decimal("1.00"),
                                          receipt_no=f"{year}{month:02d}", paid_on=D(year, month, 28))
               if paid else None)
    return DuesLedgerLine.objects.create(ledger=ledger, member=member, amount_due=amount, payment=payment,
                                         relief=relief)


@pytest.mark.django_db
def test_it_counts_paid_owed_and_exempt_months_of_the_window(world):
    member = PartyMemberFactory(organization=world.org_a1)
    relief = DuesRelief.objects.create(member=member, kind=DuesRelief.Kind.EXEMPT, from_month=D(2022, 6, 1),
                                       to_month=D(2022, 6, 1), reason="因病", requested_by=world.alice)
    line(member, world.org_a1, 2021, 3, Decimal("2.00"), paid=True)   # before the window: not counted
    line(member, world.org_a1, 2021, 4, Decimal("2.00"), paid=True)   # first month of the window
    line(member, world.org_a1, 2022, 5, Decimal("2.00"))              # owed
    line(member, world.org_a1, 2022, 6, Decimal("0.00"), relief=relief)  # exempt
    line(member, world.org_a2, 2023, 2, Decimal("1.50"))              # owed, after a transfer
    line(member, world.org_a2, 2023, 3, None)                         # no profile: owed, amount unknown
    line(member, world.org_a2, 2023, 4, Decimal("1.50"), paid=True)   # paid ahead: not yet due, outside
    history = dues_history(member, today=D(2023, 3, 15))
    assert (history.first, history.last, history.up_to_now) == ((2021, 4), (2023, 3), True)
    assert (history.months_due, history.months_paid, history.months_owed, history.months_exempt) == (4, 1, 3, 1)
    assert (history.amount_due, history.amount_paid, history.amount_owed) == (
        Decimal("5.50"), Decimal("2.00"), Decimal("3.50"))
    cells = {(year, cell.month): cell for year, row in history.years for cell in row}
    assert [year for year, _row in history.years] == [2021, 2022, 2023]
    assert not cells[(2021, 3)].in_window and cells[(2021, 4)].in_window and not cells[(2023, 4)].in_window
    assert [cells[k].state for k in [(2021, 4), (2022, 5), (2022, 6), (2023, 2), (2023, 3), (2022, 1)]] == [
        "paid", "owed", "exempt", "owed", "unpriced", "none"]


@pytest.mark.django_db
def test_a_member_without_recent_ledgers_shows_the_last_24_months_of_the_record(world):
    member = PartyMemberFactory(organization=world.org_a1)
    line(member, world.org_a1, 2020, 7, Decimal("1.00"), paid=True)
    history = dues_history(member, today=D(2024, 1, 10))
    assert (history.first, history.last, history.up_to_now) == ((2018, 8), (2020, 7), False)
    assert (history.months_due, history.months_paid) == (1, 1)


class DuesHistoryInvariant(TestCase):
    """Whatever lines a member has, the totals of the window add up and match its cells."""

    @settings(max_examples=25, deadline=None)
    @given(st.lists(st.tuples(st.integers(0, 35), st.sampled_from(["paid", "owed", "none_amount"])),
                    unique_by=lambda t: t[0], max_size=20))
    def test_totals_add_up(self, months):
        from branches.models import Area, PartyOrganization

        root = Area.objects.add_root(instance=Area(name="阿里地区", level=Area.Level.PREFECTURE))
        village = Area.objects.add_child(root, instance=Area(name="村", level=Area.Level.VILLAGE))
        organization = PartyOrganization.objects.create(name="支部", kind="branch", area=village)
        member = PartyMemberFactory(organization=organization)
        today = D(2023, 6, 10)
        for index, kind in months:  # month index 0 = July 2020 … 35 = June 2023
            year, month = 2020 + (6 + index) // 12, (6 + index) % 12 + 1
            line(member, organization, year, month, None if kind == "none_amount" else Decimal("0.70"),
                 paid=kind == "paid")
        history = dues_history(member, today=today)
        assert history.months_due == history.months_paid + history.months_owed
        assert history.amount_due == history.amount_paid + history.amount_owed
        in_window = [c for _y, row in history.years for c in row if c.in_window]
        assert len(in_window) == 24
        assert sum(1 for c in in_window if c.state in ("owed", "unpriced")) == history.months_owed
        assert history.months_paid == sum(1 for c in in_window if c.state == "paid")
        # The window: the 24 months ending with the latest line's month (none: ending June 2023).
        last = max((i for i, _k in months), default=35)
        expected_in = [i for i, _k in months if i > last - 24]
        assert history.months_due == len(expected_in)
        # The totals worked out from the generated lines themselves (not only from each other).
        kinds = dict(months)
        paid = [i for i in expected_in if kinds[i] == "paid"]
        priced_owed = [i for i in expected_in if kinds[i] == "owed"]
        assert history.months_paid == len(paid)
        assert history.months_owed == len(expected_in) - len(paid)
        assert history.amount_paid == Decimal("0.70") * len(paid)
        assert history.amount_owed == Decimal("0.70") * len(priced_owed)
