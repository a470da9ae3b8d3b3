"""Sums of an indicator over a span of years, for the tests that check the article's 2019–2022
figures (no page shows such a sum)."""
from decimal import Decimal

from indicators import engine, registry

# Indicators whose yearly values may be added over a span of years (span_total).
FLOW_CODES = {
    "funding.central_support_funds", "funding.collective_projects", "funding.allocations_total",
    "funding.expenditures_total",
}


def span_total(code: str, area, first_year: int, last_year: int) -> Decimal:
    """The sum of an additive (flow) indicator's yearly values over first_year..last_year at `area`,
    in the indicator's unit (万元 for money). Stocks and rates are refused: a stock's span value is
    its last year's value, and rates do not add."""
    indicator = registry.get(code)
    if code not in FLOW_CODES:
        raise ValueError(f"{code} 不是可逐年相加的流量指标")
    if first_year > last_year:
        raise ValueError("起始年度不能晚于截止年度")
    numerator = sum((engine.evaluate(code, year, area).numerator
                     for year in range(first_year, last_year + 1)), Decimal(0))
    return indicator.value_from(numerator, None)
