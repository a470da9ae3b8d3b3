"""Role checks outside the business scope go through ali_party.scoping.has_role."""
from django.contrib.auth.models import AnonymousUser

from ali_party.scoping import Role, has_role


def test_it_is_true_for_the_users_role(world):
    assert has_role(world.sam, Role.ADMIN)
    assert has_role(world.erin, Role.AUDITOR)
    assert has_role(world.carol, Role.ADMIN, Role.PREFECTURE_STAFF)


def test_it_is_false_for_another_role(world):
    assert not has_role(world.alice, Role.ADMIN)
    assert not has_role(world.dave, Role.PREFECTURE_STAFF)


def test_it_is_false_for_an_anonymous_visitor():
    assert not has_role(AnonymousUser(), Role.NONE)
    assert not has_role(None, Role.ADMIN)
