import factory

from branches.models import PartyOrganization


class PartyOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyOrganization

    name = factory.Sequence(lambda n: f"第{n}党支部")
    kind = PartyOrganization.Kind.BRANCH
    area = None  # pass a village Area
