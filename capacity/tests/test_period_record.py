"""The rules of a village-and-period record (ali_party.periods.VillagePeriodRecord), on one
concrete model: a green "五支" ecology team (组建日期 started_on, 撤销日期 ended_on)."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from capacity.models import EcologyTeam


def team(world, **dates):
    return EcologyTeam(village=world.village_a1, name="护林队", members_count=8, **dates)


def test_it_refuses_an_end_before_the_start(world):
    with pytest.raises(ValidationError) as error:
        team(world, started_on=date(2024, 3, 1), ended_on=date(2024, 2, 29)).full_clean()
    assert error.value.message_dict == {"ended_on": ["结束日期不能早于开始日期。"]}


def test_it_accepts_an_end_on_the_start_day(world):
    team(world, started_on=date(2024, 3, 1), ended_on=date(2024, 3, 1)).full_clean()


def test_the_database_also_refuses_an_end_before_the_start(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        team(world, started_on=date(2024, 3, 1), ended_on=date(2024, 2, 29)).save()
    assert EcologyTeam.objects.count() == 0


def test_it_refuses_a_start_tomorrow(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        team(world, started_on=tomorrow).full_clean()
    assert error.value.message_dict == {"started_on": ["组建日期不能晚于今天。"]}


def test_it_refuses_a_township_as_the_village(world):
    record = team(world, started_on=date(2024, 3, 1))
    record.village = world.township_a
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert error.value.message_dict == {"village": ["请选择村(社区)一级的区域。"]}


def test_it_is_in_force_on_its_last_day_and_not_the_day_after(world):
    record = team(world, started_on=date(2024, 3, 1), ended_on=date(2024, 12, 31))
    record.save()
    assert not record.active_on(date(2024, 2, 29))
    assert record.active_on(date(2024, 3, 1))
    assert record.active_on(date(2024, 12, 31))
    assert not record.active_on(date(2025, 1, 1))
    assert list(EcologyTeam.objects.active_on(date(2024, 12, 31))) == [record]
    assert list(EcologyTeam.objects.active_on(date(2025, 1, 1))) == []


def test_without_an_end_it_stays_in_force(world):
    record = team(world, started_on=date(2024, 3, 1))
    record.save()
    assert record.active_on(date(2030, 1, 1))
    assert list(EcologyTeam.objects.active_on(date(2030, 1, 1))) == [record]
