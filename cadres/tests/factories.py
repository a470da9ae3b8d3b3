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
    id_number = factory.LazyAttributeSequence(lambda o, n: make_id_number("542524", o.birth_date, n))
    stage = PartyMember.Stage.FULL
    applied_on = datetime.date(2005, 1, 10)
    activist_on = datetime.date(2005, 6, 1)
    candidate_on = datetime.date(2006, 7, 1)
    admitted_on = datetime.date(2006, 12, 1)
    full_member_on = datetime.date(2007, 12, 1)
    organization = None  # pass a PartyOrganization
