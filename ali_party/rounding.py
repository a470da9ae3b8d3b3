"""How every published figure is rounded: 四舍五入 (half up) to two decimals, the rule of government
statistics. Python's Decimal rounds half to even by default (28.125 → 28.12); this module is the
one place that says otherwise, so no figure is rounded any other way."""
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def round_half_up(value, places: Decimal | str = CENT) -> Decimal:
    """`value` rounded half up to `places` (a Decimal exponent such as 0.01 or 0.1)."""
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def percent(numerator, denominator, places: Decimal | str = CENT) -> Decimal | None:
    """numerator / denominator × 100, rounded once, half up; None without a denominator (无数据)."""
    if not denominator:
        return None
    return round_half_up(Decimal(numerator or 0) * 100 / Decimal(denominator), places)


def percentage_points(now: tuple, before: tuple) -> Decimal | None:
    """The change between two rates given as (numerator, denominator), in percentage points: the
    difference of the unrounded rates, rounded once (28.125 % − 26.4575 % = 1.6675 → 1.67, where
    subtracting the rounded rates would give 1.66)."""
    (n1, d1), (n0, d0) = now, before
    if not d1 or not d0:
        return None
    return round_half_up((Decimal(n1) / Decimal(d1) - Decimal(n0) / Decimal(d0)) * 100)
