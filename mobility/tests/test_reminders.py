"""The reminders (ali_party.reminders) and the member-life section (ali_party.member_life)."""
import datetime

from ali_party import member_life, reminders
from cadres.dates import add_months
from cadres.tests.factories import PartyMemberFactory
from mobility.reminders import mobility_reminders

from .factories import FloatingPeriodFactory, LostContactFactory

D = datetime.date
TODAY = D(2024, 3, 15)


def test_the_reminders_in_scope(world, django_assert_max_num_queries):
    def person():
        return PartyMemberFactory(organization=world.org_a1)

    due = FloatingPeriodFactory(member=person(), left_on=D(2023, 9, 14), fixed_place=True)  # 6 months on 3-14
    soon = FloatingPeriodFactory(member=person(), left_on=D(2023, 10, 10), fixed_place=True)  # passes on 4-11
    FloatingPeriodFactory(member=person(), left_on=D(2023, 10, 20), fixed_place=True)  # passes after a month
    FloatingPeriodFactory(member=person(), left_on=D(2023, 1, 1), fixed_place=False)  # no fixed place
    FloatingPeriodFactory(member=person(), left_on=D(2023, 1, 1), fixed_place=True, returned_on=D(2023, 12, 1))
    lost = LostContactFactory(member=person(), lost_since=D(2023, 11, 1))
    LostContactFactory(member=person(), lost_since=D(2022, 1, 1), found_on=D(2023, 1, 1), outcome="resumed")
    FloatingPeriodFactory(member=PartyMemberFactory(organization=world.org_b1), left_on=D(2022, 1, 1),
                          fixed_place=True)  # county B: not alice's
    with django_assert_max_num_queries(3):
        found = mobility_reminders(world.alice, TODAY)
    assert [(r.page, r.overdue) for r in found] == [(due.get_absolute_url(), True), (soon.get_absolute_url(), False),
                                                     (lost.get_absolute_url(), True)]
    assert found[0].due_on == D(2024, 3, 15) and found[1].due_on == D(2024, 4, 11)
    assert add_months(soon.left_on, 6) == D(2024, 4, 10)
    assert any(r.page == due.get_absolute_url() for r in reminders.reminders_for(world.alice, TODAY))
    assert mobility_reminders(world.bob, TODAY)[0].organization == world.org_b1


def test_the_member_life_section(world, django_assert_max_num_queries):
    member = PartyMemberFactory(organization=world.org_a1)
    FloatingPeriodFactory(member=member, left_on=D(2021, 1, 1), returned_on=D(2021, 3, 1))
    FloatingPeriodFactory(member=member, left_on=D(2022, 1, 1))
    LostContactFactory(member=member, lost_since=D(2023, 1, 1))
    section = next(s for s in member_life.sections() if s.key == "mobility")
    with django_assert_max_num_queries(2):
        rows = section.rows(member)
    assert [p.left_on for p in rows["floating"]] == [D(2021, 1, 1), D(2022, 1, 1)]
    assert [c.lost_since for c in rows["lost"]] == [D(2023, 1, 1)]
    from django.template.loader import render_to_string
    html = render_to_string(section.template, {"member": member, "section": section, "rows": rows})
    assert "2021-03-01" in html and "尚未恢复联系" in html
    empty = render_to_string(section.template, {"rows": section.rows(PartyMemberFactory(organization=world.org_a1))})
    assert "无外出流动或失联记录" in empty
