from decimal import Decimal

import pytest
from django.urls import reverse

from funding.models import Allocation, CollectiveEconomyProject, Expenditure, TownshipAccount, VenueUpgrade

from .factories import (
    AllocationFactory, CollectiveEconomyProjectFactory, ExpenditureFactory, VenueUpgradeFactory, books_for,
    purpose, source,
)


@pytest.fixture
def records(world):
    """One of everything in county A (village A1 / township A)."""
    ledgers = books_for(world)
    allocation = AllocationFactory(village=world.village_a1, amount=Decimal("1000"))
    return {
        "allocation": allocation,
        "account": ledgers[world.village_a1.pk].account,
        "expenditure": ExpenditureFactory(ledger=ledgers[world.village_a1.pk], allocation=allocation,
                                          amount=Decimal("100")),
        "venue": VenueUpgradeFactory(village=world.village_a1),
        "project": CollectiveEconomyProjectFactory(village=world.village_a1),
    }


OBJECT_URLS = [
    ("allocation_detail", "allocation"), ("allocation_update", "allocation"),
    ("account_detail", "account"), ("account_update", "account"), ("ledger_create", "account"),
    ("expenditure_detail", "expenditure"), ("expenditure_delete", "expenditure"),
    ("venue_detail", "venue"), ("venue_update", "venue"),
    ("project_detail", "project"), ("project_update", "project"),
]
WRITE_URLS = [name for name, _ in OBJECT_URLS if not name.endswith("_detail")]
LIST_URLS = ["index", "allocation_list", "account_list", "expenditure_list", "venue_list", "project_list"]
CREATE_URLS = ["allocation_create", "account_create", "expenditure_create", "venue_create", "project_create"]


def _snapshot():
    return [list(model.objects.order_by("pk").values()) for model in
            (Allocation, TownshipAccount, Expenditure, VenueUpgrade, CollectiveEconomyProject)]


@pytest.mark.parametrize("name,key", OBJECT_URLS)
def test_it_hides_another_countys_objects(records, world, client_for, name, key):
    client = client_for(world.bob)
    url = reverse(f"funding:{name}", args=[records[key].pk])
    before = _snapshot()
    assert client.get(url).status_code == 404
    if name in WRITE_URLS:
        assert client.post(url, {"amount": "1", "village": world.village_b1.pk, "year": 2022}).status_code == 404
    assert _snapshot() == before


def test_it_lists_another_countys_objects_nowhere(records, world, client_for):
    client = client_for(world.bob)
    own = {"allocation_list": "allocation", "account_list": "account", "expenditure_list": "expenditure",
           "venue_list": "venue", "project_list": "project"}
    for name, key in own.items():
        response = client.get(reverse(f"funding:{name}"))
        assert response.status_code == 200
        assert records[key] not in response.context["page_obj"].object_list, name
        assert str(records[key].get_absolute_url()) not in response.content.decode(), name


@pytest.mark.parametrize("name,key", OBJECT_URLS)
def test_it_refuses_writes_by_the_read_only_viewer(records, world, client_for, name, key):
    client = client_for(world.dave)
    url = reverse(f"funding:{name}", args=[records[key].pk])
    before = _snapshot()
    expected = 200 if name.endswith("_detail") else 403
    assert client.get(url).status_code == expected
    if name in WRITE_URLS:
        assert client.post(url, {"amount": "1"}).status_code == 403
    assert _snapshot() == before


@pytest.mark.parametrize("name", CREATE_URLS)
def test_it_refuses_create_pages_to_the_read_only_viewer(world, client_for, name):
    client = client_for(world.dave)
    assert client.get(reverse(f"funding:{name}")).status_code == 403
    assert client.post(reverse(f"funding:{name}"), {}).status_code == 403


@pytest.mark.parametrize("persona", ["sam", "erin"])
def test_it_shows_admins_and_auditors_no_business_data(records, world, client_for, persona):
    client = client_for(getattr(world, persona))
    for name in LIST_URLS + CREATE_URLS:
        assert client.get(reverse(f"funding:{name}")).status_code == 403, name
    for name, key in OBJECT_URLS:
        assert client.get(reverse(f"funding:{name}", args=[records[key].pk])).status_code == 403, name


def test_it_shows_the_landing_page_with_balances(records, world, client_for):
    client = client_for(world.alice)
    response = client.get(reverse("funding:index"), {"year": 2022})
    assert response.status_code == 200
    content = response.content.decode()
    assert "狮泉河镇" in content and "0.10 万元" in content  # 100 元 spent
    assert client.get(reverse("funding:index"), {"area": world.county_b.pk}).status_code == 404
    assert client.get(reverse("funding:index"), {"area": world.township_a.pk}).status_code == 200


