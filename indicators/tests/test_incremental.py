"""Incremental recompute: a change recomputes only the counties it touches and the indicators
reading its table, and leaves exactly the snapshots a full recompute would.

On the demo data set (every indicator has rows): after each change, the stored snapshots of every
year are compared with a full recompute done in memory from the raw records.
"""
import datetime

import pytest
from django.core.cache import cache

from activities.models import Activity
from branches.models import Area, PartyOrganization
from cadres.models import OrganizationTransfer, PartyMember
from evaluations.models import EvaluationResult
from indicators import engine, registry, services
from indicators.demo import load_demo
from indicators.models import IndicatorSnapshot, RecomputeRun


def stored_snapshots(years):
    return {(c, a, y): (v, n, d) for c, a, y, v, n, d in IndicatorSnapshot.objects.filter(year__in=years).values_list(
        "code", "area_id", "year", "value", "numerator", "denominator")}


def full_recompute_in_memory(years):
    tree, memo, out = engine._tree(), {}, {}
    for year in years:
        for code, area_id, value, numerator, denominator in services.compute_snapshots(year, tree, memo):
            out[(code, area_id, year)] = (value, numerator, denominator)
    return out


def assert_same_as_full_recompute(years):
    stored, full = stored_snapshots(years), full_recompute_in_memory(years)
    missing = full.keys() - stored.keys()
    extra = stored.keys() - full.keys()
    wrong = {k: (stored[k], full[k]) for k in full.keys() & stored.keys() if stored[k] != full[k]}
    assert not missing and not extra and not wrong, (sorted(missing)[:5], sorted(extra)[:5], sorted(wrong.items())[:5])


def place_of(area: Area) -> str:
    """The subtree a change there recomputes: its township (or its county, for a county's own record)."""
    return area.path[: 3 * Area.steplen]


@pytest.fixture
def demo(db, settings, django_capture_on_commit_callbacks):
    settings.INDICATOR_FIRST_YEAR = 2021
    load_demo(recompute=False)
    years = services.default_years()
    services.recompute(years=years)
    settings.INDICATORS_AUTO_RECOMPUTE = True

    def change(fn):
        """Run `fn` as one committed change; return the recompute runs it caused."""
        cache.clear()  # no debounce from the previous change
        last = RecomputeRun.objects.order_by("pk").last().pk
        with django_capture_on_commit_callbacks(execute=True):
            fn()
        return list(RecomputeRun.objects.filter(pk__gt=last).order_by("pk"))

    return years, change


def test_selectors_limited_to_some_areas_return_exactly_those_rows_of_the_full_query(db):
    load_demo(recompute=False)
    tree = engine._tree()
    county = Area.objects.filter(level=Area.Level.COUNTY).order_by("path").first()
    part = engine.part_of([county.path], tree)
    assert len(part.subtree) > 10 and len(part.ancestors) == 1 and part.siblings
    checked = 0
    for indicator in registry.all_indicators():
        if indicator.compute is None:
            continue
        full = sorted(tuple(r) for r in indicator.compute(2022) if r[0] in part.affected)
        limited = sorted(tuple(r) for r in engine.selector_rows(indicator, 2022, part.affected))
        assert limited == full, indicator.code
        checked += bool(full)
    assert checked >= 50  # most indicators have rows in one county of the demo


def test_each_change_recomputes_its_counties_only_and_equals_a_full_recompute(demo):
    years, change = demo
    # 1. A member's occupation: the farmer-herder figures of one county (and its ancestors).
    member = (PartyMember.objects.filter(occupation=PartyMember.Occupation.FARMER_HERDER, stage=PartyMember.Stage.FULL,
                                         transfers__isnull=True).select_related("organization__area").first())
    member.occupation = PartyMember.Occupation.ENTERPRISE
    runs = change(lambda: member.save())
    assert [r.scope for r in runs] == [place_of(member.organization.area)]
    assert all(r.status == RecomputeRun.Status.DONE for r in runs)
    assert_same_as_full_recompute(years)

    # 2. A new activity in a village of another county.
    activity = Activity.objects.filter(held_on__year=2022).select_related("village").exclude(
        village__path__startswith=place_of(member.organization.area)).first()
    activity.pk = None
    runs = change(lambda: activity.save())
    assert [r.scope for r in runs] == [place_of(activity.village)]
    assert runs[0].years == ",".join(str(y) for y in years if y >= 2022)
    assert_same_as_full_recompute(years)

    # 3. A transfer to another county in 2021: the member counts in the old county before it and
    #    in the new one after; both counties are recomputed, and nothing else.
    mover = PartyMember.objects.filter(stage=PartyMember.Stage.FULL, transfers__isnull=True,
                                       occupation=PartyMember.Occupation.FARMER_HERDER).exclude(
        pk=member.pk).select_related("organization__area").first()
    old_county = place_of(mover.organization.area)
    target = PartyOrganization.objects.exclude(area__path__startswith=old_county).filter(
        area__level=Area.Level.VILLAGE, kind="branch").select_related("area").first()

    def transfer():
        OrganizationTransfer.objects.create(member=mover, from_organization=mover.organization,
                                            to_organization=target, transferred_on=datetime.date(2021, 6, 1))
        mover.organization = target
        mover.save()

    runs = change(transfer)
    assert {r.scope for r in runs} == {",".join(sorted({old_county, place_of(target.area)}))}
    assert_same_as_full_recompute(years)

    # 4. A deleted evaluation result (the ratings of one county).
    result = EvaluationResult.objects.filter(campaign__year=2022).select_related(
        "campaign__organization__area").first()
    runs = change(lambda: result.delete())
    assert runs and {r.scope for r in runs} == {place_of(result.campaign.organization.area)}
    assert_same_as_full_recompute(years)


def test_a_change_of_columns_no_indicator_reads_queues_nothing(demo):
    years, change = demo
    before = stored_snapshots(years)
    # A farmer-herder member under 30 at the end of 2022, in good standing, never transferred.
    member = PartyMember.objects.members_on(datetime.date(2022, 12, 31)).filter(
        occupation=PartyMember.Occupation.FARMER_HERDER, birth_date__gt=datetime.date(1992, 12, 31),
        transfers__isnull=True).select_related("organization__area").first()
    member.phone = "13800000000"
    assert change(lambda: member.save()) == []
    assert change(lambda: member.save()) == []  # saved unchanged
    # The birth date is read (under-30 figures): that one is recomputed, in the member's township.
    member.birth_date = datetime.date(1970, 1, 1)
    runs = change(lambda: member.save())
    assert [r.scope for r in runs] == [place_of(member.organization.area)]
    assert_same_as_full_recompute(years)
    code, place = "personnel.farmer_herder_under_30", member.organization.area_id
    assert stored_snapshots(years)[(code, place, 2022)][1] == before[(code, place, 2022)][1] - 1


def test_reads_any_tells_which_indicators_a_column_can_move(db):
    farmer = registry.get("personnel.farmer_herder_members")
    assert engine.reads_any(farmer, ["cadres_partymember"], ["occupation"])
    assert engine.reads_any(farmer, ["cadres_partymember"], None)  # an insert or delete
    assert not engine.reads_any(farmer, ["cadres_partymember"], ["phone"])
    assert not engine.reads_any(farmer, ["activities_activity"], None)
    change = registry.get("personnel.language_proficiency_change")  # points: follows its base rate
    assert engine.reads_any(change, ["cadres_languageassessment"], ["level"])
