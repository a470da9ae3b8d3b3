"""Money spent, a venue finished, books opened: never dated after today (tests/test_plausibility.py
lists every date field and its decision)."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from funding import services
from funding.models import Expenditure, VenueUpgrade, VillageLedger

from .factories import AllocationFactory, TownshipAccountFactory, books_for

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def test_an_expenditure_dated_tomorrow_is_refused(world):
    books_for(world)
    allocation = AllocationFactory(village=world.village_a1, amount=Decimal("100.00"))
    with pytest.raises(ValidationError) as error:
        services.expenditure_create(actor=world.alice, allocation=allocation, purpose=allocation.purpose,
                                    spent_on=TOMORROW, amount="10", voucher_no="记-0001")
    assert error.value.message_dict["spent_on"] == ["支出日期不能晚于今天。"]
    assert not Expenditure.objects.exists()
    services.expenditure_create(actor=world.alice, allocation=allocation, purpose=allocation.purpose,
                                spent_on=timezone.localdate(), amount="10", voucher_no="记-0001")
    assert Expenditure.objects.count() == 1


def test_a_venue_finished_tomorrow_and_a_ledger_opened_tomorrow_are_refused(world):
    with pytest.raises(ValidationError) as error:
        services.venue_upgrade_create(actor=world.alice, village=world.village_a1, total_investment="150000",
                                      status="completed", completed_on=TOMORROW)
    assert error.value.message_dict["completed_on"] == ["完成日期不能晚于今天。"]
    account = TownshipAccountFactory(township=world.township_a)
    with pytest.raises(ValidationError) as error:
        services.village_ledger_create(actor=world.alice, account=account, village=world.village_a1,
                                       opened_on=TOMORROW)
    assert error.value.message_dict["opened_on"] == ["建账日期不能晚于今天。"]
    assert not VenueUpgrade.objects.exists() and not VillageLedger.objects.exists()
