"""The order rule as an invariant (Hypothesis): whatever steps are recorded with whatever dates, a new
step is accepted exactly when no earlier required step is missing and its date lies between the
dates of the recorded steps before and after it — worked out here from the definition, not the code."""
import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from .. import steps as catalogue
from ..models import DevelopmentStep

D0 = datetime.date(2020, 1, 1)


@settings(max_examples=300, deadline=None)
@given(recorded=st.dictionaries(st.integers(1, 25), st.integers(0, 2000), max_size=25),
       number=st.integers(1, 25), day=st.integers(0, 2000))
def test_a_step_is_accepted_exactly_when_it_keeps_the_order(recorded, number, day):
    recorded.pop(number, None)
    dates = {n: D0 + datetime.timedelta(days=d) for n, d in recorded.items()}
    done_on = D0 + datetime.timedelta(days=day)
    required_missing = any(n not in dates and not catalogue.BY_NUMBER[n].optional for n in range(1, number))
    in_order = all(d <= done_on for n, d in dates.items() if n < number) and \
        all(d >= done_on for n, d in dates.items() if n > number)
    errors = DevelopmentStep(step=number, done_on=done_on).sequence_errors(dates)
    assert (errors == {}) == (not required_missing and in_order)
    if required_missing:
        assert "step" in errors
