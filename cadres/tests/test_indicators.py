"""Each personnel indicator on a small hand-made world, with the numbers worked out by hand.

Members (farmer-herders unless noted) at the end of 2022:
  village A1: m1 (woman, 27), m2 (man, exactly 30), m3 (man, 29, admitted 2022-05-01), m9 (transferred to
              village B1 only in 2023, so still A1's at the end of 2022)          → 4, women 1, under 30 2
  village A2: m4 admitted 2023 (no), m5 died 2022 (no), m6 died 2023 (yes, woman), m7 civil servant (no),
              m8 发展对象 (no)                                                    → 1, women 1, under 30 0
  village B1: m10 (woman, 22)                                                     → 1, women 1, under 30 1
"""
import datetime
from decimal import Decimal

import pytest

from cadres.models import CadreWorkLog, LanguageAssessment, OrganizationTransfer, PartyMember
from indicators.engine import evaluate

from .factories import LanguageTrainingSessionFactory, PartyMemberFactory, SentCadreFactory, TwoCommitteeMemberFactory

D = datetime.date
Stage = PartyMember.Stage


def member(org, birth, gender="M", **kwargs):
    """A full member admitted in 2015 by default; pass dates to change it."""
    fields = dict(applied_on=D(birth.year + 18, 6, 1), activist_on=D(birth.year + 18, 9, 1),
                  candidate_on=D(birth.year + 19, 10, 1), admitted_on=D(birth.year + 20, 3, 1),
                  full_member_on=D(birth.year + 21, 3, 5))
    fields.update(kwargs)
    return PartyMemberFactory(organization=org, birth_date=birth, gender=gender, **fields)


@pytest.fixture
def members(world):
    w = world
    m = {}
    m[1] = member(w.org_a1, D(1995, 3, 1), "F")
    m[2] = member(w.org_a1, D(1992, 12, 31))
    m[3] = member(w.org_a1, D(1993, 1, 1), stage=Stage.PROBATIONARY, applied_on=D(2020, 1, 1),
                  activist_on=D(2020, 3, 1), candidate_on=D(2021, 3, 1), admitted_on=D(2022, 5, 1), full_member_on=None)
    m[4] = member(w.org_a2, D(1980, 1, 1), "F", stage=Stage.PROBATIONARY, applied_on=D(2021, 1, 1),
                  activist_on=D(2021, 2, 1), candidate_on=D(2022, 2, 1), admitted_on=D(2023, 1, 10),
                  full_member_on=None)
    m[5] = member(w.org_a2, D(1950, 1, 1), status="deceased", status_changed_on=D(2022, 6, 1))
    m[6] = member(w.org_a2, D(1975, 1, 1), "F", status="deceased", status_changed_on=D(2023, 3, 1))
    m[7] = member(w.org_a2, D(1985, 1, 1), "F", occupation="civil_servant")
    m[8] = member(w.org_a2, D(1990, 1, 1), stage=Stage.CANDIDATE, applied_on=D(2021, 1, 1),
                  activist_on=D(2021, 2, 1), candidate_on=D(2022, 2, 1), admitted_on=None, full_member_on=None)
    m[9] = member(w.org_b1, D(1970, 1, 1))
    OrganizationTransfer.objects.create(member=m[9], from_organization=w.org_a1, to_organization=w.org_b1,
                                        transferred_on=D(2023, 2, 1))
    m[10] = member(w.org_b1, D(2000, 1, 1), "F")
    return m


def value(code, year, area):
    return evaluate(code, year, area).value


@pytest.mark.parametrize("code, village_a1, village_a2, village_b1, county_a, root", [
    ("personnel.farmer_herder_members", 4, 1, 1, 5, 6),
    ("personnel.farmer_herder_women", 1, 1, 1, 2, 3),
    ("personnel.farmer_herder_under_30", 2, 0, 1, 2, 3),
    ("personnel.members_developed", 1, 0, 0, 1, 1),
])
def test_it_counts_farmer_herder_members(world, members, code, village_a1, village_a2, village_b1, county_a, root):
    w = world
    assert value(code, 2022, w.village_a1) == village_a1
    assert value(code, 2022, w.village_a2) == village_a2
    assert value(code, 2022, w.village_b1) == village_b1
    assert value(code, 2022, w.county_a) == county_a
    assert value(code, 2022, w.root) == root


def test_it_counts_members_of_an_earlier_year_where_they_were(world, members):
    # 2021: m1, m2, m5 (alive then), m6, m9 (in A1), m10 — m3 was admitted only in 2022.
    assert value("personnel.farmer_herder_members", 2021, world.root) == 6
    assert value("personnel.farmer_herder_members", 2021, world.village_a1) == 3
    assert value("personnel.farmer_herder_members", 2021, world.village_a2) == 2
    assert value("personnel.farmer_herder_members", 2021, world.county_b) == 1
    # After the 2023 transfer m9 counts in B1.
    assert value("personnel.farmer_herder_members", 2023, world.village_b1) == 2


