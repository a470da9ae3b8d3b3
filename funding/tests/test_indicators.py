"""Indicators and selectors on hand-made records, with the numbers worked out on paper."""
import datetime
from decimal import Decimal

import pytest

from funding import selectors
from funding.models import Status
from indicators.engine import evaluate

from .factories import (
    AllocationFactory, CollectiveEconomyProjectFactory, ExpenditureFactory, VenueUpgradeFactory, books_for,
    purpose, source,
)
from .spans import span_total


def value(code, year, area):
    return evaluate(code, year, area).value


@pytest.fixture
def venues(world):
    """A1: done 2021-08 (20万); A2: done 2022-12-31 (12万, below standard); B1: in progress."""
    VenueUpgradeFactory(village=world.village_a1, total_investment=Decimal("200000"),
                        completed_on=datetime.date(2021, 8, 1))
    VenueUpgradeFactory(village=world.village_a2, total_investment=Decimal("120000"),
                        completed_on=datetime.date(2022, 12, 31))
    VenueUpgradeFactory(village=world.village_b1, total_investment=Decimal("300000"),
                        status=Status.IN_PROGRESS, completed_on=None)
    return world


def test_it_counts_venues_upgraded_as_a_stock(venues):
    w = venues
    assert value("funding.venues_upgraded", 2020, w.root) == 0
    assert value("funding.venues_upgraded", 2021, w.root) == 1
    assert value("funding.venues_upgraded", 2022, w.root) == 2
    assert value("funding.venues_upgraded", 2023, w.root) == 2  # a stock carries over
    assert value("funding.venues_upgraded", 2022, w.county_a) == 2
    assert value("funding.venues_upgraded", 2022, w.village_a2) == 1
    assert value("funding.venues_upgraded", 2022, w.county_b) == 0


def test_it_sums_venue_investment_in_wan_yuan(venues):
    w = venues
    assert value("funding.venue_investment", 2021, w.root) == Decimal("20.00")
    assert value("funding.venue_investment", 2022, w.root) == Decimal("32.00")
    assert value("funding.venue_investment", 2022, w.village_a1) == Decimal("20.00")
    assert value("funding.venue_investment", 2022, w.county_b) == Decimal("0.00")


def test_it_counts_venues_below_standard(venues):
    w = venues
    assert value("funding.venues_below_standard", 2021, w.root) == 0
    assert value("funding.venues_below_standard", 2022, w.root) == 1
    assert value("funding.venues_below_standard", 2022, w.village_a2) == 1
    assert value("funding.venues_below_standard", 2022, w.village_a1) == 0


@pytest.fixture
def projects(world):
    """2019: A1 50万; 2020: A2 30万 + B1 70万; 2022: B1 45.5万."""
    for village, year, central in ((world.village_a1, 2019, "500000"), (world.village_a2, 2020, "300000"),
                                   (world.village_b1, 2020, "700000"), (world.village_b1, 2022, "455000")):
        CollectiveEconomyProjectFactory(village=village, start_year=year, central_support_funds=Decimal(central))
    return world


def test_it_sums_central_support_funds_per_start_year(projects):
    w = projects
    assert value("funding.central_support_funds", 2019, w.root) == Decimal("50.00")
    assert value("funding.central_support_funds", 2020, w.root) == Decimal("100.00")
    assert value("funding.central_support_funds", 2020, w.county_b) == Decimal("70.00")
    assert value("funding.central_support_funds", 2021, w.root) == Decimal("0.00")
    assert value("funding.central_support_funds", 2022, w.village_b1) == Decimal("45.50")


def test_it_counts_collective_projects_per_start_year(projects):
    w = projects
    assert value("funding.collective_projects", 2020, w.root) == 2
    assert value("funding.collective_projects", 2020, w.village_a2) == 1
    assert value("funding.collective_projects", 2022, w.county_a) == 0


def test_it_sums_a_span_of_years(projects):
    w = projects
    assert span_total("funding.central_support_funds", w.root, 2019, 2022) == Decimal("195.50")
    assert span_total("funding.collective_projects", w.root, 2019, 2022) == 4
    assert span_total("funding.collective_projects", w.county_a, 2019, 2022) == 2
    assert span_total("funding.central_support_funds", w.village_b1, 2020, 2021) == Decimal("70.00")


def test_it_refuses_a_span_of_a_stock_or_a_rate(world):
    with pytest.raises(ValueError):
        span_total("funding.venues_upgraded", world.root, 2019, 2022)
    with pytest.raises(ValueError):
        span_total("funding.utilization_rate", world.root, 2019, 2022)


