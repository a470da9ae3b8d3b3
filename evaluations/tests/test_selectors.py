"""The rating rules written once (evaluations.selectors): the "more than ⅓ 优秀" warning and the
breakdown per child area. Expected values worked out by hand."""
from decimal import Decimal

import pytest

from evaluations import selectors
from evaluations.models import EvaluationCampaign, EvaluationResult, Rating

from .factories import bulk_members

pytestmark = pytest.mark.django_db


def _rate(organization, excellent: int, qualified: int, year=2022):
    campaign = EvaluationCampaign.objects.create(organization=organization, year=year)
    members = bulk_members(organization, excellent + qualified)
    for i, member in enumerate(members):
        EvaluationResult.objects.create(campaign=campaign, member=member, year=year,
                                        rating=Rating.EXCELLENT if i < excellent else Rating.QUALIFIED)


def test_three_of_nine_excellent_is_not_more_than_a_third(world):
    _rate(world.org_a1, excellent=3, qualified=6)
    breakdown = selectors.rating_breakdown(EvaluationResult.objects.all())
    assert (breakdown.excellent, breakdown.total) == (3, 9)
    assert not breakdown.excellent_above_one_third


def test_four_of_nine_excellent_is_more_than_a_third(world):
    _rate(world.org_a1, excellent=4, qualified=5)
    assert selectors.rating_breakdown(EvaluationResult.objects.all()).excellent_above_one_third


def test_no_results_is_no_warning(world):
    breakdown = selectors.rating_breakdown(EvaluationResult.objects.none())
    assert breakdown.total == 0 and not breakdown.excellent_above_one_third


def test_breakdown_by_child_adds_up_each_county(world):
    _rate(world.org_a1, excellent=2, qualified=3)   # 县A, 乡A
    _rate(world.org_a2, excellent=2, qualified=2)   # 县A, 乡A2: 县A 4 of 9
    _rate(world.org_b1, excellent=1, qualified=2)   # 县B: 1 of 3, exactly a third
    rows = selectors.rating_breakdown_by_child(EvaluationResult.objects.all(), world.root)
    assert [child for child, _ in rows] == [world.county_a, world.county_b]
    county_a, county_b = (b for _, b in rows)
    assert (county_a.excellent, county_a.total, county_a.excellent_above_one_third) == (4, 9, True)
    assert (county_b.excellent, county_b.total, county_b.excellent_above_one_third) == (1, 3, False)
    assert county_a.shares[0].percent == Decimal("44.44")   # 4 / 9
    assert county_b.shares[1].percent == Decimal("66.67")   # 2 / 3


def test_breakdown_by_child_lists_a_child_without_results(world):
    _rate(world.org_a1, excellent=1, qualified=1)
    rows = selectors.rating_breakdown_by_child(EvaluationResult.objects.all(), world.county_a)
    assert [(child, b.total) for child, b in rows] == [(world.township_a, 2), (world.township_a2, 0)]
    assert rows[1][1].shares[0].percent is None


def test_a_village_has_no_children(world):
    _rate(world.org_a1, excellent=1, qualified=1)
    assert selectors.rating_breakdown_by_child(EvaluationResult.objects.all(), world.village_a1) == []
