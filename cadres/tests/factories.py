import datetime

import factory

from cadres.models import Gender, PartyMember
from cadres.validators import make_id_number


class PartyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyMember

    name = factory.Sequence(lambda n: f"党员{n}")
    gender = Gender.MALE
    birth_date = datetime.date(1985, 6, 15)
    id_number = factory.LazyAttributeSequence(
        lambda o, n: make_id_number("542524", o.birth_date, n % 500, gender=o.gender))
    stage = PartyMember.Stage.FULL
    applied_on = datetime.date(2005, 1, 10)
    activist_on = datetime.date(2005, 6, 1)
    candidate_on = datetime.date(2006, 7, 1)
    admitted_on = datetime.date(2006, 12, 1)
    full_member_on = datetime.date(2007, 12, 1)
    organization = None  # pass a PartyOrganization


class TwoCommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cadres.TwoCommitteeMember"

    name = factory.Sequence(lambda n: f"两委成员{n}")
    gender = Gender.MALE
    committee = "both"
    post = "村党支部书记、村委会主任"
    term_start = datetime.date(2021, 3, 1)
    village = None  # pass a village Area


class LanguageTrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cadres.LanguageTrainingSession"

    title = factory.Sequence(lambda n: f"第{n}期国家通用语言培训班")
    started_on = datetime.date(2022, 5, 1)
    attendance = 10
    area = None


class SentCadreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cadres.SentCadre"

    name = factory.Sequence(lambda n: f"驻村干部{n}")
    gender = Gender.MALE
    phone = "13912345678"
    sending_unit = "地委组织部"
    started_on = datetime.date(2021, 3, 1)
    village = None
