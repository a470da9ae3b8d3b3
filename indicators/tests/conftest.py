"""Indicators registered only for these tests, and a small dated world to compute them on."""
import pytest
from django.db.models import Count, Q

from branches.models import PartyOrganization
from indicators import registry
from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit


def _orgs_by_area(year):
    return (PartyOrganization.objects.filter(founded_on__year__lte=year).values("area_id")
            .annotate(n=Count("pk")).values_list("area_id", "n"))


def _relocation_share(year):
    return (PartyOrganization.objects.filter(founded_on__year__lte=year).values("area_id")
            .annotate(num=Count("pk", filter=Q(at_relocation_site=True)), den=Count("pk"))
            .values_list("area_id", "num", "den"))


@pytest.fixture
def test_indicators():
    saved = dict(registry._REGISTRY)
    registry._REGISTRY.clear()
    registry.register(Indicator(code="test.orgs", name_zh="党组织数", name_en="Orgs", pillar=Pillar.ORGANIZATION,
                                unit=Unit.COUNT, compute=_orgs_by_area))
    registry.register(Indicator(code="test.share", name_zh="搬迁点占比", name_en="Share", pillar=Pillar.ORGANIZATION,
                                unit=Unit.PERCENT, compute=_relocation_share))
    registry.register(Indicator(code="test.share_change", name_zh="占比变化", name_en="Change",
                                pillar=Pillar.ORGANIZATION, unit=Unit.PERCENTAGE_POINTS, change_of="test.share"))
    yield
    registry._REGISTRY.clear()
    registry._REGISTRY.update(saved)


@pytest.fixture
def dated_world(world):
    # 2021: A1 (relocation), A2, B1.  2022: + two more in A1's village, one at a relocation site.
    PartyOrganization.objects.filter(pk__in=[world.org_a1.pk, world.org_a2.pk, world.org_b1.pk]).update(
        founded_on="2020-05-01")
    PartyOrganization.objects.filter(pk=world.org_a1.pk).update(at_relocation_site=True)
    PartyOrganization.objects.create(name="新1", kind="branch", area=world.village_a1, founded_on="2022-03-01",
                                     at_relocation_site=True)
    PartyOrganization.objects.create(name="新2", kind="branch", area=world.village_a1, founded_on="2022-04-01")
    return world


