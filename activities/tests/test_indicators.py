"""Every 基本活动 indicator on a small hand-made world, with the numbers worked out by hand.

World: county A (噶尔县) has village a1 (狮泉河镇) and village a2 (昆莎乡); county B has village b1."""
from datetime import date

import pytest

from activities.tests.factories import (
    ActivityFactory, ContactCardIssueFactory, ProxyMatterFactory, ServiceHallFactory, kind,
)
from indicators.engine import evaluate


def value(code, year, area):
    return evaluate(code, year, area).value


@pytest.fixture
def records(world):
    w = world
    study = kind("political_study")
    # Political study 2022: a1 twice (12 + 8 person-times), a2 once (5), b1 once (20); one in 2021.
    ActivityFactory(kind=study, organization=w.org_a1, participants=10, person_times=12)
    ActivityFactory(kind=study, organization=w.org_a1, participants=8)
    ActivityFactory(kind=study, organization=w.org_a2, participants=5)
    ActivityFactory(kind=study, organization=w.org_b1, participants=20)
    ActivityFactory(kind=study, organization=w.org_a1, held_on=date(2021, 12, 31), participants=99)
    # Problems solved count on theme party days and volunteer services only.
    ActivityFactory(kind=kind("theme_party_day"), organization=w.org_a1, problems_solved=3)
    ActivityFactory(kind=kind("volunteer_service"), organization=w.org_b1, problems_solved=4)
    ActivityFactory(kind=kind("publicity"), organization=w.org_a1, problems_solved=5)
    ActivityFactory(kind=kind("three_talks"), organization=w.org_a2)
    ActivityFactory(kind=kind("five_star"), organization=w.org_b1, held_on=date(2022, 1, 1))
    # An activity organized by a1's branch but held in a2 counts in a2.
    ActivityFactory(kind=kind("theme_party_day"), organization=w.org_a1, village=w.village_a2)
    # Halls: a1 open since 2021; a2 opened and closed within 2022; b1 opened in 2023.
    ServiceHallFactory(village=w.village_a1, opened_on=date(2021, 3, 1))
    ServiceHallFactory(village=w.village_a2, opened_on=date(2022, 6, 1), closed_on=date(2022, 10, 1))
    ServiceHallFactory(village=w.village_b1, opened_on=date(2023, 1, 5))
    # Contact cards: a1 10 + 15, b1 7 in 2022; a1 100 in 2021.
    ContactCardIssueFactory(village=w.village_a1, count=10)
    ContactCardIssueFactory(village=w.village_a1, count=15)
    ContactCardIssueFactory(village=w.village_b1, count=7)
    ContactCardIssueFactory(village=w.village_a1, count=100, issued_on=date(2021, 8, 1))
    # 代办: a1 two (one still in progress: still counted), b1 one, all 2022.
    ProxyMatterFactory(village=w.village_a1)
    ProxyMatterFactory(village=w.village_a1, outcome="in_progress")
    ProxyMatterFactory(village=w.village_b1)
    return w


def test_it_counts_political_study_and_person_times(records):
    w = records
    assert value("activities.political_study", 2022, w.village_a1) == 2
    assert value("activities.political_study", 2022, w.county_a) == 3
    assert value("activities.political_study", 2022, w.root) == 4
    assert value("activities.political_study", 2021, w.root) == 1
    assert value("activities.political_study_person_times", 2022, w.village_a1) == 20
    assert value("activities.political_study_person_times", 2022, w.county_a) == 25
    assert value("activities.political_study_person_times", 2022, w.root) == 45


def test_it_counts_theme_days_publicity_volunteering_by_village(records):
    w = records
    assert value("activities.theme_party_days", 2022, w.village_a1) == 1
    assert value("activities.theme_party_days", 2022, w.village_a2) == 1
    assert value("activities.theme_party_days", 2022, w.county_a) == 2
    assert value("activities.theme_party_days", 2022, w.root) == 2
    assert value("activities.publicity", 2022, w.root) == 1
    assert value("activities.volunteer_services", 2022, w.county_b) == 1
    assert value("activities.volunteer_services", 2022, w.county_a) == 0


def test_it_sums_problems_solved_on_theme_days_and_volunteering_only(records):
    w = records
    assert value("activities.problems_solved", 2022, w.village_a1) == 3  # the publicity's 5 do not count
    assert value("activities.problems_solved", 2022, w.county_a) == 3
    assert value("activities.problems_solved", 2022, w.root) == 7


def test_it_counts_three_talks_and_five_star_under_personnel(records):
    w = records
    assert value("personnel.three_talks", 2022, w.village_a2) == 1
    assert value("personnel.three_talks", 2022, w.root) == 1
    assert value("personnel.five_star_ratings", 2022, w.county_b) == 1
    assert value("personnel.five_star_ratings", 2021, w.root) == 0


def test_it_counts_halls_open_at_year_end(records):
    w = records
    assert value("activities.service_halls", 2022, w.village_a1) == 1
    assert value("activities.service_halls", 2022, w.village_a2) == 0  # closed before Dec 31
    assert value("activities.service_halls", 2022, w.county_a) == 1
    assert value("activities.service_halls", 2022, w.root) == 1
    assert value("activities.service_halls", 2023, w.root) == 2
    assert value("activities.service_halls", 2020, w.root) == 0


def test_it_sums_contact_cards_and_counts_proxy_matters(records):
    w = records
    assert value("activities.contact_cards", 2022, w.village_a1) == 25
    assert value("activities.contact_cards", 2022, w.county_a) == 25
    assert value("activities.contact_cards", 2022, w.root) == 32
    assert value("activities.contact_cards", 2021, w.root) == 100
    assert value("activities.proxy_matters", 2022, w.village_a1) == 2
    assert value("activities.proxy_matters", 2022, w.township_a) == 2
    assert value("activities.proxy_matters", 2022, w.root) == 3
