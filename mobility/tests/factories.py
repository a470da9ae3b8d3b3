import datetime

import factory

from mobility.models import FloatingPeriod, IncomingMember, LostContact


class FloatingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FloatingPeriod

    member = None  # pass a PartyMember
    left_on = datetime.date(2022, 3, 1)
    destination = "拉萨市城关区"
    reason = "work_business"


class LostContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LostContact

    member = None
    lost_since = datetime.date(2022, 1, 10)
    reason = "work_business"


class IncomingMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomingMember

    name = factory.Sequence(lambda n: f"流入党员{n}")
    gender = "M"
    origin_organization = "仲巴县帕羊镇党委"
    arrived_on = datetime.date(2022, 4, 1)
    organization = None
