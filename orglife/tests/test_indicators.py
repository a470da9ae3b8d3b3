"""The three 换届 indicators on a world whose figures are worked out by hand (and the SQL oracle agrees)."""
import datetime

from branches.models import PartyOrganization
from indicators.tests import oracle

from ..selectors import terms_due_by_area, terms_held_on_time_by_area, terms_overdue_by_area
from ..services import term_create

D = datetime.date


def term(world, org, elected, **extra):
    return term_create(actor=world.carol, organization=org, election_date=elected, start_date=elected, **extra)


def by_area(rows):
    return {row[0]: tuple(row[1:]) for row in rows}


def test_terms_due_overdue_and_on_time_by_hand(world):
    # 加木村党支部 (village, 5 years): 2017-03-01 → due 2022-03-01; re-elected 2022-02-20 (on time).
    term(world, world.org_a1, D(2017, 3, 1))
    term(world, world.org_a1, D(2022, 2, 20))
    # 昆莎一村党支部 (village, 5 years): 2017-06-01 → due 2022-06-01; re-elected late, 2023-03-01.
    term(world, world.org_a2, D(2017, 6, 1))
    term(world, world.org_a2, D(2023, 3, 1))
    # A township branch (3 years): 2019-09-01 → due 2022-09-01; not re-elected.
    township_branch = PartyOrganization.objects.create(name="镇机关党支部", kind="branch", area=world.township_a)
    term(world, township_branch, D(2019, 9, 1))
    # 普兰一村党支部 (county B): 2018-05-01 → due 2023-05-01: nothing due in 2022.
    term(world, world.org_b1, D(2018, 5, 1))

    # 2022: due = 3 in county A (a1, a2, township branch); held on time = 1 (a1);
    # overdue on 31 Dec 2022 = a2 (re-elected only in 2023) + the township branch = 2.
    assert by_area(terms_due_by_area(2022)) == {world.village_a1.pk: (1,), world.village_a2.pk: (1,),
                                                world.township_a.pk: (1,)}
    assert by_area(terms_held_on_time_by_area(2022)) == {
        world.village_a1.pk: (1, 1), world.village_a2.pk: (0, 1), world.township_a.pk: (0, 1)}
    assert by_area(terms_overdue_by_area(2022)) == {world.village_a2.pk: (1,), world.township_a.pk: (1,)}
    # 2023: due = 普兰一村 (2023-05-01), not re-elected: overdue at the end of 2023, with the township branch;
    # 昆莎一村 re-elected on 2023-03-01 is no longer overdue.
    assert by_area(terms_due_by_area(2023)) == {world.village_b1.pk: (1,)}
    assert by_area(terms_overdue_by_area(2023)) == {world.township_a.pk: (1,), world.village_b1.pk: (1,)}
    assert by_area(terms_held_on_time_by_area(2023)) == {world.village_b1.pk: (0, 1)}

    # The oracle's roll-up: county A in 2022 has 3 due, 1 on time, 2 overdue.
    assert oracle.terms_due(2022)[world.county_a.pk] == (3, 0)
    assert oracle.terms_on_time_rate(2022)[world.county_a.pk] == (1, 3)
    assert oracle.terms_overdue(2022)[world.county_a.pk] == (2, 0)
    assert oracle.terms_overdue(2023)[world.root.pk] == (2, 0)
    assert oracle.rate(1, 3) == oracle.rate(*oracle.terms_on_time_rate(2022)[world.county_a.pk])


def test_a_dissolved_organization_has_nothing_due(world):
    term(world, world.org_a1, D(2017, 3, 1))
    PartyOrganization.objects.filter(pk=world.org_a1.pk).update(status="dissolved", status_changed_on=D(2021, 1, 1))
    assert list(terms_due_by_area(2022)) == []
    assert list(terms_overdue_by_area(2022)) == []
