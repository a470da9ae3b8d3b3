"""The search-driven pickers (ali_party/pickers.py, picker_views.py, widgets.SearchSelect): the JSON
endpoint's scope, roles, parameters and query count; the forms that render only the chosen options;
the server-side refusal of a key outside the scope or the form's restriction."""
import datetime
import re

import pytest
from django.urls import reverse

from activities.tests.factories import ActivityFactory
from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory


def pick(client, kind, **params):
    return client.get(reverse("pickers:pick", args=[kind]), params)


def values(response):
    assert response.status_code == 200, response.content
    return [row["value"] for row in response.json()["results"]]


def options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no select {name}"
    return re.findall(r'<option value="([^"]*)"', select.group(1))


@pytest.fixture
def namesakes(world):
    """丹巴多吉 in county A (two of them, one in each branch) and in county B."""
    return {
        "a1": PartyMemberFactory(organization=world.org_a1, name="丹巴多吉", birth_date=datetime.date(1975, 3, 1)),
        "a2": PartyMemberFactory(organization=world.org_a2, name="丹巴多吉", birth_date=datetime.date(1988, 7, 9),
                                 gender="F"),
        "b1": PartyMemberFactory(organization=world.org_b1, name="丹巴多吉"),
        "other": PartyMemberFactory(organization=world.org_a1, name="次仁卓玛"),
    }


def test_it_finds_only_the_clerks_own_namesakes(world, namesakes, client_for):
    found = values(pick(client_for(world.alice), "members", q="多吉"))
    assert sorted(found) == sorted([namesakes["a1"].pk, namesakes["a2"].pk])
    assert values(pick(client_for(world.bob), "members", q="丹巴多吉")) == [namesakes["b1"].pk]


def test_the_label_tells_namesakes_apart_without_id_number_or_phone(world, namesakes, client_for):
    rows = pick(client_for(world.alice), "members", q="丹巴多吉").json()["results"]
    texts = {row["value"]: row["text"] for row in rows}
    # Worked out by hand: organization (the township below the county clerk's own node), sex, year.
    assert texts[namesakes["a1"].pk] == "丹巴多吉 · 加木村党支部（狮泉河镇） · 男 · 1975年生"
    assert texts[namesakes["a2"].pk] == "丹巴多吉 · 昆莎一村党支部（昆莎乡） · 女 · 1988年生"
    body = pick(client_for(world.alice), "members", q="丹巴多吉").content.decode()
    assert namesakes["a1"].id_number not in body and namesakes["a1"].id_number[:6] not in body


def test_the_prefecture_user_sees_every_county_and_the_county_in_the_label(world, namesakes, client_for):
    rows = pick(client_for(world.carol), "members", q="丹巴多吉").json()["results"]
    assert {row["value"] for row in rows} == {namesakes[k].pk for k in ("a1", "a2", "b1")}
    assert "丹巴多吉 · 普兰一村党支部（普兰县） · 男 · 1985年生" in {row["text"] for row in rows}


def test_order_is_by_name_then_key(world, client_for):
    made = [PartyMemberFactory(organization=world.org_a1, name=name) for name in ("扎西", "阿旺扎西", "扎西")]
    found = values(pick(client_for(world.alice), "members", q="扎西"))
    # "扎西" < "阿旺扎西" in the database's order of the names; equal names by key.
    ordered = sorted(made, key=lambda m: (m.name, m.pk))
    assert found == [m.pk for m in ordered]


def test_at_most_twenty_results_and_more_is_said(world, client_for):
    PartyMemberFactory.create_batch(25, organization=world.org_a1, name="格桑")
    payload = pick(client_for(world.alice), "members", q="格桑").json()
    assert len(payload["results"]) == 20 and payload["more"] is True
    payload = pick(client_for(world.alice), "members", q="格桑", organization=world.org_a2.pk).json()
    assert payload == {"results": [], "more": False}


def test_read_only_roles_read_and_no_business_role_is_refused(world, namesakes, client_for):
    assert namesakes["a1"].pk in values(pick(client_for(world.dave), "members", q="多吉"))
    assert values(pick(client_for(world.tess), "members", q="多吉")) == [namesakes["a1"].pk]  # her township
    for outsider in (world.erin, world.sam):
        assert pick(client_for(outsider), "members", q="多吉").status_code == 403


