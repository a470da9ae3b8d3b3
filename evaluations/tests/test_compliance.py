"""Required frequencies per organization and period; the reminder job."""
import datetime

from django.utils import timezone

from branches.models import PartyOrganization

from ..models import EvaluationCampaign, OrganizationLifeMeeting, Reminder
from ..selectors import compliance
from ..services import reminders_raise, talk_create
from ..tasks import raise_compliance_reminders
from .factories import bulk_members, kind

D = datetime.date


def _meet(org, code, day):
    OrganizationLifeMeeting.objects.create(organization=org, kind=kind(code), held_on=day, topic=code)


def _keep_march_2022(org):
    for code in ("branch_committee", "group_meeting", "theme_party_day", "branch_assembly", "party_lecture"):
        _meet(org, code, D(2022, 3, 10))


def behind_codes(statuses, org):
    return {i.code for s in statuses if s.organization == org for i in s.behind}


def test_it_finds_who_is_behind_for_the_periods_of_a_date(world):
    for org in (world.org_a1, world.org_a2):
        bulk_members(org, 2)
    _keep_march_2022(world.org_a1)
    _meet(world.org_a1, "branch_committee", D(2022, 2, 10))  # last month's does not count for March
    _meet(world.org_a2, "branch_assembly", D(2022, 1, 20))   # this quarter's assembly: done
    _meet(world.org_a2, "group_meeting", D(2021, 3, 20))     # a year too early
    statuses = compliance(PartyOrganization.objects.all(), D(2022, 3, 20))
    assert behind_codes(statuses, world.org_a1) == {"life_meeting", "democratic_evaluation", "heart_to_heart"}
    assert behind_codes(statuses, world.org_a2) == {
        "branch_committee", "group_meeting", "theme_party_day", "party_lecture", "life_meeting",
        "democratic_evaluation", "heart_to_heart"}
    # A branch with no member in the register has nobody to evaluate or talk with.
    assert behind_codes(statuses, world.org_b1) == {
        "branch_committee", "group_meeting", "theme_party_day", "branch_assembly", "party_lecture", "life_meeting"}
    a1 = next(s for s in statuses if s.organization == world.org_a1)
    committee = next(i for i in a1.items if i.code == "branch_committee")
    assert (committee.done, committee.required, committee.period_label) == (1, 1, "2022年3月")
    assembly = next(i for i in a1.items if i.code == "branch_assembly")
    assert assembly.period_label == "2022年第1季度"


def test_yearly_items_count_closed_campaigns_and_talks_per_member(world):
    a, b, c = bulk_members(world.org_a1, 3)
    EvaluationCampaign.objects.create(organization=world.org_a1, year=2022, status="closed")
    _meet(world.org_a1, "life_meeting", D(2022, 12, 1))
    talk_create(actor=world.alice, organization=world.org_a1, held_on=D(2022, 6, 1), topic="谈心",
                initiator=a, counterparts=[b])
    statuses = compliance(PartyOrganization.objects.filter(pk=world.org_a1.pk), D(2022, 12, 20))
    items = {i.code: i for i in statuses[0].items}
    assert items["democratic_evaluation"].ok and items["life_meeting"].ok
    assert (items["heart_to_heart"].done, items["heart_to_heart"].required) == (2, 3)  # c had no talk
    talk_create(actor=world.alice, organization=world.org_a1, held_on=D(2022, 7, 1), topic="谈心",
                initiator_name="驻村工作队队长", counterparts=[c])
    statuses = compliance(PartyOrganization.objects.filter(pk=world.org_a1.pk), D(2022, 12, 20))
    assert {i.code: i for i in statuses[0].items}["heart_to_heart"].ok


def test_it_skips_organizations_not_yet_founded_or_dissolved(world):
    world.org_a2.founded_on = D(2023, 1, 1)
    world.org_a2.save()
    world.org_b1.status, world.org_b1.status_changed_on = "dissolved", D(2021, 1, 1)
    world.org_b1.save()
    statuses = compliance(PartyOrganization.objects.all(), D(2022, 3, 20))
    assert [s.organization for s in statuses] == [world.org_a1]


def test_compliance_query_count_does_not_grow_with_organizations(world, django_assert_max_num_queries):
    _keep_march_2022(world.org_a1)
    with django_assert_max_num_queries(5):
        compliance(PartyOrganization.objects.all(), D(2022, 3, 20))
    for i in range(40):
        org = PartyOrganization.objects.create(name=f"支部{i}", kind="branch", area=world.village_a1)
        _keep_march_2022(org)
    with django_assert_max_num_queries(5):
        assert len(compliance(PartyOrganization.objects.all(), D(2022, 3, 20))) == 43


def test_reminders_are_raised_once_for_periods_about_to_close(world):
    _keep_march_2022(world.org_a1)
    # 2022-03-28: the month (3 days left) and the quarter (3 days) are due; the year is not.
    created = reminders_raise(today=D(2022, 3, 28))
    items = set(Reminder.objects.values_list("organization__name", "item"))
    assert ("加木村党支部", "branch_committee") not in items
    assert ("昆莎一村党支部", "branch_committee") in items and ("昆莎一村党支部", "party_lecture") in items
    assert not any(code in ("life_meeting", "democratic_evaluation") for _, code in items)
    assert created == len(items) == 2 * 5  # org_a2 and org_b1, five monthly/quarterly kinds each
    assert reminders_raise(today=D(2022, 3, 29)) == 0
    assert reminders_raise(today=D(2022, 3, 10)) == 0  # nothing closes soon


def test_the_task_calls_the_service_for_today(world, monkeypatch):
    for org in (world.org_a1, world.org_a2, world.org_b1):
        bulk_members(org, 2)
    monkeypatch.setattr(timezone, "localdate", lambda *args: D(2022, 12, 28))
    assert raise_compliance_reminders.delay().get() == Reminder.objects.count() > 0
    assert Reminder.objects.filter(item="democratic_evaluation").count() == 3
