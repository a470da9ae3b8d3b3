"""The monthly amount at the band edges, worked out by hand (amount = base × the rate of the band
the base falls in, rounded to the 分 half up)."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dues.rules import Category, monthly_dues

D = Decimal


@pytest.mark.parametrize("base, expected", [
    ("0.00", "0.00"),
    ("3000.00", "15.00"),      # 3000 × 0.5 %
    ("3000.01", "30.00"),      # 3000.01 × 1 % = 30.0001
    ("5000.00", "50.00"),      # 5000 × 1 %
    ("5000.01", "75.00"),      # 5000.01 × 1.5 % = 75.00015
    ("10000.00", "150.00"),    # 10000 × 1.5 %
    ("10000.01", "200.00"),    # 10000.01 × 2 % = 200.0002
    ("1001.00", "5.01"),       # 1001 × 0.5 % = 5.005: half up, not to even (5.00)
    ("4321.50", "43.22"),      # 4321.50 × 1 % = 43.215 → 43.22
    ("12345.67", "246.91"),    # 12345.67 × 2 % = 246.9134
])
def test_it_computes_in_service_bands(base, expected):
    assert monthly_dues(Category.IN_SERVICE, base=D(base)) == D(expected)


@pytest.mark.parametrize("base, expected", [
    ("3000.00", "15.00"),      # 0.5 %
    ("5000.00", "25.00"),      # 5000 × 0.5 %
    ("5000.01", "50.00"),      # 5000.01 × 1 % = 50.0001
    ("10000.01", "100.00"),    # retirees have no higher band
    ("4999.00", "25.00"),      # 24.995 → 25.00 half up
])
def test_it_computes_retired_bands(base, expected):
    assert monthly_dues(Category.RETIRED, base=D(base)) == D(expected)


def test_the_result_is_a_decimal_to_the_fen():
    amount = monthly_dues(Category.IN_SERVICE, base=D("3000.01"))
    assert isinstance(amount, Decimal) and amount.as_tuple().exponent == -2


@pytest.mark.parametrize("category", [Category.STUDENT, Category.UNEMPLOYED, Category.SUBSISTENCE])
def test_it_charges_twenty_fen_without_income(category):
    assert monthly_dues(category) == D("0.20")


@pytest.mark.parametrize("fixed", ["0.20", "0.50", "1.00"])
def test_farmers_pay_what_the_branch_set(fixed):
    assert monthly_dues(Category.FARMER_HERDER, fixed=D(fixed)) == D(fixed)


@pytest.mark.parametrize("fixed", ["0.19", "1.01"])
def test_it_refuses_a_farmer_amount_out_of_range(fixed):
    with pytest.raises(ValidationError) as error:
        monthly_dues(Category.FARMER_HERDER, fixed=D(fixed))
    assert "fixed_amount" in error.value.message_dict


def test_it_needs_the_base_for_income_categories():
    with pytest.raises(ValidationError) as error:
        monthly_dues(Category.IN_SERVICE)
    assert "base_income" in error.value.message_dict


def test_paying_more_is_allowed_but_not_less():
    assert monthly_dues(Category.IN_SERVICE, base=D("3000.00"), voluntary=D("20.00")) == D("20.00")
    assert monthly_dues(Category.IN_SERVICE, base=D("3000.00"), voluntary=D("15.00")) == D("15.00")
    with pytest.raises(ValidationError) as error:
        monthly_dues(Category.IN_SERVICE, base=D("3000.00"), voluntary=D("14.99"))
    assert "voluntary_amount" in error.value.message_dict