def test_anonymous_goes_to_login(world, client):
    response = pick(client, "members", q="多吉")
    assert response.status_code == 302 and "login" in response["Location"]


def test_narrowing_parameters(world, namesakes, client_for):
    alice = client_for(world.alice)
    assert values(pick(alice, "members", q="多吉", organization=world.org_a2.pk)) == [namesakes["a2"].pk]
    # Another county's organization narrows to nothing (never to its members).
    assert values(pick(alice, "members", q="多吉", organization=world.org_b1.pk)) == []
    applicant = PartyMemberFactory(organization=world.org_a1, name="多吉次仁", stage=PartyMember.Stage.APPLICANT,
                                   admitted_on=None, full_member_on=None, candidate_on=None, activist_on=None)
    assert applicant.pk not in values(pick(alice, "members", q="多吉", min_stage=4))
    assert applicant.pk in values(pick(alice, "members", q="多吉"))
    assert applicant.pk not in values(pick(alice, "members", q="多吉", on="2020-01-01"))
    assert values(pick(alice, "areas", q="村", level="village")) == [world.village_a1.pk, world.village_a2.pk]
    assert values(pick(alice, "areas", level="township")) == [world.township_a.pk, world.township_a2.pk]
    assert values(pick(alice, "areas", level="village", under=world.township_a2.pk)) == [world.village_a2.pk]
    assert values(pick(alice, "areas", level="village", under=world.township_b.pk)) == []
    assert values(pick(alice, "organizations", q="党支部")) == [world.org_a1.pk, world.org_a2.pk]


@pytest.mark.parametrize("params", [
    {"organization": "abc"}, {"organization": "1" * 40}, {"organization": "²"}, {"on": "2020-13-01"},
    {"min_stage": "9"}, {"full": "yes"}, {"unknown": "1"}, {"level": "planet"},
])
def test_bad_parameters_are_a_400_never_a_500(world, client_for, params):
    kind = "areas" if "level" in params else "members"
    assert pick(client_for(world.alice), kind, q="多吉", **params).status_code == 400


def test_odd_queries_are_answered(world, namesakes, client_for):
    alice = client_for(world.alice)
    for q in ("%", "_", "\\", "'; drop table x; --", "多" * 500, "  丹巴   多吉 "):
        assert pick(alice, "members", q=q).status_code == 200
    assert values(pick(alice, "members", q="%")) == []  # LIKE's wildcards are matched literally
    assert pick(alice, "no-such-kind", q="x").status_code == 404
    assert client_for(world.alice).post(reverse("pickers:pick", args=["members"])).status_code == 405


def test_query_count_is_flat(world, client_for, django_assert_max_num_queries):
    alice = client_for(world.alice)
    PartyMemberFactory.create_batch(2, organization=world.org_a1, name="尼玛")
    with django_assert_max_num_queries(10) as few:
        values(pick(alice, "members", q="尼玛"))
    PartyMemberFactory.create_batch(40, organization=world.org_a2, name="尼玛")
    with django_assert_max_num_queries(len(few.captured_queries)):  # 20 labelled rows, same count
        values(pick(alice, "members", q="尼玛"))


@pytest.fixture
def crowd(world):
    return PartyMemberFactory.create_batch(300, organization=world.org_a1)


def test_the_activity_form_renders_only_the_chosen_attendees(world, crowd, client_for):
    client = client_for(world.alice)
    html = client.get(reverse("activities:activity_create")).content.decode()
    assert options(html, "attendees") == []
    assert options(html, "organization") == [""] and options(html, "village") == [""]
    assert len(html) < 30_000
    select = re.search(r'<select name="attendees"[^>]*>', html).group(0)
    assert 'data-picker-url="/pick/members/"' in select and 'data-picker-narrow="organization=organization"' in select


