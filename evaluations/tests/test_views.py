"""Pages: scoping (404 for another county, 403 for read-only and for admins/auditors), forms, query counts."""
import datetime
import re

import pytest
from django.urls import reverse

from branches.models import PartyOrganization

from ..models import (
    EvaluationCampaign, EvaluationResult, FiveGoals, FollowUp, HeartToHeartTalk, NotEvaluated,
    OrganizationLifeMeeting, Rating, RecordBookIssue, Reminder,
)
from ..services import (
    campaign_create, fivegoals_create, meeting_create, not_evaluated_create, recordbook_create, result_create,
    talk_create,
)
from .factories import bulk_members, kind

D = datetime.date


@pytest.fixture
def objs(world):
    """One record of each kind in county A (加木村党支部)."""
    a, b, c = bulk_members(world.org_a1, 3)
    campaign = campaign_create(actor=world.alice, organization=world.org_a1, year=2022)
    result = result_create(actor=world.alice, campaign=campaign, member=a, rating=Rating.UNQUALIFIED)
    return dict(
        meeting=meeting_create(actor=world.alice, organization=world.org_a1, kind=kind("party_lecture"),
                               held_on=D(2022, 3, 1), topic="党课"),
        recordbook=recordbook_create(actor=world.alice, organization=world.org_a1, year=2022, books=5, boards=2),
        fivegoals=fivegoals_create(actor=world.alice, organization=world.org_a1, year=2022, has_plan=True),
        campaign=campaign, result=result, follow_up=FollowUp.objects.get(result=result),
        not_evaluated=not_evaluated_create(actor=world.alice, campaign=campaign, member=b, reason="away"),
        talk=talk_create(actor=world.alice, organization=world.org_a1, held_on=D(2022, 5, 1), topic="谈心",
                         initiator=b, counterparts=[c]),
        members=(a, b, c),
    )


OBJECT_READ_URLS = [("meeting_detail", "meeting"), ("campaign_detail", "campaign")]
OBJECT_WRITE_URLS = [
    ("meeting_update", "meeting"), ("meeting_delete", "meeting"), ("meeting_attendance", "meeting"),
    ("recordbook_update", "recordbook"), ("fivegoals_update", "fivegoals"), ("campaign_reopen", "campaign"),
    ("result_create", "campaign"), ("not_evaluated_create", "campaign"), ("result_update", "result"),
    ("followup_update", "follow_up"), ("talk_update", "talk"), ("campaign_close", "campaign"),
]
POST_ONLY_URLS = [("result_delete", "result"),
                  ("not_evaluated_delete", "not_evaluated")]
LIST_URLS = ["index", "meeting_list", "compliance", "reminder_list", "recordbook_list", "fivegoals_list",
             "campaign_list", "rating_summary", "followup_list", "talk_list"]
CREATE_URLS = ["meeting_create", "recordbook_create", "fivegoals_create", "campaign_create", "talk_create"]


def snapshot():
    return [list(m.objects.order_by("pk").values()) for m in (
        OrganizationLifeMeeting, RecordBookIssue, FiveGoals, EvaluationCampaign, EvaluationResult, FollowUp,
        NotEvaluated, HeartToHeartTalk)]


@pytest.mark.parametrize("name", LIST_URLS + CREATE_URLS)
def test_pages_render_for_a_clerk(client_for, world, objs, name):
    assert client_for(world.alice).get(reverse(f"evaluations:{name}")).status_code == 200


@pytest.mark.parametrize("name,key", OBJECT_READ_URLS + OBJECT_WRITE_URLS)
def test_object_pages_render_for_their_county(client_for, world, objs, name, key):
    assert client_for(world.alice).get(reverse(f"evaluations:{name}", args=[objs[key].pk])).status_code == 200


@pytest.mark.parametrize("name,key", OBJECT_READ_URLS + OBJECT_WRITE_URLS + POST_ONLY_URLS)
def test_another_countys_clerk_gets_404_and_changes_nothing(client_for, world, objs, name, key):
    client = client_for(world.bob)
    url = reverse(f"evaluations:{name}", args=[objs[key].pk])
    before = snapshot()
    if (name, key) not in POST_ONLY_URLS:
        assert client.get(url).status_code == 404
    if (name, key) in OBJECT_READ_URLS:
        return
    response = client.post(url, {"topic": "篡改", "rating": "excellent", "reason": "篡改", "books": 99,
                                 "organization": world.org_b1.pk, "year": 2022, "measure": "strike_off",
                                 "status": "closed", "closed_on": "2022-12-01"})
    assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("name,key", OBJECT_WRITE_URLS + POST_ONLY_URLS)
