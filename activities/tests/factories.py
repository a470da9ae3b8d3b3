import datetime

import factory

from activities.models import Activity, ActivityKind, ContactCardIssue, ProxyMatter, ServiceHall


def kind(code: str) -> ActivityKind:
    """A catalogue kind (seeded by migration 0002; re-seeded if a test database skipped migrations)."""
    from activities.services import ensure_kind_catalogue

    return ActivityKind.objects.filter(code=code).first() or ensure_kind_catalogue()[code]


class ActivityFactory(factory.django.DjangoModelFactory):
    """Pass organization= and village= (a village in the organization's county)."""

    class Meta:
        model = Activity

    kind = factory.LazyFunction(lambda: kind("theme_party_day"))
    held_on = datetime.date(2022, 5, 4)
    organization = None
    village = factory.LazyAttribute(lambda o: o.organization.area)
    participants = 10
    person_times = factory.LazyAttribute(lambda o: o.participants)


class ServiceHallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceHall

    village = None
    name = factory.Sequence(lambda n: f"便民服务大厅{n}")
    opened_on = datetime.date(2021, 3, 1)


class ContactCardIssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactCardIssue

    village = None
    issued_on = datetime.date(2022, 6, 1)
    count = 10


class ProxyMatterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProxyMatter

    village = None
    accepted_on = datetime.date(2022, 6, 1)
    kind = ProxyMatter.Kind.SUBSIDY
    outcome = ProxyMatter.Outcome.DONE
