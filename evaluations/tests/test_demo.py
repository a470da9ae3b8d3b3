"""The demo reproduces the article's 2022 figures of 基本制度 at the prefecture root."""
from decimal import Decimal

from branches.models import Area
from branches.services import load_ngari_tree
from indicators.engine import evaluate

from .. import demo
from ..models import EvaluationResult, FollowUp, NotEvaluated, OrganizationLifeMeeting, Rating

ARTICLE_2022 = {
    "systems.rating_excellent": Decimal(2153),
    "systems.rating_qualified": Decimal(6081),
    "systems.rating_basically_qualified": Decimal(11),
    "systems.rating_unqualified": Decimal(1),
    "systems.rating_ungraded": Decimal(248),
    "systems.rating_evaluated_total": Decimal(8494),
    "systems.rating_excellent_rate": Decimal("25.35"),
    "systems.rating_qualified_rate": Decimal("71.59"),
    "systems.rating_basically_qualified_rate": Decimal("0.13"),
    "systems.rating_unqualified_rate": Decimal("0.01"),
    "systems.rating_ungraded_rate": Decimal("2.92"),
    "systems.record_books_and_boards": Decimal(3750),
    "systems.nine_ones_activities": Decimal(30000),
    "systems.heart_to_heart_talks": Decimal(1960),
}


def test_it_loads_the_demo_with_the_article_figures(db):
    from branches import demo as branches_demo
    from cadres import demo as cadres_demo

    load_ngari_tree()
    branches_demo.load()
    cadres_demo.load()
    demo.load()  # speed is measured by bench/, not asserted here
    root = Area.objects.get(depth=1)
    for code, expected in ARTICLE_2022.items():
        assert evaluate(code, 2022, root).value == expected, code
    for code in ("systems.rating_evaluated_total", "systems.record_books_and_boards",
                 "systems.nine_ones_activities", "systems.heart_to_heart_talks"):
        before = evaluate(code, 2021, root).value
        assert 0 < before < ARTICLE_2022[code], code
    # Probationary members are the ones not graded; everybody else eligible is listed with a reason.
    ungraded = EvaluationResult.objects.filter(year=2022, rating=Rating.UNGRADED)
    assert not ungraded.filter(member__full_member_on__lte="2022-12-31").exists()
    assert NotEvaluated.objects.filter(year=2022).exists()
    assert FollowUp.objects.filter(result__year=2022).count() == 1
    meetings = OrganizationLifeMeeting.objects.count()
    demo.load()  # idempotent
    assert OrganizationLifeMeeting.objects.count() == meetings
