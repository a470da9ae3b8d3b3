import datetime
from decimal import Decimal

import factory

from funding.models import (
    Allocation, CollectiveEconomyProject, Expenditure, FundPurpose, FundSource, Status, TownshipAccount,
    VenueUpgrade, VillageLedger,
)


def source(code: str = "prefecture") -> FundSource:
    """A catalogue entry seeded by the migration (中央三部委 = central, 地区财政 = prefecture …)."""
    return FundSource.objects.get(code=code)


def purpose(code: str = "cadre_pay") -> FundPurpose:
    return FundPurpose.objects.get(code=code)


class CollectiveEconomyProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveEconomyProject

    name = factory.Sequence(lambda n: f"牦牛养殖合作社{n}")
    village = None  # pass a village Area
    start_year = 2021
    central_support_funds = Decimal("500000.00")
    other_funds = Decimal("100000.00")
    status = Status.IN_PROGRESS
    households_benefiting = 30


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    source = factory.LazyFunction(source)
    purpose = factory.LazyFunction(purpose)
    year = 2022
    amount = Decimal("100.00")
    village = None  # pass a village Area


class TownshipAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TownshipAccount

    township = None  # pass a township Area
    bank = "中国农业银行阿里地区分行"
    account_number = factory.Sequence(lambda n: f"22690104{n:08d}")


class VillageLedgerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VillageLedger

    account = None
    village = None


class ExpenditureFactory(factory.django.DjangoModelFactory):
    """Writes a row directly (tests of reads); bookings under test go through expenditure_create."""

    class Meta:
        model = Expenditure

    ledger = None
    allocation = None
    purpose = factory.LazyAttribute(lambda o: o.allocation.purpose)
    spent_on = datetime.date(2022, 6, 1)
    amount = Decimal("10.00")
    voucher_no = factory.Sequence(lambda n: f"记-{n:04d}")


class VenueUpgradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VenueUpgrade

    village = None
    total_investment = Decimal("150000.00")
    status = Status.COMPLETED
    completed_on = datetime.date(2022, 9, 1)


def books_for(world):
    """Accounts for the world's three townships and ledgers for its three villages."""
    ledgers = {}
    for township, villages in ((world.township_a, [world.village_a1]), (world.township_a2, [world.village_a2]),
                               (world.township_b, [world.village_b1])):
        account = TownshipAccountFactory(township=township)
        for village in villages:
            ledgers[village.pk] = VillageLedgerFactory(account=account, village=village)
    return ledgers
