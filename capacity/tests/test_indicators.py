"""Every 基本能力 indicator on a small hand-made world, with the numbers worked out by hand."""
from datetime import date
from decimal import Decimal

import pytest

from activities.tests.factories import ActivityFactory, kind
from capacity.tests.factories import (
    CoBuildingPairingFactory, CollectiveEconomyDemoVillageFactory, DisputeCaseFactory,
    DisputeScreeningFactory, EcologyTeamFactory, IncomeTeamFactory, StrongWeakPairingFactory,
)
from indicators.engine import evaluate


def value(code, year, area):
    return evaluate(code, year, area).value


@pytest.fixture
def pairings(world):
    w = world
    w.p_a1 = CoBuildingPairingFactory(village=w.village_a1, organization=w.org_a1, started_on=date(2021, 1, 1))
    w.p_a2 = CoBuildingPairingFactory(village=w.village_a2, started_on=date(2022, 5, 1))
    w.p_b1 = CoBuildingPairingFactory(village=w.village_b1, started_on=date(2022, 2, 1), ended_on=date(2022, 11, 30))
    lecture = kind("party_lecture")
    ActivityFactory(kind=lecture, organization=w.org_a1, pairing=w.p_a1)
    ActivityFactory(kind=lecture, organization=w.org_a1, pairing=w.p_a1, held_on=date(2022, 9, 1))
    ActivityFactory(kind=lecture, organization=w.org_a1)  # not under a pairing: not counted
    ActivityFactory(kind=lecture, organization=w.org_a1, pairing=w.p_a1, held_on=date(2021, 9, 1))
    ActivityFactory(kind=kind("drill"), organization=w.org_b1, pairing=w.p_b1, held_on=date(2022, 6, 1))
    ActivityFactory(kind=kind("defence_education"), organization=w.org_a2, pairing=w.p_a2,
                    held_on=date(2022, 7, 1))
    return w


def test_it_counts_pairings_active_at_year_end(pairings):
    w = pairings
    assert value("capacity.co_building_pairings", 2022, w.county_a) == 2
    assert value("capacity.co_building_pairings", 2022, w.county_b) == 0  # ended Nov 30
    assert value("capacity.co_building_pairings", 2022, w.root) == 2
    assert value("capacity.co_building_pairings", 2021, w.root) == 1


def test_it_counts_activities_under_pairings_by_kind(pairings):
    w = pairings
    assert value("capacity.party_lectures", 2022, w.village_a1) == 2
    assert value("capacity.party_lectures", 2022, w.root) == 2
    assert value("capacity.party_lectures", 2021, w.root) == 1
    assert value("capacity.drills", 2022, w.county_b) == 1
    assert value("capacity.drills", 2022, w.county_a) == 0
    assert value("capacity.defence_education", 2022, w.township_a2) == 1
    assert value("capacity.defence_education", 2022, w.root) == 1


@pytest.fixture
def disputes(world):
    w = world
    DisputeScreeningFactory(village=w.village_a1, disputes_found=3)
    DisputeScreeningFactory(village=w.village_a1)
    DisputeScreeningFactory(village=w.village_b1, disputes_found=1)
    DisputeScreeningFactory(village=w.village_a1, screened_on=date(2021, 5, 1))
    handled = {"handled": True, "handled_on": date(2022, 3, 5)}
    DisputeCaseFactory(village=w.village_a1, outcome="success", **handled)
    DisputeCaseFactory(village=w.village_a1, outcome="failed", **handled)
    DisputeCaseFactory(village=w.village_a1)  # found, not yet handled
    DisputeCaseFactory(village=w.village_b1, outcome="referred", **handled)
    DisputeCaseFactory(village=w.village_b1, found_on=date(2021, 12, 30), outcome="success", handled=True,
                       handled_on=date(2022, 1, 3))  # counts for 2021, the year it was found
    return w


def test_it_counts_screenings_and_disputes(disputes):
    w = disputes
    assert value("capacity.dispute_screenings", 2022, w.village_a1) == 2
    assert value("capacity.dispute_screenings", 2022, w.root) == 3
    assert value("capacity.disputes_found", 2022, w.village_a1) == 3
    assert value("capacity.disputes_found", 2022, w.root) == 4
    assert value("capacity.disputes_mediated", 2022, w.county_a) == 2
    assert value("capacity.disputes_mediated", 2022, w.root) == 3


