"""The engine on a hand-made world, with two indicators registered only for these tests."""
from decimal import Decimal

import pytest

from branches.models import Area, PartyOrganization
from indicators import engine, registry, services
from indicators.models import IndicatorSnapshot
from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit


def test_it_rolls_counts_up_the_tree(dated_world, test_indicators):
    w = dated_world
    assert engine.evaluate("test.orgs", 2022, w.village_a1).value == 3
    assert engine.evaluate("test.orgs", 2022, w.township_a).value == 3
    assert engine.evaluate("test.orgs", 2022, w.county_a).value == 4
    assert engine.evaluate("test.orgs", 2022, w.county_b).value == 1
    assert engine.evaluate("test.orgs", 2022, w.root).value == 5
    assert engine.evaluate("test.orgs", 2021, w.root).value == 3


def test_it_computes_rates_from_additive_parts(dated_world, test_indicators):
    w = dated_world
    # root 2022: 2 of 5 = 40.00 %; county A: 2 of 4 = 50.00 %; 2021 root: 1 of 3 = 33.33 %
    root = engine.evaluate("test.share", 2022, w.root)
    assert (root.value, root.numerator, root.denominator) == (Decimal("40.00"), 2, 5)
    assert engine.evaluate("test.share", 2022, w.county_a).value == Decimal("50.00")
    assert engine.evaluate("test.share", 2021, w.root).value == Decimal("33.33")
    # change in percentage points: 40.00 − 33.33 = 6.67
    assert engine.evaluate("test.share_change", 2022, w.root).value == Decimal("6.67")


def test_a_rate_without_records_is_no_data_not_an_error(world, test_indicators):
    assert engine.evaluate("test.share", 1999, world.root).value is None
    assert engine.evaluate("test.orgs", 1999, world.root).value == 0


def test_recompute_writes_snapshots_and_a_rerun_changes_nothing(dated_world, test_indicators):
    services.recompute(years=[2021, 2022])
    snap = IndicatorSnapshot.objects.get(code="test.orgs", area=dated_world.county_a, year=2022)
    assert snap.value == 4
    assert services.write_snapshots(2022, services.compute_snapshots(2022)) == 0


def test_a_failed_run_keeps_the_last_good_snapshot(dated_world, test_indicators):
    services.recompute(years=[2022])
    PartyOrganization.objects.create(name="新3", kind="branch", area=dated_world.village_b1, founded_on="2022-05-01")

    def boom(year):
        raise RuntimeError("database went away")
    registry._REGISTRY["test.share"] = Indicator(code="test.share", name_zh="x", name_en="x",
                                                 pillar=Pillar.ORGANIZATION, unit=Unit.PERCENT, compute=boom)
    with pytest.raises(RuntimeError):
        services.recompute(years=[2022])
    assert IndicatorSnapshot.objects.get(code="test.orgs", area=dated_world.root, year=2022).value == 5


def test_saving_a_record_queues_a_recompute_after_commit(dated_world, test_indicators, settings,
                                                         django_capture_on_commit_callbacks):
    from django.core.cache import cache
    from branches.services import organization_create
    settings.INDICATORS_AUTO_RECOMPUTE = True
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        organization_create(actor=dated_world.carol, name="新支部", kind="branch", area=dated_world.village_b1,
                            founded_on="2022-06-01")
    assert IndicatorSnapshot.objects.get(code="test.orgs", area=dated_world.county_b, year=2022).value == 2
    assert not IndicatorSnapshot.objects.filter(code="test.orgs", year=2021, area=dated_world.county_b,
                                                value=2).exists()


def test_written_snapshots_read_back_as_written(dated_world):
    """The write path (COPY and upsert on PostgreSQL, bulk_create elsewhere): no value, None
    denominators, zero written as 0E-2 and two decimals come back unchanged; a second write
    updates the changed row and deletes the one no longer wanted."""
    w = dated_world
    rows = [("test.a", w.root.pk, None, Decimal("0"), Decimal("0")),
            ("test.a", w.county_a.pk, Decimal("28.13"), Decimal("18"), Decimal("64")),
            ("test.b", w.root.pk, Decimal("5894.35"), Decimal("58943450.00"), None),
            ("test.b", w.county_a.pk, Decimal("0E-2"), Decimal("0E-2"), None)]
    assert services.write_snapshots(2022, rows) == 4
    stored = {(s.code, s.area_id): (s.value, s.numerator, s.denominator)
              for s in IndicatorSnapshot.objects.filter(year=2022)}
    assert stored == {("test.a", w.root.pk): (None, 0, 0), ("test.a", w.county_a.pk): (Decimal("28.13"), 18, 64),
                      ("test.b", w.root.pk): (Decimal("5894.35"), Decimal("58943450"), None),
                      ("test.b", w.county_a.pk): (0, 0, None)}
    assert services.write_snapshots(2022, rows) == 0
    changed = [rows[0], ("test.a", w.county_a.pk, Decimal("28.12"), Decimal("18"), Decimal("64")), rows[2]]
    assert services.write_snapshots(2022, changed) == 2  # one updated, one deleted
    stored = {(s.code, s.area_id): s.value for s in IndicatorSnapshot.objects.filter(year=2022)}
    assert stored == {("test.a", w.root.pk): None, ("test.a", w.county_a.pk): Decimal("28.12"),
                      ("test.b", w.root.pk): Decimal("5894.35")}


def test_an_indicator_code_that_copy_could_not_write_is_refused():
    for code in ("org.a\tb", "org.a\\b", "Org.A", "org..a", "org.a\n"):
        with pytest.raises(ValueError):
            registry.register(Indicator(code=code, name_zh="x", name_en="x", pillar=Pillar.ORGANIZATION,
                                        unit=Unit.COUNT, compute=lambda year: []))


def test_deleting_an_area_deletes_its_snapshots(dated_world):
    """The snapshot's area has no database constraint (derived data): Django's CASCADE deletes them."""
    village = Area.objects.add_child(dated_world.township_a, instance=Area(name="新村", level="village"))
    services.write_snapshots(2022, [("test.a", village.pk, Decimal("1"), Decimal("1"), None),
                                    ("test.a", dated_world.root.pk, Decimal("1"), Decimal("1"), None)])
    village.delete()
    assert list(IndicatorSnapshot.objects.values_list("area_id", flat=True)) == [dated_world.root.pk]
