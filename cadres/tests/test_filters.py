"""The member list's 乡镇 and 党组织 choices: narrowed to the chosen county or township.

A prefecture-wide scope holds every county's organizations (≈25,000 at region scale), too many
for one <select>; a county clerk's scope is one county and gets them directly."""
import re

import pytest
from django.urls import reverse

from branches.models import PartyOrganization
from cadres.models import PartyMember

from .factories import PartyMemberFactory

URL = reverse("cadres:member_list")
ORGANIZATION_HELP = "先选择县（区）或乡镇并点击“筛选”，再选择党组织。"
TOWNSHIP_HELP = "先选择县（区）并点击“筛选”，再选择乡镇。"
FILTER_ERROR = "筛选条件有误，未列出记录"


def options(html: str, name: str) -> list[str]:
    """The labels of the non-empty options of <select name=...>."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select name={name}>"
    return [label for value, label in re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', select.group(1))
            if value]


def get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def test_it_offers_a_prefecture_user_no_organizations_before_a_county_is_chosen(client_for, world):
    html = get(client_for(world.carol)).content.decode()
    assert options(html, "county") == ["噶尔县", "普兰县"]
    assert options(html, "township") == []
    assert options(html, "organization") == []
    assert ORGANIZATION_HELP in html and TOWNSHIP_HELP in html


def test_it_offers_the_chosen_county_townships_and_organizations(client_for, world):
    html = get(client_for(world.carol), county=world.county_a.pk).content.decode()
    assert options(html, "township") == ["狮泉河镇", "昆莎乡"]
    assert options(html, "organization") == ["加木村党支部", "昆莎一村党支部"]
    assert ORGANIZATION_HELP not in html and TOWNSHIP_HELP not in html


def test_it_offers_the_chosen_township_organizations(client_for, world):
    # No county in the query (a link to one township): the township's own county anchors the choices.
    html = get(client_for(world.carol), township=world.township_a2.pk).content.decode()
    assert options(html, "township") == ["狮泉河镇", "昆莎乡"]
    assert options(html, "organization") == ["昆莎一村党支部"]


def test_a_county_clerk_gets_the_county_organizations_directly(client_for, world):
    html = get(client_for(world.alice)).content.decode()
    assert options(html, "county") == ["噶尔县"]
    assert options(html, "township") == ["狮泉河镇", "昆莎乡"]
    assert options(html, "organization") == ["加木村党支部", "昆莎一村党支部"]
    assert ORGANIZATION_HELP not in html and TOWNSHIP_HELP not in html


def test_a_township_clerk_gets_the_township_organizations(client_for, world):
    html = get(client_for(world.tess)).content.decode()
    assert options(html, "township") == ["狮泉河镇"]
    assert options(html, "organization") == ["加木村党支部"]


def test_the_chosen_organization_filters_the_list(client_for, world):
    PartyMemberFactory(organization=world.org_a1, name="扎西")
    PartyMemberFactory(organization=world.org_a2, name="卓玛")
    response = get(client_for(world.carol), county=world.county_a.pk, organization=world.org_a2.pk)
    assert [m.name for m in response.context["page_obj"]] == ["卓玛"]
    assert FILTER_ERROR not in response.content.decode()


@pytest.mark.parametrize("persona, params, field, message", [
    # an organization sent without its county: not among the (empty) choices of a prefecture-wide user
    ("carol", {"organization": "org_a1"}, "organization", "所选党组织不在所选县（区）或乡镇内"),
    # the county was changed after the organization was chosen
    ("carol", {"county": "county_b", "organization": "org_a1"}, "organization", "所选党组织不在所选县（区）或乡镇内"),
    ("carol", {"township": "township_a2", "organization": "org_a1"}, "organization",
     "所选党组织不在所选县（区）或乡镇内"),
    # the county was changed after the township was chosen
    ("carol", {"county": "county_b", "township": "township_a"}, "township", "所选乡镇不属于所选县（区）"),
    # another county's organization, for a county clerk
    ("alice", {"organization": "org_b1"}, "organization", "所选党组织不在所选县（区）或乡镇内"),
])
def test_it_explains_a_choice_outside_the_narrowed_ones(client_for, world, persona, params, field, message):
    PartyMemberFactory(organization=world.org_a1, name="扎西")
    PartyMemberFactory(organization=world.org_b1, name="次仁")
    query = {key: getattr(world, value).pk for key, value in params.items()}
    response = get(client_for(getattr(world, persona)), **query)
    html = response.content.decode()
    assert list(response.context["page_obj"]) == []  # strict: an invalid filter lists nothing
    assert FILTER_ERROR in html
    assert message in html
    assert list(response.context["filter"].errors) == [field]


@pytest.mark.parametrize("county", ["abc", "9" * 40, "²"])
def test_it_survives_garbage_in_the_area_filters(client_for, world, county):
    PartyMemberFactory(organization=world.org_a1, name="扎西")
    response = get(client_for(world.carol), county=county, township="99999999", organization="x")
    assert list(response.context["page_obj"]) == []
    assert set(response.context["filter"].errors) == {"county", "township", "organization"}
    assert options(response.content.decode(), "organization") == []


def test_query_count_is_flat_for_a_prefecture_user_with_a_county(client_for, world, django_assert_max_num_queries):
    client = client_for(world.carol)
    params = {"county": world.county_a.pk, "stage": PartyMember.Stage.FULL}
    PartyMemberFactory.create_batch(2, organization=world.org_a1)
    with django_assert_max_num_queries(14):
        response = client.get(URL, params)
    assert len(response.context["page_obj"]) == 2
    PartyMemberFactory.create_batch(50, organization=world.org_a2)
    PartyOrganization.objects.bulk_create(
        PartyOrganization(name=f"加木村第{i}作业组党支部", kind="work_group_branch", parent=world.org_a1,
                          area=world.village_a1) for i in range(30))
    with django_assert_max_num_queries(14):
        response = client.get(URL, params)
    assert len(response.context["page_obj"]) == 50  # the first page of 52
    assert len(options(response.content.decode(), "organization")) == 32
