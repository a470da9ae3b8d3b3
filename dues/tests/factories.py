import datetime
from decimal import Decimal

import factory

from dues.models import DuesProfile
from dues.rules import Category


class DuesProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DuesProfile

    member = None  # pass a PartyMember
    category = Category.FARMER_HERDER
    fixed_amount = Decimal("0.50")


def first_of(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, 1)
