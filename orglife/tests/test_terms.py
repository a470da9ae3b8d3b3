"""The term length per organization kind, the one due-date rule, and the refusal of an election moved
more than a year from the due date without an approval."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from branches.models import PartyOrganization
from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory

from ..models import Term, term_due_date, term_years
from ..services import term_create, term_delete, term_member_create, term_update

D = datetime.date


def org(world, kind, area, **extra):
    return PartyOrganization.objects.create(name=f"{kind}{area.name}{extra}", kind=kind, area=area, **extra)


def test_it_gives_each_kind_its_term_length(world):
    assert term_years(world.org_a1) == 5  # a village's own branch: 村党组织
    assert term_years(org(world, "general_branch", world.village_a2)) == 5
    assert term_years(org(world, "committee", world.township_a)) == 5
    assert term_years(org(world, "branch", world.township_a)) == 3
    assert term_years(org(world, "general_branch", world.township_a)) == 3
    assert term_years(org(world, "branch", world.village_a1, unit_name="加木村小学")) == 3
    work_group = PartyOrganization.objects.create(name="作业组", kind="work_group_branch", area=world.village_a1,
                                                  parent=world.org_a1)
    assert term_years(work_group) == 3


def test_the_due_date_is_the_start_plus_the_term(world):
    township_branch = org(world, "branch", world.township_a)
    assert term_due_date(world.org_a1, D(2021, 3, 15)) == D(2026, 3, 15)
    assert term_due_date(township_branch, D(2021, 3, 15)) == D(2024, 3, 15)
    assert term_due_date(world.org_a1, D(2020, 2, 29)) == D(2025, 2, 28)


def test_it_stores_the_due_date_and_chains_the_terms(world):
    first = term_create(actor=world.alice, organization=world.org_a1, election_date=D(2016, 5, 20),
                        start_date=D(2016, 5, 20))
    assert first.due_on == D(2021, 5, 20) and first.is_current
    second = term_create(actor=world.alice, organization=world.org_a1, election_date=D(2021, 4, 30),
                         start_date=D(2021, 5, 1))
    first.refresh_from_db()
    assert first.ended_on == D(2021, 5, 1) and not first.is_current
    assert second.previous == first and second.ended_on is None and second.due_on == D(2026, 5, 1)
    # An older term entered afterwards goes in front of the chain.
    zeroth = term_create(actor=world.alice, organization=world.org_a1, election_date=D(2011, 6, 1),
                         start_date=D(2011, 6, 1))
    first.refresh_from_db()
    assert zeroth.ended_on == D(2016, 5, 20) and first.previous == zeroth


@pytest.mark.parametrize("election,accepted", [
    (D(2022, 6, 1), True),    # exactly a year late
    (D(2022, 6, 2), False),   # a day more
    (D(2020, 6, 1), True),    # exactly a year early
    (D(2020, 5, 31), False),
])
def test_an_election_moved_more_than_a_year_needs_an_approval(world, election, accepted):
    township_branch = org(world, "branch", world.township_a)
    term_create(actor=world.alice, organization=township_branch, election_date=D(2018, 6, 1),
                start_date=D(2018, 6, 1))  # due 2021-06-01
    if accepted:
        term_create(actor=world.alice, organization=township_branch, election_date=election, start_date=election)
        return
    with pytest.raises(ValidationError) as refused:
        term_create(actor=world.alice, organization=township_branch, election_date=election, start_date=election)
    message = refused.value.message_dict["election_date"][0]
    assert "2021-06-01" in message and ("推迟超过一年" in message or "提前超过一年" in message)
    assert "须经上级党组织批准" in message
    assert Term.objects.filter(organization=township_branch).count() == 1
    approved = term_create(actor=world.alice, organization=township_branch, election_date=election,
                           start_date=election, reschedule_approved_by="噶尔县委组织部",
                           reschedule_number="噶组复〔2022〕3号", reschedule_approved_on=election - datetime.timedelta(days=20))
    assert approved.previous.due_on == D(2021, 6, 1)


def test_a_half_recorded_approval_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        term_create(actor=world.alice, organization=world.org_a1, election_date=D(2021, 5, 1),
                    start_date=D(2021, 5, 1), approved_by="狮泉河镇党委")
    assert "approved_by" in refused.value.message_dict


def test_moving_a_term_start_that_would_strand_the_next_election_is_refused(world):
    first = term_create(actor=world.alice, organization=world.org_a1, election_date=D(2016, 5, 20),
                        start_date=D(2016, 5, 20))
    term_create(actor=world.alice, organization=world.org_a1, election_date=D(2021, 5, 20), start_date=D(2021, 5, 20))
    with pytest.raises(ValidationError) as refused:
        term_update(actor=world.alice, term=first, election_date=D(2014, 5, 1), start_date=D(2014, 5, 1))
    assert "下一届" in refused.value.message_dict["start_date"][0]
    first.refresh_from_db()
    assert first.start_date == D(2016, 5, 20) and first.due_on == D(2021, 5, 20)


def test_it_refuses_other_counties_and_read_only_roles(world):
    kwargs = {"election_date": D(2021, 5, 1), "start_date": D(2021, 5, 1)}
    with pytest.raises(Http404):
        term_create(actor=world.bob, organization=world.org_a1, **kwargs)
    with pytest.raises(PermissionDenied):
        term_create(actor=world.dave, organization=world.org_a1, **kwargs)
    term = term_create(actor=world.alice, organization=world.org_a1, **kwargs)
    with pytest.raises(Http404):
        term_update(actor=world.alice, term=term, organization=world.org_b1)
    assert Term.objects.get().organization == world.org_a1


def test_only_full_members_of_the_county_are_elected(world):
    term = term_create(actor=world.alice, organization=world.org_a1, election_date=D(2021, 5, 1),
                       start_date=D(2021, 5, 1))
    full = PartyMemberFactory(organization=world.org_a1)
    probationary = PartyMemberFactory(organization=world.org_a1, stage=PartyMember.Stage.PROBATIONARY,
                                      full_member_on=None)
    elsewhere = PartyMemberFactory(organization=world.org_b1)
    assert term_member_create(actor=world.alice, term=term, role="secretary", member=full).display_name == full.name
    with pytest.raises(ValidationError) as refused:
        term_member_create(actor=world.alice, term=term, role="member", member=probationary)
    assert "预备党员" in refused.value.message_dict["member"][0]
    with pytest.raises((ValidationError, Http404)):
        term_member_create(actor=world.alice, term=term, role="member", member=elsewhere)
    with pytest.raises(ValidationError):
        term_member_create(actor=world.alice, term=term, role="member")
    named = term_member_create(actor=world.alice, term=term, role="member", person_name="上级派任")
    assert named.display_name == "上级派任"


def test_deleting_a_term_relinks_the_chain(world):
    first = term_create(actor=world.alice, organization=world.org_a1, election_date=D(2011, 5, 20),
                        start_date=D(2011, 5, 20))
    middle = term_create(actor=world.alice, organization=world.org_a1, election_date=D(2016, 5, 20),
                         start_date=D(2016, 5, 20))
    last = term_create(actor=world.alice, organization=world.org_a1, election_date=D(2021, 5, 20),
                       start_date=D(2021, 5, 20))
    # Without the middle term, the last election would be five years after the first term's due date.
    with pytest.raises(ValidationError):
        term_delete(actor=world.alice, term=middle)
    with pytest.raises(PermissionDenied):
        term_delete(actor=world.dave, term=last)
    term_delete(actor=world.alice, term=last)
    middle.refresh_from_db()
    assert middle.is_current and middle.previous == first
