"""Indicators of 基本制度 on a hand-made world, and the article's 2022 evaluation."""
import datetime
from decimal import Decimal

from indicators.engine import evaluate

from ..models import (
    EvaluationCampaign, EvaluationResult, HeartToHeartTalk, OrganizationLifeMeeting, Rating, RecordBookIssue,
)
from ..services import campaign_create, meeting_create, recordbook_create, result_create, talk_create
from .factories import bulk_members, kind

D = datetime.date


def value(code, year, area):
    return evaluate(code, year, area).value


def test_it_counts_ratings_and_rates_per_node(world):
    a_members = bulk_members(world.org_a1, 4)
    b_members = bulk_members(world.org_b1, 4)
    campaign_a = campaign_create(actor=world.carol, organization=world.org_a1, year=2022)
    campaign_b = campaign_create(actor=world.carol, organization=world.org_b1, year=2022)
    for member, rating in zip(a_members, [Rating.EXCELLENT, Rating.EXCELLENT, Rating.QUALIFIED, Rating.UNGRADED]):
        result_create(actor=world.alice, campaign=campaign_a, member=member, rating=rating)
    for member, rating in zip(b_members, [Rating.EXCELLENT, Rating.QUALIFIED, Rating.QUALIFIED, Rating.QUALIFIED]):
        result_create(actor=world.bob, campaign=campaign_b, member=member, rating=rating)
    old = campaign_create(actor=world.carol, organization=world.org_a1, year=2021)
    result_create(actor=world.alice, campaign=old, member=a_members[0], rating=Rating.EXCELLENT)

    assert value("systems.rating_excellent", 2022, world.root) == 3
    assert value("systems.rating_excellent", 2022, world.village_a1) == 2
    assert value("systems.rating_excellent", 2021, world.root) == 1
    assert value("systems.rating_evaluated_total", 2022, world.root) == 8
    assert value("systems.rating_excellent_rate", 2022, world.root) == Decimal("37.50")   # 3 / 8
    assert value("systems.rating_excellent_rate", 2022, world.county_a) == Decimal("50.00")  # 2 / 4
    assert value("systems.rating_excellent_rate", 2022, world.county_b) == Decimal("25.00")  # 1 / 4
    assert value("systems.rating_qualified_rate", 2022, world.root) == Decimal("50.00")   # 4 / 8
    assert value("systems.rating_ungraded_rate", 2022, world.township_a) == Decimal("25.00")  # 1 / 4
    assert value("systems.rating_unqualified_rate", 2022, world.root) == Decimal("0.00")
    assert value("systems.rating_excellent_rate", 2022, world.village_a2) is None  # no denominator
    rate = evaluate("systems.rating_excellent_rate", 2022, world.root)
    assert (rate.numerator, rate.denominator) == (3, 8)


def test_it_reproduces_the_article_2022_evaluation(world):
    """2153 / 6081 / 11 / 1 / 248 of 8494 → 25.35%, 71.59%, 0.13%, 0.01%, 2.92%."""
    members = bulk_members(world.org_a1, 8494 - 248) + bulk_members(
        world.org_a1, 248, stage=4, admitted_on=D(2022, 6, 1))
    campaign = EvaluationCampaign.objects.create(organization=world.org_a1, year=2022)
    plan = [Rating.EXCELLENT] * 2153 + [Rating.QUALIFIED] * 6081 + [Rating.BASICALLY_QUALIFIED] * 11 \
        + [Rating.UNQUALIFIED] * 1 + [Rating.UNGRADED] * 248
    EvaluationResult.objects.bulk_create([
        EvaluationResult(member=m, year=2022, campaign=campaign, rating=r) for m, r in zip(members, plan)])

    expected = {"excellent": (2153, "25.35"), "qualified": (6081, "71.59"), "basically_qualified": (11, "0.13"),
                "unqualified": (1, "0.01"), "ungraded": (248, "2.92")}
    for slug, (count, rate) in expected.items():
        assert value(f"systems.rating_{slug}", 2022, world.root) == count
        assert value(f"systems.rating_{slug}_rate", 2022, world.root) == Decimal(rate)
        assert value(f"systems.rating_{slug}_rate", 2022, world.village_a1) == Decimal(rate)
    assert value("systems.rating_evaluated_total", 2022, world.root) == 8494
    assert evaluate("systems.rating_excellent_rate", 2022, world.root).denominator == 8494


def test_it_counts_record_books_meetings_and_talks(world):
    recordbook_create(actor=world.carol, organization=world.org_a1, year=2022, books=10, boards=5)
    recordbook_create(actor=world.carol, organization=world.org_a2, year=2022, books=3, boards=0)
    recordbook_create(actor=world.carol, organization=world.org_b1, year=2021, books=7, boards=0)
    nine = kind("nine_study")
    for day in (D(2022, 1, 5), D(2022, 2, 5), D(2022, 3, 5)):
        meeting_create(actor=world.alice, organization=world.org_a1, kind=nine, held_on=day, topic="学习")
    meeting_create(actor=world.bob, organization=world.org_b1, kind=kind("nine_oath"), held_on=D(2022, 7, 1),
                   topic="重温入党誓词")
    meeting_create(actor=world.bob, organization=world.org_b1, kind=nine, held_on=D(2021, 7, 1), topic="学习")
    meeting_create(actor=world.alice, organization=world.org_a1, kind=kind("branch_committee"),
                   held_on=D(2022, 1, 9), topic="支委会")
    meeting_create(actor=world.alice, organization=world.org_a1, kind=kind("theme_party_day"),
                   held_on=D(2022, 1, 10), topic="主题党日")
    a1, a2 = bulk_members(world.org_a1, 2)
    b1, b2 = bulk_members(world.org_b1, 2)
    talk_create(actor=world.alice, organization=world.org_a1, held_on=D(2022, 4, 1), topic="谈心",
                initiator=a1, counterparts=[a2])
    talk_create(actor=world.alice, organization=world.org_a1, held_on=D(2022, 5, 1), topic="谈心",
                initiator_name="乡党委书记", counterparts=[a1, a2])
    talk_create(actor=world.bob, organization=world.org_b1, held_on=D(2021, 5, 1), topic="谈心",
                initiator=b1, counterparts=[b2])

    assert value("systems.record_books_and_boards", 2022, world.root) == 18
    assert value("systems.record_books_and_boards", 2022, world.village_a1) == 15
    assert value("systems.record_books_and_boards", 2022, world.county_b) == 0
    assert value("systems.record_books_and_boards", 2021, world.root) == 7
    assert value("systems.nine_ones_activities", 2022, world.root) == 4
    assert value("systems.nine_ones_activities", 2022, world.village_a1) == 3
    assert value("systems.nine_ones_activities", 2022, world.county_b) == 1
    assert value("systems.nine_ones_activities", 2021, world.root) == 1
    assert value("systems.three_meetings_one_lecture", 2022, world.root) == 1  # 主题党日 is not one of them
    assert value("systems.heart_to_heart_talks", 2022, world.root) == 2
    assert value("systems.heart_to_heart_talks", 2022, world.county_b) == 0
    assert value("systems.heart_to_heart_talks", 2021, world.village_b1) == 1
    assert OrganizationLifeMeeting.objects.count() == 7 and RecordBookIssue.objects.count() == 3
    assert HeartToHeartTalk.objects.count() == 3
