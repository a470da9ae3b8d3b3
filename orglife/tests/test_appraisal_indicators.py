"""The 述职评议考核 indicators on a world worked out by hand, and the SQL oracle agrees."""
import datetime
from decimal import Decimal

from indicators.tests import oracle

from ..models import AppraisalGrade
from ..selectors import appraisal_count_by_area, appraisal_follow_ups_overdue_by_area, appraisal_rate_by_area
from ..services import appraisal_create

D = datetime.date
G = AppraisalGrade


def appraise(world, org, year, grade, **extra):
    return appraisal_create(
        actor=world.carol, organization=org, year=year, secretary_name="扎西", report_summary="述职",
        reported_on=D(year + 1, 1, 10), grade=grade, assessed_by="上级党委", assessed_on=D(year + 1, 1, 20), **extra)


def follow_up(deadline, done=None):
    return {"rectification_required": "整改", "rectification_deadline": deadline, "rectified_on": done,
            "rectification_result": "已整改" if done else ""}


def by_area(rows):
    return {row[0]: tuple(row[1:]) for row in rows}


def test_grades_rates_and_overdue_follow_ups_by_hand(world):
    from branches.models import PartyOrganization

    township_committee = PartyOrganization.objects.create(name="狮泉河镇党委", kind="committee", area=world.township_a)
    # 2022: 加木村 好, 昆莎一村 一般 (deadline 2023-06-30, done 2023-09-01: late), 镇党委 差 (deadline
    # 2023-03-31, never done), 普兰一村 (county B) 较好.
    appraise(world, world.org_a1, 2022, G.GOOD)
    appraise(world, world.org_a2, 2022, G.AVERAGE, **follow_up(D(2023, 6, 30), D(2023, 9, 1)))
    appraise(world, township_committee, 2022, G.POOR, **follow_up(D(2023, 3, 31)))
    appraise(world, world.org_b1, 2022, G.FAIRLY_GOOD)
    # 2023: 加木村 一般 with the deadline on 31 Dec 2024 (not overdue at the end of 2024: not past it).
    appraise(world, world.org_a1, 2023, G.AVERAGE, **follow_up(D(2024, 12, 31)))

    assert by_area(appraisal_count_by_area(None)(2022)) == {
        world.village_a1.pk: (1,), world.village_a2.pk: (1,), world.township_a.pk: (1,), world.village_b1.pk: (1,)}
    assert by_area(appraisal_count_by_area(G.POOR)(2022)) == {world.township_a.pk: (1,)}
    assert by_area(appraisal_rate_by_area(G.GOOD)(2022)) == {
        world.village_a1.pk: (1, 1), world.village_a2.pk: (0, 1), world.township_a.pk: (0, 1),
        world.village_b1.pk: (0, 1)}
    # Overdue on 31 Dec 2022: nothing is due yet (deadlines in 2023). On 31 Dec 2023: the 镇党委's
    # (never done) only — 昆莎一村 was done on 2023-09-01. On 31 Dec 2024: still the 镇党委's.
    assert list(appraisal_follow_ups_overdue_by_area(2022)) == []
    assert by_area(appraisal_follow_ups_overdue_by_area(2023)) == {world.township_a.pk: (1,)}
    assert by_area(appraisal_follow_ups_overdue_by_area(2024)) == {world.township_a.pk: (1,)}

    # Rolled up (the oracle): county A in 2022 has 3 appraised, 1 好 (33.33%), 1 一般, 1 差; the
    # prefecture 4 appraised, 1 较好 (25%).
    assert oracle.ORACLES["systems.appraisals_total"](2022)[world.county_a.pk] == (3, 0)
    assert oracle.ORACLES["systems.appraisal_good_rate"](2022)[world.county_a.pk] == (1, 3)
    assert oracle.rate(1, 3) == Decimal("33.33")
    assert oracle.ORACLES["systems.appraisal_fairly_good_rate"](2022)[world.root.pk] == (1, 4)
    assert oracle.ORACLES["systems.appraisal_average"](2022)[world.county_a.pk] == (1, 0)
    # 狮泉河镇 holds its 党委 and 加木村: 1 差 of 2.
    assert oracle.ORACLES["systems.appraisal_poor_rate"](2022)[world.township_a.pk] == (1, 2)
    assert oracle.ORACLES["systems.appraisal_follow_ups_overdue"](2023)[world.county_a.pk] == (1, 0)
    assert oracle.ORACLES["systems.appraisal_follow_ups_overdue"](2022)[world.root.pk] == (0, 0)
    assert oracle.ORACLES["systems.appraisal_follow_ups_overdue"](2024)[world.root.pk] == (1, 0)


def test_the_stored_snapshots_agree_with_the_oracle(world):
    from indicators import services

    appraise(world, world.org_a1, 2022, G.GOOD)
    appraise(world, world.org_a2, 2022, G.POOR, **follow_up(D(2023, 3, 31)))
    appraise(world, world.org_b1, 2022, G.AVERAGE, **follow_up(D(2023, 3, 31), D(2023, 3, 1)))
    services.recompute(years=[2022, 2023])
    codes = [code for code in oracle.ORACLES if "appraisal" in code]
    assert len(codes) == 10
    for year in (2022, 2023):
        assert oracle.compare(year, codes) == []
