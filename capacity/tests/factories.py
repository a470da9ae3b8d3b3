import datetime

import factory

from capacity.models import (
    CoBuildingPairing, CollectiveEconomyDemoVillage, DisputeCase, DisputeScreening, EcologyTeam,
    IncomeTeam, StrongWeakPairing,
)


class CoBuildingPairingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoBuildingPairing

    village = None
    garrison_unit = factory.Sequence(lambda n: f"边防某团{n}连")
    started_on = datetime.date(2021, 1, 1)


class DisputeScreeningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisputeScreening

    village = None
    screened_on = datetime.date(2022, 3, 1)
    disputes_found = 0


class DisputeCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisputeCase

    village = None
    found_on = datetime.date(2022, 3, 1)
    description = "草场边界纠纷"


class CollectiveEconomyDemoVillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveEconomyDemoVillage

    village = None
    designated_year = 2021


class IncomeTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomeTeam

    village = None
    kind = IncomeTeam.Kind.CONSTRUCTION
    name = factory.Sequence(lambda n: f"党员施工队{n}")
    members_count = 12
    income = 100000
    started_on = datetime.date(2021, 5, 1)


class StrongWeakPairingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrongWeakPairing

    strong_village = None
    weak_village = None
    started_on = datetime.date(2021, 5, 1)


class EcologyTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EcologyTeam

    village = None
    name = factory.Sequence(lambda n: f"护林队{n}")
    members_count = 10
    started_on = datetime.date(2021, 5, 1)
