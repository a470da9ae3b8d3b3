"""The one rule for a member's monthly dues (中组发〔2008〕3号《关于中国共产党党费收缴、使用和管理的规定》).

- 在职党员: monthly income after tax (fixed items) ≤ 3000 元 0.5 %, 3000–5000 元 1 %, 5000–10000 元
  1.5 %, above 10000 元 2 % — of the whole base: the band the base falls in decides the rate;
- 离退休党员: ≤ 5000 元 0.5 %, above 5000 元 1 %;
- 农牧民党员: a fixed amount of 0.2–1 元 a month, set by the branch;
- 学生、下岗失业、享受最低生活保障的党员: 0.2 元 a month;
- paying more is allowed: a voluntary amount not below the computed one replaces it.

The amount is rounded to the 分, half up (ali_party.rounding).
"""
from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ali_party.rounding import round_half_up

FARMER_MIN = Decimal("0.20")
FARMER_MAX = Decimal("1.00")
MINIMUM_AMOUNT = Decimal("0.20")  # students, the unemployed, members on 低保

# (upper bound of the band inclusive, rate); None: no upper bound.
IN_SERVICE_BANDS = [
    (Decimal("3000"), Decimal("0.005")),
    (Decimal("5000"), Decimal("0.01")),
    (Decimal("10000"), Decimal("0.015")),
    (None, Decimal("0.02")),
]
RETIRED_BANDS = [
    (Decimal("5000"), Decimal("0.005")),
    (None, Decimal("0.01")),
]


class Category(models.TextChoices):
    IN_SERVICE = "in_service", _("在职党员")
    RETIRED = "retired", _("离退休党员")
    FARMER_HERDER = "farmer_herder", _("农牧民党员")
    STUDENT = "student", _("学生党员")
    UNEMPLOYED = "unemployed", _("下岗失业或无固定收入党员")
    SUBSISTENCE = "subsistence", _("享受最低生活保障的党员")


INCOME_CATEGORIES = {Category.IN_SERVICE, Category.RETIRED}
FLAT_CATEGORIES = {Category.STUDENT, Category.UNEMPLOYED, Category.SUBSISTENCE}


def _rate(bands, base: Decimal) -> Decimal:
    for upper, rate in bands:
        if upper is None or base <= upper:
            return rate
    raise AssertionError("the last band has no upper bound")


def monthly_dues(category: str, *, base: Decimal | None = None, fixed: Decimal | None = None,
                 voluntary: Decimal | None = None) -> Decimal:
    """The monthly dues in yuan (Decimal, to the 分, half up) of a member of `category`.

    `base`: monthly income after tax (fixed items), for 在职 and 离退休 members; `fixed`: the amount the
    branch set for a 农牧民党员 (0.20–1.00); `voluntary`: what the member chose to pay, at least the
    computed amount. Raises ValidationError (by field) when a needed value is missing or out of range.
    """
    if category in INCOME_CATEGORIES:
        if base is None:
            raise ValidationError({"base_income": _("在职和离退休党员须填写月工资收入（税后）。")})
        base = Decimal(base)
        if base < 0:
            raise ValidationError({"base_income": _("月工资收入不能为负数。")})
        bands = IN_SERVICE_BANDS if category == Category.IN_SERVICE else RETIRED_BANDS
        computed = round_half_up(base * _rate(bands, base))
    elif category == Category.FARMER_HERDER:
        if fixed is None:
            raise ValidationError({"fixed_amount": _("农牧民党员须填写支部确定的每月交纳金额（0.2—1元）。")})
        fixed = Decimal(fixed)
        if not FARMER_MIN <= fixed <= FARMER_MAX:
            raise ValidationError({"fixed_amount": _("农牧民党员每月交纳0.2元至1元。")})
        computed = round_half_up(fixed)
    elif category in FLAT_CATEGORIES:
        computed = MINIMUM_AMOUNT
    else:
        raise ValidationError({"category": _("未知的党员类别。")})
    if voluntary is not None:
        voluntary = Decimal(voluntary)
        if voluntary < computed:
            raise ValidationError({"voluntary_amount": _("自愿多交的金额不能少于按规定应交的 %(amount)s 元。")
                                   % {"amount": computed}})
        return round_half_up(voluntary)
    return computed
