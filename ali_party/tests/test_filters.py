"""The list filters' shared pieces (ali_party.filters): 是/否 selects whose empty choice reads 全部,
and the one-select 县/乡镇 filter that offers a prefecture-wide user the counties first."""
import re

import pytest
from django.urls import reverse

from activities.tests.factories import ActivityFactory
from capacity.models import CoBuildingPairing
from funding.tests.factories import VenueUpgradeFactory

YES_NO = [("", "全部"), ("true", "是"), ("false", "否")]


def select_options(html: str, name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select name={name}>"
    return re.findall(r'<option value="([^"]*)"[^>]*>(.*?)</option>', select.group(1))


def selected(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select)


# Every yes/no filter of the project (declared, or generated from a model BooleanField).
YES_NO_FILTERS = [
    ("activities:activity_list", "under_pairing"),
    ("branches:organization_list", "relocation"),
    ("branches:organization_list", "has_warning"),
    ("branches:assessment_list", "passed"),
    ("cadres:committee_list", "party_member"),
    ("capacity:case_list", "handled"),
    ("evaluations:meeting_list", "nine_ones"),
    ("funding:venue_list", "is_demonstration"),
    ("funding:venue_list", "below_standard"),
]


@pytest.mark.parametrize("url_name, name", YES_NO_FILTERS)
def test_yes_no_filters_offer_all_yes_no(client_for, world, url_name, name):
    html = client_for(world.alice).get(reverse(url_name)).content.decode()
    assert select_options(html, name) == YES_NO
    assert selected(html, name) == [""]
    assert "未知" not in html


def test_a_yes_no_choice_filters_and_stays_selected(client_for, world):
    pairing = CoBuildingPairing.objects.create(garrison_unit="某边防连", village=world.village_a1,
                                               organization=world.org_a1, started_on="2021-01-01")
    ActivityFactory(organization=world.org_a1, participants=11)
    ActivityFactory(organization=world.org_a1, participants=22, pairing=pairing)
    client = client_for(world.alice)
    url = reverse("activities:activity_list")
    for value, participants in [("true", [22]), ("false", [11]), ("", [11, 22])]:
        response = client.get(url, {"under_pairing": value})
        assert sorted(a.participants for a in response.context["page_obj"]) == participants
        assert selected(response.content.decode(), "under_pairing") == [value]


def test_venue_list_filters_by_the_generated_yes_no_filter(client_for, world):
    VenueUpgradeFactory(village=world.village_a1, is_demonstration=True)
    VenueUpgradeFactory(village=world.village_a2, is_demonstration=False)
    client = client_for(world.alice)
    response = client.get(reverse("funding:venue_list"), {"is_demonstration": "true"})
    assert [v.village for v in response.context["page_obj"]] == [world.village_a1]


AREA_HELP = "选择县（区）并点击“筛选”后，这里还可以选择其下的乡镇。"


def area_labels(client, **params) -> list[str]:
    response = client.get(reverse("activities:activity_list"), params)
    assert response.status_code == 200
    return [label for value, label in select_options(response.content.decode(), "area") if value]


def test_area_filter_offers_a_prefecture_user_the_counties_first(client_for, world):
    client = client_for(world.carol)
    html = client.get(reverse("activities:activity_list")).content.decode()
    assert [label for value, label in select_options(html, "area") if value] == ["噶尔县", "普兰县"]
    assert AREA_HELP in html
    # a county chosen: its townships are offered too, under it
    assert area_labels(client, area=world.county_a.pk) == ["噶尔县", "狮泉河镇", "昆莎乡", "普兰县"]
    # a township chosen (say from a link): the townships of its county
    assert area_labels(client, area=world.township_b.pk) == ["噶尔县", "普兰县", "普兰镇"]


def test_area_filter_offers_a_county_clerk_the_county_and_its_townships(client_for, world):
    html = client_for(world.alice).get(reverse("activities:activity_list")).content.decode()
    assert [label for value, label in select_options(html, "area") if value] == ["噶尔县", "狮泉河镇", "昆莎乡"]
    assert AREA_HELP not in html


def test_area_filter_still_filters(client_for, world):
    ActivityFactory(organization=world.org_a1, participants=11)
    ActivityFactory(organization=world.org_a2, participants=22)
    ActivityFactory(organization=world.org_b1, participants=33)
    client = client_for(world.carol)
    url = reverse("activities:activity_list")
    for area, participants in [(world.county_a, [11, 22]), (world.township_a2, [22]), (world.county_b, [33])]:
        response = client.get(url, {"area": area.pk})
        assert sorted(a.participants for a in response.context["page_obj"]) == participants


def test_area_filter_refuses_a_village_with_a_message(client_for, world):
    ActivityFactory(organization=world.org_a1)
    response = client_for(world.carol).get(reverse("activities:activity_list"), {"area": world.village_a1.pk})
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == []
    assert "筛选条件有误，未列出记录" in response.content.decode()


def test_long_select_renders_the_same_html_as_djangos_select():
    import re

    from django import forms

    from ali_party.widgets import LongSelect

    choices = [("", "---------"), (1, "噶尔县"), (2, "<b>普兰</b> & 札达"), (30, "日土")]
    attrs = {"id": "id_area", "class": "form-select is-invalid"}

    def normalized(html):
        return re.sub(r">\s+<", "><", str(html)).strip()

    for value in (None, "", 2, "30"):
        ours = LongSelect(choices=choices).render("area", value, attrs)
        django = forms.Select(choices=choices).render("area", value, attrs)
        assert normalized(ours) == normalized(django), value
    assert "&lt;b&gt;普兰&lt;/b&gt; &amp; 札达" in LongSelect(choices=choices).render("area", None)


def test_form_selects_of_related_rows_render_fast_and_show_the_stored_choice(client_for, world):
    """A catalogue choice (the activity kind) renders every row in one string join (LongSelect); a
    choice of members is searched (ali_party/pickers.py) and shows only the stored choice."""
    from cadres.tests.factories import PartyMemberFactory
    from ali_party.widgets import LongSelect, SearchSelectMultiple
    member = PartyMemberFactory(organization=world.org_a1, name="次仁卓玛")
    client = client_for(world.alice)
    response = client.get(reverse("activities:activity_create"))
    fields = response.context["form"].fields
    assert isinstance(fields["kind"].widget, LongSelect)
    assert isinstance(fields["attendees"].widget, SearchSelectMultiple)
    html = response.content.decode()
    kind_select = re.search(r'<select name="kind"[^>]*>.*?</select>', html, re.S).group(0)
    assert kind_select.count("<option") == 1 + fields["kind"].queryset.count()
    select = re.search(r'<select name="attendees"[^>]*>.*?</select>', html, re.S).group(0)
    assert " multiple" in select and "<option" not in select
    # An edit page shows the stored attendee as selected.
    activity = ActivityFactory(organization=world.org_a1, held_on="2022-03-05")
    activity.attendees.add(member)
    html = client.get(reverse("activities:activity_update", args=[activity.pk])).content.decode()
    assert re.search(rf'<option value="{member.pk}" selected>次仁卓玛 · 加木村党支部', html)
