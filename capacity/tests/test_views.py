"""Pages of 基本能力: scoping (404 outside the county, 403 for read-only and non-business roles),
form refusals, and flat query counts on the lists."""
from datetime import date

import pytest
from django.urls import reverse

from activities.tests.factories import ActivityFactory, kind
from capacity import models
from capacity.tests import factories as f

PREFIXES = ["pairing", "screening", "case", "demo_village", "income_team", "strong_weak", "ecology_team"]


def make(prefix, world, village):
    """One record of each type in `village` (a second village of the same county where needed)."""
    return {
        "pairing": lambda: f.CoBuildingPairingFactory(village=village),
        "screening": lambda: f.DisputeScreeningFactory(village=village, disputes_found=2),
        "case": lambda: f.DisputeCaseFactory(village=village),
        "demo_village": lambda: f.CollectiveEconomyDemoVillageFactory(village=village),
        "income_team": lambda: f.IncomeTeamFactory(village=village),
        "strong_weak": lambda: f.StrongWeakPairingFactory(strong_village=village, weak_village=world.extra_b
                                                          if village == world.village_b1 else world.village_a2),
        "ecology_team": lambda: f.EcologyTeamFactory(village=village),
    }[prefix]()


@pytest.fixture
def world_b(world):
    from branches.models import Area
    world.extra_b = Area.objects.add_child(world.township_b, instance=Area(name="普兰二村", level="village"))
    world.objects_b = {p: make(p, world, world.village_b1) for p in PREFIXES}
    return world


def _snapshot():
    return [list(m.objects.order_by("pk").values()) for m in (
        models.CoBuildingPairing, models.DisputeScreening, models.DisputeCase, models.CollectiveEconomyDemoVillage,
        models.IncomeTeam, models.StrongWeakPairing, models.EcologyTeam)]


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("action", ["detail", "update"])
def test_other_county_clerk_gets_404_and_changes_nothing(client_for, world_b, prefix, action):
    url = reverse(f"capacity:{prefix}_{action}", args=[world_b.objects_b[prefix].pk])
    client = client_for(world_b.alice)
    before = _snapshot()
    assert client.get(url).status_code == 404
    if action == "update":
        assert client.post(url, {"village": world_b.village_a1.pk, "garrison_unit": "篡改", "name": "篡改",
                                 "description": "篡改", "members_count": 1}).status_code == 404
    assert _snapshot() == before


@pytest.mark.parametrize("prefix", PREFIXES)
def test_read_only_viewer_reads_but_gets_403_on_writes(client_for, world_b, prefix):
    client = client_for(world_b.dave)
    obj = world_b.objects_b[prefix]
    before = _snapshot()
    assert client.get(reverse(f"capacity:{prefix}_detail", args=[obj.pk])).status_code == 200
    assert client.get(reverse(f"capacity:{prefix}_update", args=[obj.pk])).status_code == 403
    assert client.post(reverse(f"capacity:{prefix}_update", args=[obj.pk]), {}).status_code == 403
    assert client.get(reverse(f"capacity:{prefix}_create")).status_code == 403
    assert client.post(reverse(f"capacity:{prefix}_create"), {}).status_code == 403
    assert _snapshot() == before


@pytest.mark.parametrize("persona", ["sam", "erin"])
@pytest.mark.parametrize("prefix", PREFIXES)
def test_admin_and_auditor_get_403(client_for, world_b, persona, prefix):
    client = client_for(getattr(world_b, persona))
    assert client.get(reverse("capacity:index")).status_code == 403
    assert client.get(reverse(f"capacity:{prefix}_list")).status_code == 403
    assert client.get(reverse(f"capacity:{prefix}_detail", args=[world_b.objects_b[prefix].pk])).status_code == 403


@pytest.mark.parametrize("prefix", PREFIXES)
def test_clerk_sees_own_county_only_and_opens_forms(client_for, world_b, prefix):
    mine = make(prefix, world_b, world_b.village_a1)
    client = client_for(world_b.alice)
    body = client.get(reverse(f"capacity:{prefix}_list")).content.decode()
    assert "加木村" in body and "普兰一村" not in body
    assert client.get(reverse(f"capacity:{prefix}_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse(f"capacity:{prefix}_update", args=[mine.pk])).status_code == 200
    assert "普兰一村" not in client.get(reverse(f"capacity:{prefix}_create")).content.decode()


def test_index_lists_sections_with_counts(client_for, world_b):
    body = client_for(world_b.carol).get(reverse("capacity:index")).content.decode()
    assert "军地共建结对" in body and "绿色“五支”队伍" in body


def test_form_refuses_a_successful_but_unhandled_case(client_for, world):
    response = client_for(world.alice).post(reverse("capacity:case_create"), {
        "village": world.village_a1.pk, "found_on": "2022-03-01", "description": "草场纠纷",
        "outcome": "success"})
    assert response.status_code == 200
    assert "调解成功的纠纷必须已调处：调解成功数不能多于已调处数。" in response.content.decode()
    assert not models.DisputeCase.objects.exists()


def test_clerk_records_a_mediated_case(client_for, world):
    response = client_for(world.alice).post(reverse("capacity:case_create"), {
        "village": world.village_a1.pk, "found_on": "2022-03-01", "description": "草场纠纷",
        "handled": "on", "handled_on": "2022-03-03", "outcome": "success", "handling": "上门调解"})
    assert response.status_code == 302
    assert models.DisputeCase.objects.get().handled


def test_pairing_detail_counts_its_activities(client_for, world):
    pairing = f.CoBuildingPairingFactory(village=world.village_a1)
    ActivityFactory.create_batch(2, kind=kind("party_lecture"), organization=world.org_a1, pairing=pairing)
    ActivityFactory(kind=kind("drill"), organization=world.org_a1, pairing=pairing, held_on=date(2022, 8, 1))
    body = client_for(world.alice).get(reverse("capacity:pairing_detail", args=[pairing.pk])).content.decode()
    assert "党课</td><td class=\"text-end\">2" in body and "演练</td><td class=\"text-end\">1" in body


@pytest.mark.parametrize("prefix", PREFIXES)
def test_list_query_count_is_flat(client_for, world_b, django_assert_max_num_queries, prefix):
    client = client_for(world_b.carol)
    url = reverse(f"capacity:{prefix}_list")
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    from branches.models import Area
    for i in range(50):
        # one designation per village: give each its own village
        village = Area.objects.add_child(world_b.township_a, instance=Area(name=f"新村{i}", level="village")) \
            if prefix == "demo_village" else world_b.village_a1
        make(prefix, world_b, village)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
