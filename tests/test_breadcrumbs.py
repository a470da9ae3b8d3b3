"""Breadcrumbs on every record's page (issue 18, item 6): the places above the record from the
user's own node down, each a link to its area page, then the record; nothing above the user's
scope."""
import re

from django.urls import reverse

from cadres.tests.factories import PartyMemberFactory

CRUMBS = re.compile(r'<ol class="breadcrumb[^"]*">(.*?)</ol>', re.S)
ITEM = re.compile(r'<li class="breadcrumb-item[^"]*"[^>]*>(?:<a href="([^"]*)">)?([^<]*)')


def crumbs(html: str) -> list[tuple[str, str]]:
    found = CRUMBS.search(html)
    assert found, "no breadcrumbs on the page"
    return [(name, href) for href, name in ITEM.findall(found.group(1))]


def area_url(area):
    return reverse("branches:area_detail", args=[area.pk])


def test_a_members_page_shows_the_places_above_it_within_the_users_scope(client_for, world):
    member = PartyMemberFactory(organization=world.org_a1, name="扎西")
    url = reverse("cadres:member_detail", args=[member.pk])
    assert crumbs(client_for(world.carol).get(url).content.decode()) == [
        ("阿里地区", area_url(world.root)), ("噶尔县", area_url(world.county_a)),
        ("狮泉河镇", area_url(world.township_a)), ("加木村", area_url(world.village_a1)), ("扎西", "")]
    assert crumbs(client_for(world.alice).get(url).content.decode()) == [
        ("噶尔县", area_url(world.county_a)), ("狮泉河镇", area_url(world.township_a)),
        ("加木村", area_url(world.village_a1)), ("扎西", "")]
    assert crumbs(client_for(world.tess).get(url).content.decode()) == [
        ("狮泉河镇", area_url(world.township_a)), ("加木村", area_url(world.village_a1)), ("扎西", "")]


def test_an_organizations_page_and_its_edit_form_have_them_too(client_for, world):
    client = client_for(world.alice)
    for url in (reverse("branches:organization_detail", args=[world.org_a1.pk]),
                reverse("branches:organization_update", args=[world.org_a1.pk])):
        assert crumbs(client.get(url).content.decode())[-2:] == [("加木村", area_url(world.village_a1)),
                                                                ("加木村党支部", "")]


def test_an_area_page_links_no_place_above_the_users_scope(client_for, world):
    url = reverse("branches:area_detail", args=[world.village_a1.pk])
    assert crumbs(client_for(world.alice).get(url).content.decode()) == [
        ("噶尔县", area_url(world.county_a)), ("狮泉河镇", area_url(world.township_a)), ("加木村", "")]
    assert crumbs(client_for(world.carol).get(url).content.decode())[0] == ("阿里地区", area_url(world.root))