def test_the_edit_form_shows_the_current_values(world, crowd, client_for):
    activity = ActivityFactory(organization=world.org_a1, held_on="2022-03-05")
    activity.attendees.add(crowd[0], crowd[1])
    html = client_for(world.alice).get(reverse("activities:activity_update", args=[activity.pk])).content.decode()
    assert sorted(options(html, "attendees")) == sorted([str(crowd[0].pk), str(crowd[1].pk)])
    assert f'<option value="{crowd[0].pk}" selected>{crowd[0].name} · 加木村党支部（狮泉河镇）' in html
    assert options(html, "organization") == ["", str(world.org_a1.pk)]


def _activity_post(world, **extra):
    from activities.tests.factories import kind
    return {"kind": kind("theme_party_day").pk, "held_on": "2022-06-01", "organization": world.org_a1.pk,
            "village": world.village_a1.pk, "participants": 3, "person_times": 3, "problems_solved": 0, **extra}


def test_a_form_with_errors_keeps_the_chosen_values(world, crowd, client_for):
    client = client_for(world.alice)
    data = _activity_post(world, attendees=[crowd[5].pk], participants="")
    response = client.post(reverse("activities:activity_create"), data)
    assert response.status_code == 200 and response.context["form"].errors
    html = response.content.decode()
    assert options(html, "attendees") == [str(crowd[5].pk)]
    assert options(html, "village") == ["", str(world.village_a1.pk)]


def test_a_posted_key_outside_the_scope_is_refused(world, crowd, client_for):
    stranger = PartyMemberFactory(organization=world.org_b1)
    response = client_for(world.alice).post(reverse("activities:activity_create"),
                                            _activity_post(world, attendees=[stranger.pk]))
    assert response.status_code == 200 and "attendees" in response.context["form"].errors
    response = client_for(world.alice).post(reverse("activities:activity_create"),
                                            _activity_post(world, village=world.village_b1.pk))
    assert "village" in response.context["form"].errors


def test_a_posted_key_outside_the_forms_restriction_is_refused(world, client_for):
    """The two-committee form accepts members on today only (members_on): a 入党申请人 is refused,
    and the picker is told the same restriction (on=today)."""
    from django.utils import timezone
    applicant = PartyMemberFactory(organization=world.org_a1, name="多吉次仁", stage=PartyMember.Stage.APPLICANT,
                                   admitted_on=None, full_member_on=None, candidate_on=None, activist_on=None)
    client = client_for(world.alice)
    html = client.get(reverse("cadres:committee_create")).content.decode()
    select = re.search(r'<select name="member"[^>]*>', html).group(0)
    assert f'data-picker-params="on={timezone.localdate().isoformat()}"' in select
    assert applicant.pk not in values(pick(client, "members", q="多吉", on=timezone.localdate().isoformat()))
    response = client.post(reverse("cadres:committee_create"), {
        "member": applicant.pk, "village": world.village_a1.pk, "committee": "both", "post": "委员",
        "term_start": "2021-01-01", "term_end": "2026-12-31"})
    assert response.status_code == 200 and "member" in response.context["form"].errors
    # An area field restricted to villages: a township is refused, and the picker asks for villages.
    assert 'data-picker-params="level=village"' in re.search(r'<select name="village"[^>]*>', html).group(0)
    response = client.post(reverse("cadres:committee_create"), {
        "name": "张三", "gender": "M", "village": world.township_a.pk, "committee": "both", "post": "委员",
        "term_start": "2021-01-01", "term_end": "2026-12-31"})
    assert "village" in response.context["form"].errors


def test_the_result_form_offers_the_campaigns_members(world, client_for):
    from evaluations.models import EvaluationCampaign
    inside = PartyMemberFactory(organization=world.org_a1, name="拉巴")
    elsewhere = PartyMemberFactory(organization=world.org_a2, name="拉巴")
    campaign = EvaluationCampaign.objects.create(organization=world.org_a1, year=2022)
    client = client_for(world.alice)
    html = client.get(reverse("evaluations:result_create", args=[campaign.pk])).content.decode()
    assert options(html, "member") == [""]
    assert f'data-picker-params="campaign={campaign.pk}"' in html
    assert values(pick(client, "members", q="拉巴", campaign=campaign.pk)) == [inside.pk]
    # Another county's campaign narrows to nothing.
    other = EvaluationCampaign.objects.create(organization=world.org_b1, year=2022)
    PartyMemberFactory(organization=world.org_b1, name="拉巴")
    assert values(pick(client, "members", q="拉巴", campaign=other.pk)) == []
    response = client.post(reverse("evaluations:result_create", args=[campaign.pk]),
                           {"member": elsewhere.pk, "rating": "good"})
    assert response.status_code == 200 and "member" in response.context["form"].errors


