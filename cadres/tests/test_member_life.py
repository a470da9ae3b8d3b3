"""The stages section of a member's page (cadres.member_life): whole months between two dates."""
import datetime

import pytest

from cadres.member_life import months_between, span_text

D = datetime.date


@pytest.mark.parametrize("start, end, months", [
    (D(2005, 1, 10), D(2005, 6, 1), 4),     # the 10th of June not reached
    (D(2005, 1, 10), D(2005, 6, 10), 5),
    (D(2005, 6, 1), D(2006, 7, 1), 13),
    (D(2020, 1, 31), D(2020, 2, 29), 0),    # one day short of a month by the day of the month
    (D(2020, 12, 15), D(2021, 1, 15), 1),
])
def test_months_between(start, end, months):
    assert months_between(start, end) == months


def test_span_text_in_years_and_months():
    assert span_text(D(2005, 6, 1), D(2006, 7, 1)) == "1年1个月"
    assert span_text(D(2005, 6, 1), D(2007, 6, 1)) == "2年"
    assert span_text(D(2005, 6, 1), D(2005, 9, 2)) == "3个月"
    assert span_text(D(2005, 6, 1), D(2005, 5, 1)) == "0个月"  # a date before the start: nothing