def test_read_only_viewer_gets_403_on_writes(client_for, world, objs, name, key):
    client = client_for(world.dave)
    url = reverse(f"evaluations:{name}", args=[objs[key].pk])
    before = snapshot()
    if (name, key) not in POST_ONLY_URLS:
        assert client.get(url).status_code == 403
    assert client.post(url, {"rating": "excellent", "reason": "x"}).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("name", CREATE_URLS)
def test_read_only_viewer_cannot_create(client_for, world, name):
    assert client_for(world.dave).get(reverse(f"evaluations:{name}")).status_code == 403


@pytest.mark.parametrize("persona", ["sam", "erin"])
def test_admin_and_auditor_see_no_business_data(client_for, world, objs, persona):
    client = client_for(getattr(world, persona))
    for name in LIST_URLS:
        assert client.get(reverse(f"evaluations:{name}")).status_code == 403
    for name, key in OBJECT_READ_URLS + OBJECT_WRITE_URLS:
        assert client.get(reverse(f"evaluations:{name}", args=[objs[key].pk])).status_code == 403


def test_dave_reads_but_sees_no_write_buttons(client_for, world, objs):
    body = client_for(world.dave).get(reverse("evaluations:meeting_list")).content.decode()
    assert "党课" in body and reverse("evaluations:meeting_create") not in body


def test_lists_hide_other_county(client_for, world, objs):
    talk_create(actor=world.bob, organization=world.org_b1, held_on=D(2022, 5, 1), topic="普兰谈心",
                initiator_name="书记", counterpart_names="群众")
    body = client_for(world.alice).get(reverse("evaluations:talk_list")).content.decode()
    assert "谈心" in body and "普兰谈心" not in body


def test_meeting_form_shows_the_founding_date_error(client_for, world):
    world.org_a1.founded_on = D(2020, 1, 1)
    world.org_a1.save()
    response = client_for(world.alice).post(reverse("evaluations:meeting_create"), {
        "organization": world.org_a1.pk, "kind": kind("party_lecture").pk, "held_on": "2019-05-01",
        "topic": "党课", "expected_count": 10, "present_count": 8})
    assert response.status_code == 200
    assert "召开日期不能早于该党组织的成立日期（2020-01-01）" in response.content.decode()
    assert not OrganizationLifeMeeting.objects.exists()


def test_meeting_form_creates(client_for, world):
    bulk_members(world.org_a1, 10)  # 应到 10 needs 10 members
    response = client_for(world.alice).post(reverse("evaluations:meeting_create"), {
        "organization": world.org_a1.pk, "kind": kind("party_lecture").pk, "held_on": "2022-05-01",
        "topic": "党课", "expected_count": 10, "present_count": 8})
    assert response.status_code == 302
    assert OrganizationLifeMeeting.objects.get().absent_count == 2


def test_attendance_page_records_the_roll(client_for, world, objs):
    a, b, c = objs["members"]
    meeting = objs["meeting"]
    response = client_for(world.alice).post(reverse("evaluations:meeting_attendance", args=[meeting.pk]), {
        f"status_{a.pk}": "present", f"status_{b.pk}": "sick", f"note_{b.pk}": "住院", f"status_{c.pk}": ""})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.expected_count, meeting.present_count) == (2, 1)


def test_result_form_shows_the_duplicate_rating_error(client_for, world, objs):
    response = client_for(world.alice).post(reverse("evaluations:result_create", args=[objs["campaign"].pk]), {
        "member": objs["result"].member_id, "rating": "excellent"})
    assert response.status_code == 200
    assert "同一党员每年只能评定一次" in response.content.decode()
    assert EvaluationResult.objects.count() == 1


