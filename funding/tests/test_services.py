import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from funding import services
from funding.models import Allocation, CollectiveEconomyProject, Expenditure, VenueUpgrade, VillageLedger

from .factories import (
    AllocationFactory, CollectiveEconomyProjectFactory, TownshipAccountFactory, books_for, purpose, source,
)

DAY = datetime.date(2022, 6, 1)


def _book(world, allocation, amount, *, actor=None, voucher="记-0001", purpose_=None):
    return services.expenditure_create(
        actor=actor or world.alice, allocation=allocation, purpose=purpose_ or allocation.purpose,
        spent_on=DAY, amount=amount, voucher_no=voucher)


def _messages(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def test_it_books_an_expenditure_in_the_village_ledger(world):
    ledgers = books_for(world)
    allocation = AllocationFactory(village=world.village_a1, amount=Decimal("100.00"))
    expenditure = _book(world, allocation, "40.50")
    assert expenditure.ledger == ledgers[world.village_a1.pk]
    assert expenditure.amount == Decimal("40.50")
    assert services.allocation_spent(allocation) == Decimal("40.50")


def test_it_refuses_a_negative_amount(world):
    books_for(world)
    allocation = AllocationFactory(village=world.village_a1)
    with pytest.raises(ValidationError) as error:
        _book(world, allocation, "-5")
    assert "金额必须大于0" in _messages(error.value, "amount")
    assert Expenditure.objects.count() == 0


@pytest.mark.parametrize("amount", ["abc", "", "1e", "NaN", None, "12.345"])
def test_it_refuses_a_non_numeric_amount(world, amount):
    books_for(world)
    allocation = AllocationFactory(village=world.village_a1)
    with pytest.raises(ValidationError) as error:
        _book(world, allocation, amount)
    assert "金额" in _messages(error.value, "amount")
    assert Expenditure.objects.count() == 0


def test_it_refuses_an_overspend(world):
    books_for(world)
    allocation = AllocationFactory(village=world.village_a1, amount=Decimal("100.00"))
    _book(world, allocation, "70")
    with pytest.raises(ValidationError) as error:
        _book(world, allocation, "30.01", voucher="记-0002")
    assert "超出拨款余额" in _messages(error.value, "amount")
    assert "剩余 30.00 元" in _messages(error.value, "amount")
    assert Expenditure.objects.count() == 1
    _book(world, allocation, "30.00", voucher="记-0003")  # exactly what is left is fine
    assert services.allocation_spent(allocation) == Decimal("100.00")


def test_it_refuses_a_purpose_mismatch(world):
    books_for(world)
    allocation = AllocationFactory(village=world.village_a1, purpose=purpose("cadre_pay"))
    with pytest.raises(ValidationError) as error:
        _book(world, allocation, "10", purpose_=purpose("party_work"))
    message = _messages(error.value, "purpose")
    assert "专款专用" in message and "村干部报酬" in message
    assert Expenditure.objects.count() == 0


def test_it_refuses_the_second_of_two_bookings_that_together_overspend(world):
    """On SQLite the row lock is a no-op (writes are serialized anyway): check that the second
    booking sees the first in its balance. The threaded PostgreSQL test is in test_concurrency."""
    books_for(world)
    allocation = AllocationFactory(village=world.village_a1, amount=Decimal("100.00"))
    stale_copy = Allocation.objects.get(pk=allocation.pk)  # what the second clerk's page loaded
    _book(world, allocation, "60", actor=world.alice)
    with pytest.raises(ValidationError):
        _book(world, stale_copy, "60", actor=world.tess, voucher="记-0002")
    assert Expenditure.objects.count() == 1


def test_it_needs_a_village_ledger(world):
    allocation = AllocationFactory(village=world.village_a1)
    with pytest.raises(ValidationError) as error:
        _book(world, allocation, "10")
    assert "分村账簿" in _messages(error.value, "allocation")


def test_it_refuses_a_duplicate_voucher_in_one_ledger(world):
    books_for(world)
    allocation = AllocationFactory(village=world.village_a1)
    _book(world, allocation, "10")
    with pytest.raises(ValidationError) as error:
        _book(world, allocation, "10")
    assert "凭证号" in " ".join(error.value.messages)
    assert Expenditure.objects.count() == 1


def test_it_hides_other_county_allocations_from_a_clerk(world):
    books_for(world)
    allocation = AllocationFactory(village=world.village_b1)
    with pytest.raises(Http404):
        _book(world, allocation, "10", actor=world.alice)
    with pytest.raises(PermissionDenied):
        _book(world, allocation, "10", actor=world.dave)
    assert Expenditure.objects.count() == 0


def test_it_refuses_a_non_positive_allocation(world):
    for amount, text in (("0", "金额必须大于0"), ("-100", "金额必须大于0"), ("十万", "金额必须是数字")):
        with pytest.raises(ValidationError) as error:
            services.allocation_create(actor=world.alice, source=source(), purpose=purpose(), year=2022,
                                       amount=amount, village=world.village_a1)
        assert text in _messages(error.value, "amount")
    assert Allocation.objects.count() == 0


def test_it_gives_a_project_allocation_to_the_project_village(world):
    project = CollectiveEconomyProjectFactory(village=world.village_a2)
    allocation = services.allocation_create(
        actor=world.alice, source=source("central"), purpose=purpose("collective_economy"), year=2021,
        amount=Decimal("500000"), project=project, village=None)
    assert allocation.village == world.village_a2


def test_it_refuses_a_project_outside_the_village(world):
    project = CollectiveEconomyProjectFactory(village=world.village_a2)
    with pytest.raises(ValidationError) as error:
        services.allocation_create(actor=world.alice, source=source("central"),
                                   purpose=purpose("collective_economy"), year=2021, amount="1",
                                   project=project, village=world.village_a1)
    assert "项目必须在受援村内" in _messages(error.value, "project")
    assert Allocation.objects.count() == 0


def test_it_refuses_cutting_an_allocation_below_what_was_spent(world):
    books_for(world)
    allocation = AllocationFactory(village=world.village_a1, amount=Decimal("100.00"))
    _book(world, allocation, "80")
    with pytest.raises(ValidationError) as error:
        services.allocation_update(actor=world.alice, allocation=allocation, amount="50")
    assert "已支出 80.00 元" in _messages(error.value, "amount")
    with pytest.raises(ValidationError) as error:
        services.allocation_update(actor=world.alice, allocation=allocation, purpose=purpose("party_work"))
    assert "专款专用" in _messages(error.value, "purpose")
    allocation.refresh_from_db()
    assert allocation.amount == Decimal("100.00") and allocation.purpose == purpose("cadre_pay")


def test_it_refuses_moving_an_allocation_to_another_county(world):
    allocation = AllocationFactory(village=world.village_a1)
    with pytest.raises(Http404):
        services.allocation_update(actor=world.alice, allocation=allocation, village=world.village_b1)
    allocation.refresh_from_db()
    assert allocation.village == world.village_a1


def test_it_opens_ledgers_only_for_villages_of_the_township(world):
    account = TownshipAccountFactory(township=world.township_a)
    with pytest.raises(ValidationError) as error:
        services.village_ledger_create(actor=world.alice, account=account, village=world.village_a2)
    assert "不属于此乡镇" in _messages(error.value, "village")
    services.village_ledger_create(actor=world.alice, account=account, village=world.village_a1)
    assert VillageLedger.objects.count() == 1


def test_it_allows_one_account_per_township(world):
    services.township_account_create(actor=world.alice, township=world.township_a, bank="农行", account_number="1")
    with pytest.raises(ValidationError) as error:
        services.township_account_create(actor=world.alice, township=world.township_a, bank="农行",
                                         account_number="2")
    assert "township" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.township_account_create(actor=world.alice, township=world.village_a1, bank="农行",
                                         account_number="3")
    assert "乡镇一级" in _messages(error.value, "township")


def test_it_checks_venue_upgrades(world):
    with pytest.raises(ValidationError) as error:
        services.venue_upgrade_create(actor=world.alice, village=world.village_a1, total_investment="30000",
                                      status="completed", completed_on=None)
    assert "不能少于地区划拨资金" in _messages(error.value, "total_investment")
    assert "完成日期" in _messages(error.value, "completed_on")
    venue = services.venue_upgrade_create(actor=world.alice, village=world.village_a1,
                                          total_investment="120000", status="in_progress")
    assert venue.prefecture_allocation == Decimal("40000.00")
    assert venue.below_standard
    assert VenueUpgrade.objects.count() == 1


def test_it_checks_project_years_and_money(world):
    with pytest.raises(ValidationError) as error:
        services.project_create(actor=world.alice, name="光伏", village=world.village_a1, start_year=2022,
                                end_year=2020, central_support_funds="-1")
    assert "不能早于立项年度" in _messages(error.value, "end_year")
    assert "不能为负数" in _messages(error.value, "central_support_funds")
    assert CollectiveEconomyProject.objects.count() == 0


def test_it_refuses_writes_by_read_only_roles(world):
    with pytest.raises(PermissionDenied):
        services.project_create(actor=world.dave, name="光伏", village=world.village_a1, start_year=2022)
    with pytest.raises(Http404):
        services.project_create(actor=world.bob, name="光伏", village=world.village_a1, start_year=2022)
    assert CollectiveEconomyProject.objects.count() == 0