def test_what_the_picker_offers_the_form_accepts(world, client_for):
    """For the restricted fields, every row the picker offers (empty search) is in the field's own
    queryset, and the field refuses what the picker does not offer."""
    from ali_party.pickers import get_kind
    from cadres.forms import TwoCommitteeMemberForm
    from funding.forms import VenueUpgradeForm
    PartyMemberFactory(organization=world.org_a1, stage=PartyMember.Stage.APPLICANT, admitted_on=None,
                       full_member_on=None, candidate_on=None, activist_on=None)
    PartyMemberFactory(organization=world.org_a2)
    for form, name in ((TwoCommitteeMemberForm(user=world.alice), "member"),
                       (TwoCommitteeMemberForm(user=world.alice), "village"),
                       (VenueUpgradeForm(user=world.alice), "village")):
        field = form.fields[name]
        kind = get_kind(field.widget.kind)
        offered = {row["value"] for row in kind.results(world.alice, "", field.widget.params)["results"]}
        accepted = set(field.queryset.values_list("pk", flat=True))
        assert offered == accepted, name


def test_the_form_pages_query_count_does_not_grow_with_the_members(world, client_for, django_assert_max_num_queries):
    client = client_for(world.alice)
    PartyMemberFactory.create_batch(2, organization=world.org_a1)
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("activities:activity_create"))
    PartyMemberFactory.create_batch(300, organization=world.org_a1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse("activities:activity_create")).content.decode()
    assert options(html, "attendees") == []


def test_the_talk_form_asks_for_the_organization_first(world, client_for):
    """Talk members come from the chosen organization: the picker is told so (required narrowing),
    and a member of another organization is refused."""
    inside = PartyMemberFactory(organization=world.org_a1)
    elsewhere = PartyMemberFactory(organization=world.org_a2)
    client = client_for(world.alice)
    html = client.get(reverse("evaluations:talk_create")).content.decode()
    select = re.search(r'<select name="initiator"[^>]*>', html).group(0)
    assert 'data-picker-narrow="organization=organization"' in select and 'data-picker-narrow-required="1"' in select
    assert 'data-picker-params="min_stage=4"' in select
    assert len(html) < 30_000
    response = client.post(reverse("evaluations:talk_create"), {
        "organization": world.org_a1.pk, "held_on": "2022-05-01", "topic": "谈心", "initiator": elsewhere.pk,
        "counterparts": [inside.pk]})
    assert response.status_code == 200 and "initiator" in response.context["form"].errors
    # Found by tests/test_fuzz_forms.py: "¹" passes str.isdigit() and is no organization id.
    assert client.post(reverse("evaluations:talk_create"), {"organization": "¹"}).status_code == 200


def test_no_query_or_parameter_gives_a_server_error(world, namesakes):
    """Hypothesis: any text in q and in every parameter of every kind → 200 or 400, never a 500."""
    from django.test import Client
    from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

    from ali_party.pickers import all_kinds
    scary = st.sampled_from(["", "0", "-1", "9" * 40, "²", "１２３", "2022-02-30", "village,planet", "%", "\x00",
                             "x" * 5000, "'; DROP TABLE x; --", "1", "4"])
    text = st.one_of(scary, st.text(max_size=30))
    kinds = {kind.name: sorted(kind.all_params()) for kind in all_kinds()}

    @hsettings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(kind=st.sampled_from(sorted(kinds)), data=st.data())
    def ask_anything(kind, data):
        params = data.draw(st.dictionaries(st.sampled_from(kinds[kind] + ["q", "bogus"]), text, max_size=3))
        client = Client(raise_request_exception=False)
        client.force_login(world.alice)
        response = client.get(reverse("pickers:pick", args=[kind]), params)
        assert response.status_code in (200, 400), (kind, params, response.status_code)

    ask_anything()
