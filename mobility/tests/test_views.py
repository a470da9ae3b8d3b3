"""The pages: each write goes through its service; another county's clerk gets 404, the read-only
viewer 403; the lists keep a flat query count; the transfer warning shows where the rule says."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cadres.dates import add_months
from cadres.tests.factories import PartyMemberFactory
from mobility.models import FloatingPeriod, IncomingMember, LostContact

from .factories import FloatingPeriodFactory, IncomingMemberFactory, LostContactFactory

D = datetime.date


@pytest.fixture
def member(world):
    return PartyMemberFactory(organization=world.org_a1, name="扎西")


def test_it_creates_a_floating_period_and_records_the_return(world, client_for, member):
    client = client_for(world.alice)
    assert client.get(reverse("mobility:floating_create")).status_code == 200
    response = client.post(reverse("mobility:floating_create"), {
        "member": member.pk, "left_on": "2022-03-01", "destination": "拉萨市城关区", "reason": "work_business",
        "certificate_number": " LD001 ", "fixed_place": "on"})
    period = FloatingPeriod.objects.get()
    assert response.status_code == 302 and response.url == period.get_absolute_url()
    assert period.certificate_number == "LD001" and period.fixed_place and period.returned_on is None
    response = client.post(reverse("mobility:floating_update", args=[period.pk]), {
        "left_on": "2022-03-01", "destination": "拉萨市城关区", "reason": "work_business",
        "certificate_number": "LD001", "fixed_place": "on", "returned_on": "2022-02-01"})
    assert response.status_code == 200 and "返回日期不能早于外出日期" in response.content.decode()
    client.post(reverse("mobility:floating_update", args=[period.pk]), {
        "left_on": "2022-03-01", "destination": "拉萨市城关区", "reason": "work_business",
        "certificate_number": "LD001", "fixed_place": "on", "returned_on": "2022-08-01"})
    period.refresh_from_db()
    assert period.returned_on == D(2022, 8, 1)


def test_the_detail_page_warns_when_the_relation_should_be_transferred(world, client_for, member):
    today = timezone.localdate()
    due = FloatingPeriodFactory(member=member, left_on=add_months(today, -7), fixed_place=True)
    other = PartyMemberFactory(organization=world.org_a1)
    short = FloatingPeriodFactory(member=other, left_on=add_months(today, -5), fixed_place=True)
    client = client_for(world.alice)
    assert "应转移组织关系。" in client.get(due.get_absolute_url()).content.decode()
    assert "应转移组织关系。" not in client.get(short.get_absolute_url()).content.decode()
    page = client.get(reverse("mobility:floating_transfer_due")).content.decode()
    assert due.get_absolute_url() in page and short.get_absolute_url() not in page
    # Another county's clerk does not see it on the list either.
    assert due.get_absolute_url() not in client_for(world.bob).get(
        reverse("mobility:floating_transfer_due")).content.decode()


def test_it_creates_and_closes_a_lost_contact_case(world, client_for, member):
    client = client_for(world.alice)
    response = client.post(reverse("mobility:lost_create"), {
        "member": member.pk, "lost_since": "2021-05-01", "reason": "relocation", "search_efforts": "联系家属"})
    case = LostContact.objects.get()
    assert response.status_code == 302
    assert "计为失联党员" in client.get(case.get_absolute_url()).content.decode()
    response = client.post(reverse("mobility:lost_update", args=[case.pk]), {
        "lost_since": "2021-05-01", "reason": "relocation", "found_on": "2022-01-05"})
    assert response.status_code == 200 and "恢复联系后请填写处置情况" in response.content.decode()
    client.post(reverse("mobility:lost_update", args=[case.pk]), {
        "lost_since": "2021-05-01", "reason": "relocation", "found_on": "2022-01-05", "outcome": "resumed"})
    case.refresh_from_db()
    member.refresh_from_db()
    assert case.found_on == D(2022, 1, 5) and member.status == "normal"  # never changed by this app


def test_it_creates_an_incoming_member(world, client_for):
    client = client_for(world.alice)
    response = client.post(reverse("mobility:incoming_create"), {
        "name": "格桑", "gender": "M", "origin_organization": "仲巴县帕羊镇党委", "arrived_on": "2022-04-01",
        "organization": world.org_a1.pk})
    assert response.status_code == 302 and IncomingMember.objects.get().organization == world.org_a1


@pytest.fixture
def records(world, member):
    return {"floating": FloatingPeriodFactory(member=member),
            "lost": LostContactFactory(member=PartyMemberFactory(organization=world.org_a1)),
            "incoming": IncomingMemberFactory(organization=world.org_a1)}


@pytest.mark.parametrize("kind", ["floating", "lost", "incoming"])
def test_outsiders_get_404_and_read_only_users_403(world, client_for, records, kind):
    obj = records[kind]
    pages = [reverse(f"mobility:{kind}_update", args=[obj.pk]), reverse(f"mobility:{kind}_delete", args=[obj.pk])]
    client = client_for(world.bob)
    assert client.get(obj.get_absolute_url()).status_code == 404
    for url in pages:
        assert client.get(url).status_code == 404
        assert client.post(url, {}).status_code == 404
    client = client_for(world.dave)
    assert client.get(obj.get_absolute_url()).status_code == 200
    assert client.get(reverse(f"mobility:{kind}_create")).status_code == 403
    for url in pages:
        assert client.post(url, {}).status_code == 403
    assert client_for(world.erin).get(reverse(f"mobility:{kind}_list")).status_code == 403
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("kind", ["floating", "lost", "incoming"])
def test_it_deletes(world, client_for, records, kind):
    obj = records[kind]
    response = client_for(world.alice).post(reverse(f"mobility:{kind}_delete", args=[obj.pk]))
    assert response.status_code == 302 and not type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("name", ["floating_list", "floating_transfer_due", "lost_list", "incoming_list"])
def test_list_query_count_is_flat(world, client_for, django_assert_max_num_queries, name):
    today = timezone.localdate()
    client = client_for(world.alice)

    def add(n):
        for _ in range(n):
            person = PartyMemberFactory(organization=world.org_a1)
            FloatingPeriodFactory(member=person, left_on=add_months(today, -8), fixed_place=True)
            LostContactFactory(member=person)
            IncomingMemberFactory(organization=world.org_a1)

    add(2)
    with django_assert_max_num_queries(14):
        assert client.get(reverse(f"mobility:{name}")).status_code == 200
    add(30)
    with django_assert_max_num_queries(14):
        response = client.get(reverse(f"mobility:{name}"))
    assert len(response.context["page_obj"]) >= 20


def test_the_filters_narrow_the_list(world, client_for, member):
    FloatingPeriodFactory(member=member, left_on=D(2021, 1, 1), returned_on=D(2021, 5, 1))
    out = FloatingPeriodFactory(member=PartyMemberFactory(organization=world.org_b1), reason="family")
    response = client_for(world.carol).get(reverse("mobility:floating_list"), {"out": "true"})
    assert [p.pk for p in response.context["page_obj"]] == [out.pk]
    response = client_for(world.carol).get(reverse("mobility:floating_list"), {"county": world.county_a.pk})
    assert [p.member for p in response.context["page_obj"]] == [member]
