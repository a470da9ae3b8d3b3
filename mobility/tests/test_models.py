"""The rules of the records: dates, overlapping periods, the one six-month rule at its edges."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from cadres.tests.factories import PartyMemberFactory
from mobility import services
from mobility.models import FloatingPeriod, LostContact, more_than_six_months, six_months_cutoff

from .factories import FloatingPeriodFactory

D = datetime.date


def test_six_months_edges_worked_out_by_hand():
    # Left 30 June: 30 December is six months exactly, 31 December more than six.
    assert not more_than_six_months(D(2022, 6, 30), D(2022, 12, 30))
    assert more_than_six_months(D(2022, 6, 30), D(2022, 12, 31))
    assert not more_than_six_months(D(2022, 7, 1), D(2022, 12, 31))
    assert six_months_cutoff(D(2022, 12, 31)) == D(2022, 6, 30)
    # 31 August + 6 months is the last day of February: on 1 March more than six months have passed
    # since any day from 29 August to 31 August (all land on 28 February).
    assert six_months_cutoff(D(2023, 3, 1)) == D(2022, 8, 31)
    assert six_months_cutoff(D(2023, 2, 28)) == D(2022, 8, 27)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31)))
def test_the_cutoff_is_the_last_start_date_more_than_six_months_old(day):
    cutoff = six_months_cutoff(day)
    assert more_than_six_months(cutoff, day)
    assert not more_than_six_months(cutoff + datetime.timedelta(days=1), day)


def test_it_refuses_overlapping_and_second_open_periods(world):
    member = PartyMemberFactory(organization=world.org_a1)
    services.floating_create(actor=world.alice, member=member, left_on=D(2021, 1, 1), destination="拉萨",
                             reason="work_business", returned_on=D(2021, 6, 30))
    with pytest.raises(ValidationError) as error:
        services.floating_create(actor=world.alice, member=member, left_on=D(2021, 6, 1), destination="拉萨",
                                 reason="work_business", returned_on=D(2021, 8, 1))
    assert "时间重叠" in str(error.value)
    services.floating_create(actor=world.alice, member=member, left_on=D(2022, 1, 1), destination="拉萨",
                             reason="work_business")
    with pytest.raises(ValidationError) as error:
        services.floating_create(actor=world.alice, member=member, left_on=D(2022, 5, 1), destination="成都",
                                 reason="work_business")
    assert "尚未返回" in str(error.value)
    assert FloatingPeriod.objects.count() == 2


def test_it_refuses_bad_dates_and_members_not_in_good_standing(world):
    member = PartyMemberFactory(organization=world.org_a1)
    with pytest.raises(ValidationError) as error:
        services.floating_create(actor=world.alice, member=member, left_on=D(2022, 5, 1), destination="拉萨",
                                 reason="work_business", returned_on=D(2022, 4, 1))
    assert "返回日期不能早于外出日期" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.floating_create(actor=world.alice, member=member, left_on=D(2999, 1, 1), destination="拉萨",
                                 reason="work_business")
    assert "不能晚于今天" in str(error.value)
    applicant = PartyMemberFactory(organization=world.org_a1, stage=1, admitted_on=None, full_member_on=None,
                                   activist_on=None, candidate_on=None)
    with pytest.raises(ValidationError):
        services.lost_create(actor=world.alice, member=applicant, lost_since=D(2022, 1, 1), reason="other")
    with pytest.raises(ValidationError) as error:
        services.lost_create(actor=world.alice, member=member, lost_since=D(2022, 1, 1), reason="other",
                             found_on=D(2022, 3, 1))
    assert "处置" in str(error.value)
    assert not LostContact.objects.exists()


def test_a_certificate_number_is_registered_once(world):
    member, other = PartyMemberFactory(organization=world.org_a1), PartyMemberFactory(organization=world.org_a1)
    services.floating_create(actor=world.alice, member=member, left_on=D(2022, 1, 1), destination="拉萨",
                             reason="work_business", certificate_number="LD1")
    with pytest.raises(ValidationError):
        services.floating_create(actor=world.alice, member=other, left_on=D(2022, 1, 1), destination="拉萨",
                                 reason="work_business", certificate_number="LD1")
    # Blank numbers are not compared.
    services.floating_create(actor=world.alice, member=other, left_on=D(2022, 1, 1), destination="拉萨",
                             reason="work_business")


def test_the_transfer_warning_needs_a_fixed_place_and_more_than_six_months(world):
    member = PartyMemberFactory(organization=world.org_a1)
    period = FloatingPeriodFactory(member=member, left_on=D(2022, 6, 30), fixed_place=True)
    assert not period.transfer_warning(D(2022, 12, 30))
    assert period.transfer_warning(D(2022, 12, 31))
    assert period.transfer_due_on() == D(2022, 12, 31)
    period.fixed_place = False
    assert not period.transfer_warning(D(2023, 6, 1))
    period.fixed_place, period.returned_on = True, D(2023, 1, 5)
    assert not period.transfer_warning(D(2023, 6, 1))


def test_the_scope_is_checked_on_every_write(world):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    member = PartyMemberFactory(organization=world.org_a1)
    with pytest.raises(Http404):  # another county's clerk
        services.floating_create(actor=world.bob, member=member, left_on=D(2022, 1, 1), destination="拉萨",
                                 reason="work_business")
    with pytest.raises(PermissionDenied):
        services.lost_create(actor=world.dave, member=member, lost_since=D(2022, 1, 1), reason="other")
    assert not FloatingPeriod.objects.exists() and not LostContact.objects.exists()
