"""The lapse rule month by month at its edges (expected values worked out by hand)."""
import datetime

from hypothesis import given
from hypothesis import strategies as st

from lapse import rules
from lapse.rules import Month, Streak, streak

D = datetime.date
KEPT, MISSED, NEUTRAL = Month.KEPT, Month.MISSED, Month.NEUTRAL
JUNE = D(2024, 6, 1)
LONG_AGO = D(2006, 12, 1)


def states(**by_month):
    """states(apr=MISSED, ...) for 2024 (jan … dec), plus d23=... for December 2023."""
    names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    out = {}
    for name, state in by_month.items():
        out[D(2023, 12, 1) if name == "d23" else D(2024, names.index(name) + 1, 1)] = state
    return out


def test_the_reference_month_is_the_last_complete_month():
    assert rules.reference_month(D(2024, 7, 1)) == JUNE
    assert rules.reference_month(D(2024, 7, 31)) == JUNE
    assert rules.reference_month(D(2024, 1, 5)) == D(2023, 12, 1)


def test_levels_are_3_and_5():
    assert [rules.level(n) for n in range(0, 8)] == [0, 0, 0, 3, 3, 5, 5, 5]


def test_three_missed_months_ending_with_the_reference_month():
    found = streak(states(mar=KEPT, apr=MISSED, may=MISSED, jun=MISSED), reference=JUNE, admitted_on=LONG_AGO)
    assert found == Streak(3, D(2024, 4, 1), JUNE)


def test_a_kept_month_ends_the_count():
    assert streak(states(apr=KEPT, may=MISSED, jun=MISSED), reference=JUNE, admitted_on=LONG_AGO).months == 2
    assert streak(states(may=MISSED, jun=KEPT), reference=JUNE, admitted_on=LONG_AGO) == Streak(0, None, None)


def test_a_neutral_month_breaks_nothing_and_counts_nothing():
    found = streak(states(feb=KEPT, mar=MISSED, apr=NEUTRAL, may=MISSED, jun=NEUTRAL), reference=JUNE,
                   admitted_on=LONG_AGO)
    assert found == Streak(2, D(2024, 3, 1), D(2024, 5, 1))


def test_months_after_the_reference_month_are_not_looked_at():
    assert streak(states(jun=MISSED, jul=KEPT), reference=JUNE, admitted_on=LONG_AGO).months == 1


def test_months_before_the_admission_do_not_count():
    missed = states(**{m: MISSED for m in ("jan", "feb", "mar", "apr", "may", "jun")})
    # Admitted on 1 April: April counts; admitted on 2 April: it does not.
    assert streak(missed, reference=JUNE, admitted_on=D(2024, 4, 1)) == Streak(3, D(2024, 4, 1), JUNE)
    assert streak(missed, reference=JUNE, admitted_on=D(2024, 4, 2)) == Streak(2, D(2024, 5, 1), JUNE)
    assert streak(missed, reference=JUNE, admitted_on=D(2024, 7, 1)).months == 0


def test_the_count_looks_back_one_year_at_most():
    every = {rules.month_back(JUNE, n): MISSED for n in range(30)}
    assert streak(every, reference=JUNE, admitted_on=LONG_AGO) == Streak(12, D(2023, 7, 1), JUNE)


def test_the_count_crosses_the_new_year():
    found = streak(states(d23=MISSED, jan=MISSED, feb=MISSED), reference=D(2024, 2, 1), admitted_on=LONG_AGO)
    assert found == Streak(3, D(2023, 12, 1), D(2024, 2, 1))


def test_attendance_months():
    found = rules.attendance_states(roll_months={D(2024, 4, 1), D(2024, 5, 1)},
                                    present_months={D(2024, 5, 1), D(2024, 6, 1)})
    # April: a roll without the member; May: present; June: present at an activity (no roll needed).
    assert found == {D(2024, 4, 1): MISSED, D(2024, 5, 1): KEPT, D(2024, 6, 1): KEPT}


def test_dues_months():
    assert rules.dues_state(amount_due=0, paid=False) is NEUTRAL     # exempt
    assert rules.dues_state(amount_due=None, paid=False) is MISSED   # due, amount not yet known
    assert rules.dues_state(amount_due=1, paid=False) is MISSED
    assert rules.dues_state(amount_due=1, paid=True) is KEPT


def test_the_organizations_of_a_month_follow_the_transfers():
    transfers = [(D(2024, 3, 10), 1, 2), (D(2024, 5, 1), 2, 3)]
    of = lambda month: rules.organizations_in_month(month, current=3, transfers=transfers)  # noqa: E731
    assert of(D(2024, 2, 1)) == {1}
    assert of(D(2024, 3, 1)) == {1, 2}
    assert of(D(2024, 4, 1)) == {2}
    assert of(D(2024, 5, 1)) == {3}   # transferred on the 1st: the new organization all month
    assert of(D(2024, 6, 1)) == {3}
    assert rules.organizations_in_month(D(2024, 6, 1), current=7, transfers=[]) == {7}


month_states = st.dictionaries(st.integers(0, 20).map(lambda n: rules.month_back(JUNE, n)),
                               st.sampled_from(list(Month)))


@given(month_states)
def test_the_count_never_exceeds_the_missed_months_of_the_window(by_month):
    found = streak(by_month, reference=JUNE, admitted_on=LONG_AGO)
    in_window = [by_month.get(m, NEUTRAL) for m in rules.window(JUNE)]
    assert found.months <= in_window.count(MISSED) <= rules.LOOKBACK_MONTHS
    # Keeping the reference month clears it; one more missed month adds one (up to the window).
    assert streak({**by_month, JUNE: KEPT}, reference=JUNE, admitted_on=LONG_AGO).months == 0
    if by_month.get(JUNE, NEUTRAL) is NEUTRAL:
        assert streak({**by_month, JUNE: MISSED}, reference=JUNE, admitted_on=LONG_AGO).months == found.months + 1