@pytest.fixture
def money(world):
    """2022: A1 cadre pay 1000 (spent 600 in 2022 + 100 in 2023), A1 party work 500 (spent 500),
    B1 cadre pay 2000 (spent 0); 2021: A2 cadre pay 800 (spent 200 in 2022)."""
    ledgers = books_for(world)
    a1_pay = AllocationFactory(village=world.village_a1, amount=Decimal("1000"))
    a1_work = AllocationFactory(village=world.village_a1, amount=Decimal("500"), purpose=purpose("party_work"),
                                source=source("region"))
    AllocationFactory(village=world.village_b1, amount=Decimal("2000"))
    a2_2021 = AllocationFactory(village=world.village_a2, amount=Decimal("800"), year=2021, source=source("county"))
    a1 = ledgers[world.village_a1.pk]
    ExpenditureFactory(ledger=a1, allocation=a1_pay, amount=Decimal("600"))
    ExpenditureFactory(ledger=a1, allocation=a1_pay, amount=Decimal("100"), spent_on=datetime.date(2023, 1, 5))
    ExpenditureFactory(ledger=a1, allocation=a1_work, amount=Decimal("500"))
    ExpenditureFactory(ledger=ledgers[world.village_a2.pk], allocation=a2_2021, amount=Decimal("200"))
    return world


def test_it_sums_allocations_and_expenditures(money):
    w = money
    assert value("funding.allocations_total", 2022, w.root) == Decimal("0.35")  # 3500 元
    assert value("funding.allocations_total", 2022, w.county_a) == Decimal("0.15")
    assert value("funding.allocations_total", 2021, w.root) == Decimal("0.08")
    assert evaluate("funding.expenditures_total", 2022, w.root).numerator == Decimal("1300")
    assert evaluate("funding.expenditures_total", 2023, w.village_a1).numerator == Decimal("100")


def test_it_computes_the_utilization_rate(money):
    w = money
    # 2022 allocations 3500, spent against them 1200 → 34.29%
    rate = evaluate("funding.utilization_rate", 2022, w.root)
    assert (rate.numerator, rate.denominator, rate.value) == (Decimal("1200"), Decimal("3500"), Decimal("34.29"))
    assert value("funding.utilization_rate", 2022, w.village_a1) == Decimal("80.00")  # 1200 / 1500
    assert value("funding.utilization_rate", 2022, w.county_b) == Decimal("0.00")
    assert value("funding.utilization_rate", 2021, w.village_a2) == Decimal("25.00")
    assert value("funding.utilization_rate", 2020, w.root) is None


def test_it_computes_balances_per_allocation_and_per_node(money):
    w = money
    rows = {(a.village_id, a.purpose.code, a.year): a for a in selectors.allocations_with_balance().select_related("purpose")}
    pay = rows[(w.village_a1.pk, "cadre_pay", 2022)]
    assert (pay.spent, pay.remaining, pay.utilization) == (Decimal("700"), Decimal("300"), Decimal("70"))
    total = selectors.balance_total(w.root, year=2022)
    assert (total.allocated, total.spent, total.remaining, total.utilization) == (
        Decimal("3500.00"), Decimal("1200.00"), Decimal("2300.00"), Decimal("34.29"))
    by_county = {b.area.name: (b.allocated, b.spent) for b in selectors.balance_by_child(w.root, year=2022)}
    assert by_county == {"噶尔县": (Decimal("1500.00"), Decimal("1200.00")),
                         "普兰县": (Decimal("2000.00"), Decimal("0.00"))}
    by_township = {b.area.name: b.remaining for b in selectors.balance_by_child(w.county_a)}
    assert by_township == {"狮泉河镇": Decimal("300.00"), "昆莎乡": Decimal("600.00")}
    village = selectors.balance_by_child(w.village_a1)
    assert [(b.area, b.allocated) for b in village] == [(w.village_a1, Decimal("1500.00"))]
    assert [(y, b.allocated, b.spent) for y, b in selectors.balance_by_year(w.county_a)] == [
        (2021, Decimal("800.00"), Decimal("200.00")), (2022, Decimal("1500.00"), Decimal("1200.00"))]


def test_it_tables_funds_by_source_and_purpose(money):
    w = money
    table = selectors.funds_by_source_and_purpose(w.root, 2021, 2022)
    cells = {(s.name, p.name): table.cell(s, p) for s in table.sources for p in table.purposes if table.cell(s, p)}
    assert cells == {("地区财政", "村干部报酬"): Decimal("3000.00"),
                     ("自治区", "村级组织党建工作经费"): Decimal("500.00"),
                     ("县", "村干部报酬"): Decimal("800.00")}
    assert table.total == Decimal("4300.00")
    cadre_pay = next(p for p in table.purposes if p.code == "cadre_pay")
    assert table.purpose_total(cadre_pay) == Decimal("3800.00")
    county_b = selectors.funds_by_source_and_purpose(w.county_b, 2022, 2022)
    assert county_b.total == Decimal("2000.00")
