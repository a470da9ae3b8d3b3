"""scoped_create / scoped_update: the scope on both sides of a change, and only the changed
columns written."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from ali_party.services import scoped_create, scoped_update
from capacity.models import IncomeTeam
from capacity.tests.factories import IncomeTeamFactory

pytestmark = pytest.mark.django_db


def test_it_creates_in_scope(world):
    team = scoped_create(IncomeTeam, actor=world.alice, village=world.village_a1, kind=IncomeTeam.Kind.CONSTRUCTION,
                         name="施工队", members_count=5, income=1000, started_on="2021-05-01")
    assert IncomeTeam.objects.get(pk=team.pk).village == world.village_a1


def test_it_refuses_to_create_outside_scope(world):
    with pytest.raises(Http404):
        scoped_create(IncomeTeam, actor=world.alice, village=world.village_b1, kind=IncomeTeam.Kind.CONSTRUCTION,
                      name="施工队", members_count=5, income=1000, started_on="2021-05-01")
    assert not IncomeTeam.objects.exists()


def test_it_refuses_a_read_only_role(world):
    team = IncomeTeamFactory(village=world.village_a1)
    with pytest.raises(PermissionDenied):
        scoped_update(team, actor=world.dave, name="改名")


def test_it_refuses_moving_out_of_scope(world):
    team = IncomeTeamFactory(village=world.village_a1)
    with pytest.raises(Http404):
        scoped_update(team, actor=world.alice, village=world.village_b1)
    assert IncomeTeam.objects.get(pk=team.pk).village == world.village_a1


def test_it_refuses_a_record_already_outside_scope(world):
    team = IncomeTeamFactory(village=world.village_b1)
    with pytest.raises(Http404):
        scoped_update(team, actor=world.alice, village=world.village_a1)


def test_it_validates_before_saving(world):
    team = IncomeTeamFactory(village=world.village_a1, name="原名")
    with pytest.raises(ValidationError):
        scoped_update(team, actor=world.alice, name="")
    assert IncomeTeam.objects.get(pk=team.pk).name == "原名"


def test_it_writes_only_the_changed_fields(world):
    team = IncomeTeamFactory(village=world.village_a1, name="原名", members_count=12)
    IncomeTeam.objects.filter(pk=team.pk).update(members_count=20)  # someone else, meanwhile
    scoped_update(team, actor=world.alice, name="新名")
    stored = IncomeTeam.objects.get(pk=team.pk)
    assert (stored.name, stored.members_count) == ("新名", 20)


def test_service_messages_are_translated(world):
    from django.utils import translation

    from funding.services import to_money

    team = IncomeTeamFactory(village=world.village_a1)
    with translation.override("en"):
        with pytest.raises(PermissionDenied, match="Your role can only view data, not change it."):
            scoped_update(team, actor=world.dave, name="改名")
        with pytest.raises(ValidationError, match=r"The amount must be a number \(in yuan\)\."):
            to_money("abc")
    with pytest.raises(ValidationError, match="金额必须是数字"):
        to_money("abc")