def test_it_shows_details_with_money_in_yuan(records, world, client_for):
    client = client_for(world.tess)
    response = client.get(reverse("funding:allocation_detail", args=[records["allocation"].pk]))
    content = response.content.decode()
    assert "1,000.00 元" in content and "900.00 元" in content and "10.00%" in content


def test_it_creates_an_allocation_and_books_an_expenditure(world, client_for):
    books_for(world)
    client = client_for(world.alice)
    response = client.post(reverse("funding:allocation_create"), {
        "year": 2022, "source": source().pk, "purpose": purpose("party_work").pk, "amount": "20000",
        "village": world.village_a2.pk})
    allocation = Allocation.objects.get()
    assert response.status_code == 302
    assert allocation.amount == Decimal("20000.00")
    assert client.get(reverse("funding:expenditure_create"), {"allocation": allocation.pk}).status_code == 200
    response = client.post(reverse("funding:expenditure_create"), {
        "allocation": allocation.pk, "purpose": allocation.purpose_id, "spent_on": "2022-05-04",
        "amount": "1234.56", "voucher_no": "记-0001", "description": "主题党日活动"})
    assert response.status_code == 302
    assert Expenditure.objects.get().ledger.village == world.village_a2


def _post_expenditure(client, allocation, **overrides):
    data = {"allocation": allocation.pk, "purpose": allocation.purpose_id, "spent_on": "2022-05-04",
            "amount": "10", "voucher_no": "记-0009"}
    data.update(overrides)
    return client.post(reverse("funding:expenditure_create"), data)


def test_it_shows_bad_bookings_on_the_form_and_saves_nothing(records, world, client_for):
    client = client_for(world.alice)
    allocation = records["allocation"]  # 1000 allocated, 100 spent
    cases = [
        ({"amount": "-5"}, "金额必须大于0"),
        ({"amount": "一千"}, "数字"),
        ({"amount": "900.01"}, "超出拨款余额：该拨款剩余 900.00 元"),
        ({"purpose": purpose("party_work").pk}, "专款专用"),
    ]
    for overrides, message in cases:
        response = _post_expenditure(client, allocation, **overrides)
        assert response.status_code == 200, overrides
        assert message in response.content.decode(), overrides
    assert Expenditure.objects.count() == 1


def test_it_deletes_an_expenditure(records, world, client_for):
    client = client_for(world.alice)
    url = reverse("funding:expenditure_delete", args=[records["expenditure"].pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert Expenditure.objects.count() == 0


def test_it_opens_a_ledger_from_the_account_page(world, client_for):
    client = client_for(world.alice)
    response = client.post(reverse("funding:account_create"), {
        "township": world.township_a2.pk, "bank": "农行", "account_number": "123"})
    account = TownshipAccount.objects.get()
    assert response.status_code == 302
    response = client.post(reverse("funding:ledger_create", args=[account.pk]),
                           {"village": world.village_a2.pk})
    assert response.status_code == 302
    assert account.ledgers.get().village == world.village_a2
    # a village of another township is not even offered
    response = client.post(reverse("funding:ledger_create", args=[account.pk]), {"village": world.village_a1.pk})
    assert response.status_code == 200 and not account.ledgers.filter(village=world.village_a1).exists()


def test_it_updates_a_venue_and_flags_it_below_standard(records, world, client_for):
    client = client_for(world.alice)
    venue = records["venue"]
    response = client.post(reverse("funding:venue_update", args=[venue.pk]), {
        "village": world.village_a1.pk, "prefecture_allocation": "40000", "total_investment": "149999.99",
        "status": "completed", "completed_on": "2022-09-01"})
    assert response.status_code == 302
    response = client.get(reverse("funding:venue_list"), {"below_standard": "true"})
    assert "低于15万元标准" in response.content.decode()
    assert list(response.context["page_obj"].object_list) == [venue]


def _make_rows(world, n):
    ledgers = books_for(world) if not TownshipAccount.objects.exists() else {
        ledger.village_id: ledger for account in TownshipAccount.objects.all() for ledger in account.ledgers.all()}
    villages = [world.village_a1, world.village_a2]
    for i in range(n):
        village = villages[i % 2]
        project = CollectiveEconomyProjectFactory(village=village)
        allocation = AllocationFactory(village=village, project=project, amount=Decimal("1000"))
        ExpenditureFactory(ledger=ledgers[village.pk], allocation=allocation)


@pytest.mark.parametrize("name", LIST_URLS)
def test_it_keeps_list_queries_flat(world, client_for, django_assert_max_num_queries, name):
    client = client_for(world.alice)
    url = reverse(f"funding:{name}")
    _make_rows(world, 2)
    VenueUpgradeFactory(village=world.village_a1)
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200
    _make_rows(world, 48)
    VenueUpgradeFactory(village=world.village_a2)
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200
