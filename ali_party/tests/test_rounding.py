"""四舍五入: published figures round half up to two decimals (the issue's own cases, worked by hand)."""
from decimal import Decimal

import pytest

from ali_party.rounding import percent, percentage_points, round_half_up
from funding.templatetags.money import percent as percent_filter, wan_yuan
from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit


@pytest.mark.parametrize("value, shown", [
    ("28.125", "28.13"), ("0.125", "0.13"), ("5894.345", "5894.35"), ("2.345", "2.35"), ("0.005", "0.01"),
    ("-1.665", "-1.67"),  # half away from zero, as a statistician rounds a negative change
    ("28.1249", "28.12"),
])
def test_it_rounds_half_up(value, shown):
    assert str(round_half_up(Decimal(value))) == shown


def test_a_rate_is_rounded_once_half_up():
    assert percent(18, 64) == Decimal("28.13")  # 28.125 exactly
    assert percent(1, 8) == Decimal("12.50") and percent(1, 800) == Decimal("0.13")  # 0.125
    assert percent(695, 863) == Decimal("80.53")  # the article's figure
    assert percent(5, 0) is None


def test_a_change_in_points_is_the_difference_of_unrounded_rates():
    # 28.125 % − 26.4549 % = 1.6701 → 1.67, while the rounded rates give 28.13 − 26.45 = 1.68.
    assert percentage_points((18, 64), (264549, 1000000)) == Decimal("1.67")
    assert round_half_up(Decimal("28.13") - Decimal("26.45")) == Decimal("1.68")
    assert percentage_points((1, 2), (0, 3)) == Decimal("50.00")
    assert percentage_points((1, 2), (0, 0)) is None


def test_the_catalogue_rounds_rates_and_wan_yuan_half_up():
    rate = Indicator(code="t.rate", name_zh="", name_en="", pillar=Pillar.SYSTEMS, unit=Unit.PERCENT, compute=list)
    money = Indicator(code="t.money", name_zh="", name_en="", pillar=Pillar.FUNDING, unit=Unit.WAN_YUAN, compute=list)
    assert rate.value_from(18, 64) == Decimal("28.13")
    assert money.value_from(Decimal("58943450"), None) == Decimal("5894.35")  # 5894.345 万元


def test_templates_round_half_up():
    assert wan_yuan(Decimal("58943450")) == "5,894.35 万元"
    assert percent_filter(Decimal("28.125")) == "28.13%"