@pytest.fixture
def committee(world, members):
    """A1: p1 (m1, member), p2 (non-member), p3 (m8, only a 发展对象), p4 (m2, left 2022-06-30); B1: q1 (m10)."""
    w, m = world, members
    p1 = TwoCommitteeMemberFactory(village=w.village_a1, member=m[1], name=m[1].name)
    p2 = TwoCommitteeMemberFactory(village=w.village_a1, name="次仁", committee="villagers", post="村委会委员")
    p3 = TwoCommitteeMemberFactory(village=w.village_a1, member=m[8], name=m[8].name)
    p4 = TwoCommitteeMemberFactory(village=w.village_a1, member=m[2], name=m[2].name, term_end=D(2022, 6, 30))
    q1 = TwoCommitteeMemberFactory(village=w.village_b1, member=m[10], name=m[10].name)
    levels = {2021: {p1: 2, p2: 3, p3: 3, p4: 3, q1: 1}, 2022: {p1: 3, p2: 2, p4: 4, q1: 5}}  # p3 not assessed 2022
    for year, by_person in levels.items():
        for person, level in by_person.items():
            LanguageAssessment.objects.create(person=person, year=year, level=level)


def test_it_computes_the_share_of_party_members_in_two_committees(world, committee):
    code = "personnel.two_committee_party_member_rate"
    assert value(code, 2022, world.village_a1) == Decimal("33.33")  # p1 of p1, p2, p3
    assert value(code, 2022, world.village_b1) == Decimal("100.00")
    assert value(code, 2022, world.root) == Decimal("50.00")        # 2 / 4
    assert evaluate(code, 2022, world.root).denominator == 4
    assert value(code, 2022, world.village_a2) is None                # no two-committee members: 无数据


def test_it_computes_language_proficiency(world, committee):
    assert value("personnel.language_proficient_count", 2022, world.village_a1) == 1
    assert value("personnel.language_proficient_count", 2022, world.root) == 2
    assert value("personnel.language_proficiency_rate", 2022, world.village_a1) == Decimal("33.33")
    assert value("personnel.language_proficiency_rate", 2022, world.county_a) == Decimal("33.33")
    assert value("personnel.language_proficiency_rate", 2022, world.root) == Decimal("50.00")
    # 2021: A1 3 of 4 (p2, p3, p4), B1 0 of 1 → 60.00%
    assert value("personnel.language_proficiency_rate", 2021, world.root) == Decimal("60.00")
    assert value("personnel.language_proficiency_change", 2022, world.root) == Decimal("-10.00")
    assert value("personnel.language_proficiency_change", 2022, world.village_a1) == Decimal("-41.67")


def test_it_counts_language_training(world):
    w = world
    LanguageTrainingSessionFactory(area=w.township_a, started_on=D(2022, 3, 1), attendance=20)
    LanguageTrainingSessionFactory(area=w.village_b1, started_on=D(2022, 12, 31), attendance=5)
    LanguageTrainingSessionFactory(area=w.village_a2, started_on=D(2021, 12, 31), attendance=7)
    LanguageTrainingSessionFactory(area=w.village_a2, started_on=D(2023, 1, 1), attendance=9)
    assert value("personnel.language_training_sessions", 2022, w.root) == 2
    assert value("personnel.language_training_attendance", 2022, w.root) == 25
    assert value("personnel.language_training_attendance", 2022, w.county_a) == 20
    assert value("personnel.language_training_sessions", 2022, w.village_a1) == 0
    assert value("personnel.language_training_attendance", 2022, w.county_b) == 5
    assert value("personnel.language_training_attendance", 2021, w.county_a) == 7


def test_it_counts_cadres_sent_and_their_work(world):
    w = world
    c1 = SentCadreFactory(village=w.village_a1, started_on=D(2021, 3, 1))
    c2 = SentCadreFactory(village=w.village_a1, started_on=D(2022, 12, 31))
    c3 = SentCadreFactory(village=w.village_b1, started_on=D(2020, 1, 1), ended_on=D(2021, 12, 31))
    c4 = SentCadreFactory(village=w.village_b1, started_on=D(2021, 6, 1), ended_on=D(2022, 1, 1))
    Kind = CadreWorkLog.Kind
    logs = [(c1, Kind.PROBLEM_SOLVED, D(2022, 5, 1), 3), (c1, Kind.POLICY_TALK, D(2022, 6, 1), 2),
            (c4, Kind.PROBLEM_SOLVED, D(2022, 1, 1), 4), (c3, Kind.PROBLEM_SOLVED, D(2021, 12, 31), 10),
            (c2, Kind.POLICY_TALK, D(2022, 12, 31), 1)]
    for cadre, kind, day, count in logs:
        CadreWorkLog.objects.create(cadre=cadre, kind=kind, logged_on=day, count=count)
    assert value("personnel.cadres_sent", 2022, w.village_a1) == 2
    assert value("personnel.cadres_sent", 2022, w.county_b) == 1
    assert value("personnel.cadres_sent", 2022, w.root) == 3
    assert value("personnel.cadres_sent", 2021, w.root) == 3  # c1, c3, c4
    assert value("personnel.cadre_problems_solved", 2022, w.village_a1) == 3
    assert value("personnel.cadre_problems_solved", 2022, w.root) == 7
    assert value("personnel.cadre_problems_solved", 2021, w.county_b) == 10
    assert value("personnel.cadre_policy_talks", 2022, w.county_a) == 3
    assert value("personnel.cadre_policy_talks", 2022, w.root) == 3
