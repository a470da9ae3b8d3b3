"""Two clerks booking against the same allocation at the same moment (PostgreSQL: real row locks).

Runs in CI on PostgreSQL; skipped locally by the conftest unless DATABASE_URL is PostgreSQL.
"""
import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from funding import services
from funding.models import Expenditure

from .factories import AllocationFactory, books_for


@pytest.mark.postgres
def test_it_lets_exactly_one_of_two_simultaneous_overspending_bookings_through(transactional_db, world,
                                                                              monkeypatch):
    books_for(world)
    summed = services.allocation_spent

    def slow_sum(allocation):
        # Widen the race: without the row lock both clerks would read the same balance here.
        total = summed(allocation)
        time.sleep(0.5)
        return total

    monkeypatch.setattr(services, "allocation_spent", slow_sum)
    allocation = AllocationFactory(village=world.village_a1, amount=Decimal("100.00"))
    barrier = threading.Barrier(2)
    outcomes = []

    def book(actor, voucher):
        try:
            barrier.wait(timeout=10)
            services.expenditure_create(actor=actor, allocation=allocation, purpose=allocation.purpose,
                                        spent_on=datetime.date(2022, 6, 1), amount=Decimal("60.00"),
                                        voucher_no=voucher)
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=book, args=(world.alice, "记-0001")),
               threading.Thread(target=book, args=(world.tess, "记-0002"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes.count("booked") == 1, outcomes
    refused = [o for o in outcomes if o != "booked"]
    assert len(refused) == 1 and "超出拨款余额" in refused[0]
    assert Expenditure.objects.filter(allocation=allocation).count() == 1
    assert services.allocation_spent(allocation) == Decimal("60.00")
