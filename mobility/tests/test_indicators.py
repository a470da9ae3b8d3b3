"""The four indicators on a world worked out by hand (the ">6 months" edge on 30 June / 1 July, a
return on 31 December, a transfer, a member who left the party), the SQL oracle agreeing; and the
per-organization counts of the early-warning score."""
import datetime

from cadres.models import OrganizationTransfer
from cadres.tests.factories import PartyMemberFactory
from indicators.tests import oracle
from mobility.selectors import (floating_member_rate_by_area, floating_members_by_area,
                                lost_contact_counts_by_organization, lost_contact_member_rate_by_area,
                                lost_contact_members_by_area)

from .factories import FloatingPeriodFactory, LostContactFactory

D = datetime.date


def by_area(rows):
    return {row[0]: tuple(row[1:]) for row in rows}


def build(world):
    a = [PartyMemberFactory(organization=world.org_a1) for _ in range(5)]  # 加木村: 5 members
    b = [PartyMemberFactory(organization=world.org_b1) for _ in range(2)]  # 普兰一村: 2 members
    # 加木村: a0 out since March 2022 (counts); a1 returned on 31 Dec 2022 (the last day counts);
    # a2 returned on 30 Dec 2022 (not out on 31 Dec).
    FloatingPeriodFactory(member=a[0], left_on=D(2022, 3, 1))
    FloatingPeriodFactory(member=a[1], left_on=D(2022, 2, 1), returned_on=D(2022, 12, 31))
    FloatingPeriodFactory(member=a[2], left_on=D(2022, 2, 1), returned_on=D(2022, 12, 30))
    # Lost: a3 since 30 June 2022 (more than six months on 31 Dec: counts); a4 since 1 July 2022 (not yet).
    LostContactFactory(member=a[3], lost_since=D(2022, 6, 30))
    LostContactFactory(member=a[4], lost_since=D(2022, 7, 1))
    # 普兰一村: b0 lost since 2021, found 2022-12-31 (still counts on the day found), and out since 2022-05-01.
    LostContactFactory(member=b[0], lost_since=D(2021, 3, 1), found_on=D(2022, 12, 31), outcome="resumed")
    FloatingPeriodFactory(member=b[0], left_on=D(2022, 5, 1))
    # b1 lost since 2021, found in 2022: not lost at the end of 2022 (but at the end of 2021).
    LostContactFactory(member=b[1], lost_since=D(2021, 3, 1), found_on=D(2022, 4, 1), outcome="resumed")
    # A member who died in 2022 is no member at its end: his period does not count.
    dead = PartyMemberFactory(organization=world.org_a1, status="deceased", status_changed_on=D(2022, 8, 1))
    FloatingPeriodFactory(member=dead, left_on=D(2022, 1, 1))
    # A member transferred from 昆莎一村 to 加木村 on 2023-02-01: on 31 Dec 2022 counted at 昆莎一村.
    moved = PartyMemberFactory(organization=world.org_a1)
    OrganizationTransfer.objects.create(member=moved, from_organization=world.org_a2, to_organization=world.org_a1,
                                        transferred_on=D(2023, 2, 1))
    FloatingPeriodFactory(member=moved, left_on=D(2022, 10, 1))
    return a, b, moved


def test_the_figures_by_hand_and_the_oracle_agrees(world):
    build(world)
    a1, a2, b1 = world.village_a1.pk, world.village_a2.pk, world.village_b1.pk
    # 31 Dec 2022: 加木村 5 members (the dead one is none, the moved one was at 昆莎一村), 2 out (a0, a1),
    # 1 lost (a3); 昆莎一村 1 member, out; 普兰一村 2 members, b0 out and lost (found on the day).
    assert by_area(floating_members_by_area(2022)) == {a1: (2,), a2: (1,), b1: (1,)}
    assert by_area(floating_member_rate_by_area(2022)) == {a1: (2, 5), a2: (1, 1), b1: (1, 2)}
    assert by_area(lost_contact_members_by_area(2022)) == {a1: (1,), b1: (1,)}
    assert by_area(lost_contact_member_rate_by_area(2022)) == {a1: (1, 5), a2: (0, 1), b1: (1, 2)}
    # 31 Dec 2021: nobody out yet; b0 and b1 lost since 1 March 2021; the dead member still a member.
    assert by_area(floating_members_by_area(2021)) == {}
    assert by_area(lost_contact_member_rate_by_area(2021)) == {a1: (0, 6), a2: (0, 1), b1: (2, 2)}
    # The oracle rolls up to the counties and the prefecture.
    assert oracle.ORACLES["personnel.floating_members"](2022)[world.county_a.pk] == (3, 0)
    assert oracle.ORACLES["personnel.floating_member_rate"](2022)[world.root.pk] == (4, 8)
    assert oracle.ORACLES["personnel.lost_contact_members"](2022)[world.county_b.pk] == (1, 0)
    assert oracle.ORACLES["personnel.lost_contact_member_rate"](2021)[world.root.pk] == (2, 9)


def test_the_stored_snapshots_agree_with_the_oracle(world):
    from indicators import services

    build(world)
    codes = ["personnel.floating_members", "personnel.floating_member_rate", "personnel.lost_contact_members",
             "personnel.lost_contact_member_rate"]
    services.recompute(years=[2021, 2022])
    assert oracle.compare(2022, codes) == [] and oracle.compare(2021, codes) == []


def test_lost_contact_counts_by_organization_in_one_query(world, django_assert_num_queries):
    build(world)
    with django_assert_num_queries(1):
        counts = lost_contact_counts_by_organization(D(2022, 12, 31))
    assert counts == {world.org_a1.pk: 1, world.org_b1.pk: 1}
    # 1 Jan 2023: b0 was found on 31 Dec; a4 (lost since 1 July) is six months exactly, not more.
    assert lost_contact_counts_by_organization(D(2023, 1, 1)) == {world.org_a1.pk: 1}
    assert lost_contact_counts_by_organization(D(2023, 1, 2)) == {world.org_a1.pk: 2}
