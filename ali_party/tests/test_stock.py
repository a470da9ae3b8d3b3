"""One convention for stocks: a record ending on 31 December counts in that year's stock and not in
the next year's (ali_party.stock). Checked on each kind of end date through the real indicators."""
import datetime

from activities.models import ServiceHall
from branches.models import PartyOrganization
from indicators import engine

DEC_31 = datetime.date(2022, 12, 31)


def value(code, year, area):
    return engine.evaluate(code, year, area).value


def test_a_hall_closed_on_31_december_counts_that_year_only(world):
    ServiceHall.objects.create(village=world.village_a1, name="大厅", opened_on=datetime.date(2020, 5, 1),
                               closed_on=DEC_31)
    assert [value("activities.service_halls", y, world.village_a1) for y in (2021, 2022, 2023)] == [1, 1, 0]


def test_an_organization_dissolved_on_31_december_counts_that_year_only(world):
    before = value("org.organizations.branch", 2022, world.village_b1)
    PartyOrganization.objects.create(name="临时党支部", kind="branch", area=world.village_b1,
                                     founded_on=datetime.date(2020, 1, 1), status=PartyOrganization.Status.DISSOLVED,
                                     status_changed_on=DEC_31)
    assert value("org.organizations.branch", 2022, world.village_b1) == before + 1
    assert value("org.organizations.branch", 2023, world.village_b1) == before


def test_a_two_committee_term_ending_on_31_december_counts_that_year_only(world):
    from cadres.models import TwoCommitteeMember
    TwoCommitteeMember.objects.create(name="次仁", gender="M", village=world.village_a1, committee="party",
                                      post="委员", term_start=datetime.date(2021, 1, 1), term_end=DEC_31)
    rate = "personnel.two_committee_party_member_rate"
    assert engine.evaluate(rate, 2022, world.village_a1).denominator == 1
    assert engine.evaluate(rate, 2023, world.village_a1).denominator == 0
