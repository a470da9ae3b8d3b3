"""The audited "查看完整信息" is rate-limited (issue 17, Low 9): the pen test revealed 100 full ID
numbers in 2.3 s. At most REVEAL_LIMIT_PER_HOUR reveals per user in any hour; past it the number
stays masked, and each refused reveal is a security event."""
from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessEvent

from .factories import PartyMemberFactory, SentCadreFactory


def reveal(client, obj, name="cadres:member_reveal"):
    return client.post(reverse(name, args=[obj.pk]))


def test_the_limit_is_per_user_and_hour_and_refusals_are_security_events(client_for, world, settings):
    settings.REVEAL_LIMIT_PER_HOUR = 3
    members = [PartyMemberFactory(organization=world.org_a1) for _ in range(5)]
    cadre = SentCadreFactory(village=world.village_a1)
    alice = client_for(world.alice)
    for member in members[:2]:
        response = reveal(alice, member)
        assert response.status_code == 200 and member.id_number in response.content.decode()
    assert reveal(alice, cadre, "cadres:cadre_reveal").status_code == 200  # every kind of reveal counts
    refused = reveal(alice, members[3])
    assert refused.status_code == 429
    body = refused.content.decode()
    assert members[3].id_number not in body and "1小时内最多查看3次" in body
    reveal(alice, members[4])
    events = AccessEvent.objects.filter(user=world.alice)
    assert events.filter(kind="reveal", success=True).count() == 3
    limit = events.filter(kind="reveal_limit")
    assert limit.count() == 2 and not limit.filter(success=True).exists()
    assert f"cadres.partymember {members[3].pk}" in limit.order_by("at", "pk").first().target
    # Another user has an hour of their own.
    carol = client_for(world.carol)
    assert reveal(carol, members[3]).status_code == 200


def test_reveals_older_than_an_hour_no_longer_count(client_for, world, settings):
    settings.REVEAL_LIMIT_PER_HOUR = 2
    member = PartyMemberFactory(organization=world.org_a1)
    client = client_for(world.alice)
    assert reveal(client, member).status_code == 200
    assert reveal(client, member).status_code == 200
    assert reveal(client, member).status_code == 429
    # An hour later (the audit rows are append-only: the clock moves, not the rows).
    later = timezone.now() + timedelta(minutes=61)
    with mock.patch("accounts.services.timezone", SimpleNamespace(now=lambda: later)):
        assert reveal(client, member).status_code == 200


def test_refusals_do_not_count_towards_the_limit(client_for, world, settings):
    """A refused reveal shows nothing: only shown ones are counted (else one hour of refusals would
    extend itself)."""
    settings.REVEAL_LIMIT_PER_HOUR = 1
    member = PartyMemberFactory(organization=world.org_a1)
    client = client_for(world.alice)
    assert reveal(client, member).status_code == 200
    for _ in range(3):
        assert reveal(client, member).status_code == 429
    # An hour later (the audit rows are append-only: the clock moves, not the rows).
    later = timezone.now() + timedelta(minutes=61)
    with mock.patch("accounts.services.timezone", SimpleNamespace(now=lambda: later)):
        assert reveal(client, member).status_code == 200


def test_the_default_limit_is_a_setting():
    from django.conf import settings
    assert isinstance(settings.REVEAL_LIMIT_PER_HOUR, int) and settings.REVEAL_LIMIT_PER_HOUR >= 1


@pytest.mark.parametrize("value", ["0", "-5", "abc", "1.5"])
def test_a_wrong_setting_stops_the_application(value, monkeypatch):
    from ali_party.settings.base import reveal_limit_from_env
    monkeypatch.setenv("REVEAL_LIMIT_PER_HOUR", value)
    with pytest.raises(ImproperlyConfigured, match="REVEAL_LIMIT_PER_HOUR"):
        reveal_limit_from_env()