def test_closing_a_campaign_asks_first(client_for, world, objs):
    client = client_for(world.alice)
    campaign = objs["campaign"]
    close_url = reverse("evaluations:campaign_close", args=[campaign.pk])
    detail = client.get(campaign.get_absolute_url()).content.decode()
    assert f'href="{close_url}"' in detail  # a link to the question, not a button that locks at once
    response = client.get(close_url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "评议结果将被锁定" in page and "确定结束并锁定" in page
    campaign.refresh_from_db()
    assert not campaign.is_closed


def test_close_and_reopen_through_the_pages(client_for, world, objs):
    client = client_for(world.alice)
    campaign = objs["campaign"]
    assert client.post(reverse("evaluations:campaign_close", args=[campaign.pk])).status_code == 302
    campaign.refresh_from_db()
    assert campaign.is_closed and campaign.closed_by == world.alice
    response = client.post(reverse("evaluations:result_update", args=[objs["result"].pk]), {"rating": "excellent"})
    assert "结果已锁定" in response.content.decode()
    assert client.post(reverse("evaluations:campaign_reopen", args=[campaign.pk]),
                       {"reason": "漏登一名党员"}).status_code == 302
    campaign.refresh_from_db()
    assert not campaign.is_closed and campaign.reopenings.get().reason == "漏登一名党员"


def test_rating_summary_shows_counts_denominator_and_the_one_third_warning(client_for, world):
    members = bulk_members(world.org_a1, 3)
    campaign = campaign_create(actor=world.alice, organization=world.org_a1, year=2022)
    for m, r in zip(members, [Rating.EXCELLENT, Rating.EXCELLENT, Rating.QUALIFIED]):
        result_create(actor=world.alice, campaign=campaign, member=m, rating=r)
    body = client_for(world.alice).get(reverse("evaluations:rating_summary") + "?year=2022").content.decode()
    assert "66.67%" in body and "33.33%" in body and "参评人数(分母)" in body
    assert "超过参评党员的三分之一" in body


def _grow(world, n, start=0):
    """n more records of every listed kind in county A (years from 2000 + start)."""
    members = bulk_members(world.org_a1, 2 * n)
    for i in range(n):
        k = start + i
        OrganizationLifeMeeting.objects.create(organization=world.org_a1, kind=kind("nine_study"),
                                               held_on=D(2022, 1, 1) + datetime.timedelta(days=k % 365), topic="学习")
        talk = HeartToHeartTalk.objects.create(organization=world.org_a1, held_on=D(2022, 6, 1), topic="谈心",
                                               initiator=members[2 * i])
        talk.counterparts.set([members[2 * i + 1]])
        RecordBookIssue.objects.create(organization=world.org_a1, year=2000 + k, books=1)
        FiveGoals.objects.create(organization=world.org_a1, year=2000 + k)
        campaign = EvaluationCampaign.objects.create(organization=world.org_a2, year=2000 + k, status="closed")
        result = EvaluationResult.objects.create(member=members[2 * i], year=2000 + k, campaign=campaign,
                                                 rating=Rating.UNQUALIFIED)
        FollowUp.objects.create(result=result)
        Reminder.objects.create(organization=world.org_a1, item=f"x{k}", item_name="党课", required=1, done=0,
                                period_start=D(2022, 1, 1), period_end=D(2022, 3, 31))
        PartyOrganization.objects.create(name=f"新支部{k}", kind="branch", area=world.village_a2)


@pytest.mark.parametrize("name", LIST_URLS)
def test_list_query_count_is_flat(client_for, world, django_assert_max_num_queries, name):
    client = client_for(world.alice)
    url = reverse(f"evaluations:{name}") + ("?on=2022-03-20" if name == "compliance" else "")
    _grow(world, 2)
    with django_assert_max_num_queries(20) as first:
        assert client.get(url).status_code == 200
    _grow(world, 50, start=2)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200


def test_campaign_detail_query_count_is_flat(client_for, world, django_assert_max_num_queries):
    client = client_for(world.alice)
    campaign = campaign_create(actor=world.alice, organization=world.org_a1, year=2022)
    members = bulk_members(world.org_a1, 60)
    for m in members[:2]:
        result_create(actor=world.alice, campaign=campaign, member=m, rating=Rating.UNQUALIFIED)
    url = reverse("evaluations:campaign_detail", args=[campaign.pk])
    with django_assert_max_num_queries(20) as first:
        client.get(url)
    for m in members[2:50]:
        result_create(actor=world.alice, campaign=campaign, member=m, rating=Rating.UNQUALIFIED)
    for m in members[50:]:
        not_evaluated_create(actor=world.alice, campaign=campaign, member=m, reason="away")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)


def test_talk_form_lists_the_chosen_organizations_members(client_for, world, objs):
    """The member pickers search the organization chosen on the form (?organization= chooses it in
    advance); the form lists no member itself."""
    a, b, c = objs["members"]
    other = bulk_members(world.org_a2, 1)[0]
    client = client_for(world.alice)
    assert a.name not in client.get(reverse("evaluations:talk_create")).content.decode()
    body = client.get(reverse("evaluations:talk_create") + f"?organization={world.org_a1.pk}").content.decode()
    assert a.name not in body and re.search(rf'<option value="{world.org_a1.pk}" selected>', body)
    picked = client.get(reverse("pickers:pick", args=["members"]),
                        {"organization": world.org_a1.pk, "min_stage": 4, "q": ""}).json()["results"]
    assert {row["value"] for row in picked} == {a.pk, b.pk, c.pk} and other.pk not in {r["value"] for r in picked}
    response = client.post(reverse("evaluations:talk_create"), {
        "organization": world.org_a1.pk, "held_on": "2022-08-01", "topic": "谈心", "initiator": a.pk,
        "counterparts": [b.pk, c.pk]})
    assert response.status_code == 302
    assert HeartToHeartTalk.objects.get(held_on=D(2022, 8, 1)).counterparts.count() == 2
