"""The term pages: scoped (another county 404, read-only 403), the refusal shown on the form, the overdue
and due-soon lists, the reminders, flat query counts."""
import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from ali_party.reminders import reminders_for
from cadres.tests.factories import PartyMemberFactory
from cadres.dates import add_months, add_years

from ..models import Term, TermMember
from ..services import term_create

D = datetime.date


def term(world, org, elected, **extra):
    return term_create(actor=world.carol, organization=org, election_date=elected, start_date=elected, **extra)


def test_it_creates_a_term_from_the_form(client_for, world):
    client = client_for(world.alice)
    response = client.post(reverse("orglife:term_create"), {
        "organization": world.org_a1.pk, "election_date": "2021-05-01", "start_date": "2021-05-01"})
    assert response.status_code == 302
    created = Term.objects.get()
    assert created.due_on == D(2026, 5, 1)
    body = client.get(created.get_absolute_url()).content.decode()
    assert "2026-05-01" in body and "每届5年" in body


def test_the_form_shows_the_refusal_in_chinese(client_for, world):
    term(world, world.org_a1, D(2015, 5, 1))  # due 2020-05-01
    response = client_for(world.alice).post(reverse("orglife:term_create"), {
        "organization": world.org_a1.pk, "election_date": "2021-06-01", "start_date": "2021-06-01"})
    assert response.status_code == 200
    assert "推迟超过一年，须经上级党组织批准" in response.content.decode()
    assert Term.objects.count() == 1


def test_other_counties_get_404_and_read_only_roles_403(client_for, world):
    own = term(world, world.org_a1, D(2021, 5, 1))
    member = TermMember.objects.create(term=own, role="secretary", person_name="次仁")
    bob = client_for(world.bob)
    for url in (own.get_absolute_url(), reverse("orglife:term_update", args=[own.pk]),
                reverse("orglife:term_member_create", args=[own.pk]),
                reverse("orglife:term_member_update", args=[member.pk]),
                reverse("orglife:term_member_delete", args=[member.pk]), reverse("orglife:term_delete", args=[own.pk])):
        assert bob.get(url).status_code == 404, url
        if url != own.get_absolute_url():  # the detail page answers POST with 405
            assert bob.post(url, {}).status_code == 404, url
    dave = client_for(world.dave)
    assert dave.get(own.get_absolute_url()).status_code == 200
    for url in (reverse("orglife:term_create"), reverse("orglife:term_update", args=[own.pk]),
                reverse("orglife:term_member_create", args=[own.pk]),
                reverse("orglife:term_member_delete", args=[member.pk]), reverse("orglife:term_delete", args=[own.pk])):
        assert dave.get(url).status_code == 403, url
        assert dave.post(url, {}).status_code == 403, url
    assert TermMember.objects.count() == 1 and Term.objects.count() == 1
    assert client_for(world.erin).get(reverse("orglife:term_list")).status_code == 403


def test_it_records_the_elected_members(client_for, world):
    own = term(world, world.org_a1, D(2021, 5, 1))
    secretary = PartyMemberFactory(organization=world.org_a1, name="扎西")
    PartyMemberFactory(organization=world.org_b1, name="外县党员")
    client = client_for(world.alice)
    page = client.get(reverse("orglife:term_member_create", args=[own.pk])).content.decode()
    # The member picker asks for the county's full members (the field's own restriction).
    select = re.search(r'<select name="member"[^>]*>', page).group(0)
    params = html.unescape(re.search(r'data-picker-params="([^"]*)"', select).group(1))
    assert params == f"full=1&under={world.county_a.pk}"
    offered = client.get(f"{reverse('pickers:pick', args=['members'])}?{params}").json()["results"]
    assert [row["value"] for row in offered] == [secretary.pk]  # not the other county's member
    assert client.post(reverse("orglife:term_member_create", args=[own.pk]),
                       {"role": "secretary", "member": secretary.pk}).status_code == 302
    assert client.post(reverse("orglife:term_member_create", args=[own.pk]),
                       {"role": "member", "person_name": "上级派任"}).status_code == 302
    body = client.get(own.get_absolute_url()).content.decode()
    assert "扎西" in body and "上级派任" in body
    removed = TermMember.objects.get(person_name="上级派任")
    assert client.post(reverse("orglife:term_member_delete", args=[removed.pk])).status_code == 302
    assert list(own.members.values_list("member__name", flat=True)) == ["扎西"]


def test_overdue_and_due_soon_lists_and_the_reminders(client_for, world):
    today = timezone.localdate()
    overdue = term(world, world.org_a1, add_years(today, -5) - datetime.timedelta(days=10))        # due 10 days ago
    soon = term(world, world.org_a2, add_months(add_years(today, -5), 5))                           # due in 5 months
    term(world, world.org_b1, add_months(add_years(today, -5), 8))                                  # due in 8 months
    client = client_for(world.alice)
    page = client.get(reverse("orglife:term_overdue"))
    assert [t.pk for t in page.context["page_obj"]] == [overdue.pk]
    page = client.get(reverse("orglife:term_due_soon"))
    assert [t.pk for t in page.context["page_obj"]] == [soon.pk]
    found = [r for r in reminders_for(world.alice, today) if r.kind == "换届"]  # not the appraisals' reminders
    assert [(r.organization, r.overdue) for r in found] == [(world.org_a1, True), (world.org_a2, False)]
    assert [r for r in reminders_for(world.bob, today) if r.kind == "换届"] == []  # 8 months ahead: no reminder yet
    # The reminders page of 基本制度 lists them for the user's scope.
    page = client.get(reverse("evaluations:reminder_list"))
    assert [r.organization for r in page.context["computed_reminders"] if r.kind == "换届"] == [
        world.org_a1, world.org_a2]


@pytest.mark.parametrize("name", ["orglife:term_list", "orglife:term_overdue", "orglife:term_due_soon"])
def test_list_query_counts_are_flat(client_for, world, django_assert_max_num_queries, name):
    client = client_for(world.carol)
    start = add_years(timezone.localdate(), -5) - datetime.timedelta(days=30)
    term(world, world.org_a1, start)
    with django_assert_max_num_queries(14):
        client.get(reverse(name))
    from branches.models import PartyOrganization
    for n in range(30):
        org = PartyOrganization.objects.create(name=f"支部{n}", kind="branch", area=world.village_a1)
        term(world, org, start)
    with django_assert_max_num_queries(14):
        client.get(reverse(name))


def test_the_pages_read_in_english(client_for, world):
    own = term(world, world.org_a1, D(2021, 5, 1))
    client = client_for(world.alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    try:
        body = client.get(own.get_absolute_url()).content.decode()
        assert "Term due to end" in body and "(5 years a term)" in body and "任期届满日期" not in body
        body = client.get(reverse("branches:organization_detail", args=[world.org_a1.pk])).content.decode()
        assert "Structure checks" in body and "A branch has at least 3 full members" in body
    finally:
        from django.conf import settings
        from django.utils import translation
        translation.activate(settings.LANGUAGE_CODE)  # the locale middleware leaves English active