def test_it_computes_mediation_and_success_rates_per_node(disputes):
    w = disputes
    assert value("capacity.mediation_rate", 2022, w.village_a1) == Decimal("66.67")  # 2 / 3
    assert value("capacity.mediation_rate", 2022, w.county_b) == Decimal("100.00")  # 1 / 1
    root = evaluate("capacity.mediation_rate", 2022, w.root)
    assert (root.value, root.numerator, root.denominator) == (Decimal("75.00"), 3, 4)
    assert value("capacity.mediation_success_rate", 2022, w.village_a1) == Decimal("50.00")  # 1 / 2
    assert value("capacity.mediation_success_rate", 2022, w.county_b) == Decimal("0.00")  # 0 / 1
    assert value("capacity.mediation_success_rate", 2022, w.root) == Decimal("33.33")  # 1 / 3
    assert value("capacity.mediation_success_rate", 2021, w.root) == Decimal("100.00")
    assert value("capacity.mediation_rate", 2022, w.village_a2) is None  # no disputes: 无数据


def test_it_counts_collective_economy_stocks(world):
    w = world
    CollectiveEconomyDemoVillageFactory(village=w.village_a1, designated_year=2021)
    CollectiveEconomyDemoVillageFactory(village=w.village_b1, designated_year=2022)
    IncomeTeamFactory(village=w.village_a1, started_on=date(2021, 5, 1))
    IncomeTeamFactory(village=w.village_a2, kind="income", started_on=date(2021, 5, 1), ended_on=date(2022, 6, 30))
    StrongWeakPairingFactory(strong_village=w.village_a1, weak_village=w.village_a2)
    assert value("capacity.collective_economy_demo_villages", 2021, w.root) == 1
    assert value("capacity.collective_economy_demo_villages", 2022, w.root) == 2
    assert value("capacity.collective_economy_demo_villages", 2022, w.county_b) == 1
    assert value("capacity.income_teams", 2021, w.county_a) == 2
    assert value("capacity.income_teams", 2022, w.county_a) == 1
    assert value("capacity.income_teams", 2022, w.root) == 1
    assert value("capacity.strong_weak_pairings", 2022, w.township_a) == 1  # counted at the strong village
    assert value("capacity.strong_weak_pairings", 2022, w.township_a2) == 0
    assert value("capacity.strong_weak_pairings", 2022, w.root) == 1


def test_it_counts_ecology_teams_members_and_activities(world):
    w = world
    EcologyTeamFactory(village=w.village_a1, members_count=10, started_on=date(2021, 5, 1))
    EcologyTeamFactory(village=w.village_a1, members_count=5, started_on=date(2021, 5, 1), ended_on=date(2022, 3, 1))
    EcologyTeamFactory(village=w.village_a2, members_count=15, started_on=date(2022, 4, 1))
    EcologyTeamFactory(village=w.village_b1, members_count=7, started_on=date(2022, 4, 1))
    ActivityFactory(kind=kind("ecology_talk"), organization=w.org_a1)
    ActivityFactory(kind=kind("ecology_talk"), organization=w.org_b1)
    ActivityFactory(kind=kind("ecology_service"), organization=w.org_a2)
    ActivityFactory(kind=kind("six_clean"), organization=w.org_b1, held_on=date(2021, 4, 1))
    assert value("capacity.ecology_teams", 2022, w.village_a1) == 1
    assert value("capacity.ecology_teams", 2022, w.root) == 3
    assert value("capacity.ecology_teams", 2021, w.root) == 2
    assert value("capacity.ecology_team_members", 2022, w.county_a) == 25
    assert value("capacity.ecology_team_members", 2022, w.root) == 32
    assert value("capacity.ecology_team_members", 2021, w.root) == 15
    assert value("capacity.ecology_talks", 2022, w.root) == 2
    assert value("capacity.ecology_talks", 2022, w.county_a) == 1
    assert value("capacity.ecology_volunteer_services", 2022, w.township_a2) == 1
    assert value("capacity.six_clean_campaigns", 2022, w.root) == 0
    assert value("capacity.six_clean_campaigns", 2021, w.county_b) == 1
