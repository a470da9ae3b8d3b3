"""The lapse page (scoped, read-only, 5 months first, counts per branch, flat query count), the
reminders, the member-life section and the dashboard's to-do panel."""
import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ali_party import member_life
from ali_party.reminders import counts_for, reminders_for
from evaluations.tests.factories import bulk_members
from lapse.models import LapseWarning
from lapse.services import warnings_compute

from . import world as w_

URL = reverse("lapse:warning_list")
KIND = "连续未参加组织生活或未交纳党费"


def built(world):
    w = w_.build(world)
    warnings_compute(today=w_.TODAY)
    return w


def names(response):
    return [(r.member.name, r.kind, r.months) for r in response.context["page_obj"]]


def test_it_lists_the_county_s_warnings_five_months_first(client_for, world):
    built(world)
    response = client_for(world.alice).get(URL)
    assert response.status_code == 200
    rows = names(response)
    assert rows[:2] == [("卓玛", "attendance", 5), ("卓玛", "dues", 5)]
    assert sorted(rows[2:]) == [("扎西", "attendance", 3), ("次仁", "attendance", 3), ("次仁", "dues", 4)]
    assert "普布" not in response.content.decode()  # the other county's member
    assert response.context["branch_counts"] == [{
        "organization_id": world.org_a1.pk, "organization__name": "加木村党支部",
        "organization__area__name": "加木村", "organization__area__path": world.village_a1.path,
        "members": 3, "longest": 5}]


def test_filters_by_kind_level_and_township(client_for, world):
    built(world)
    client = client_for(world.carol)
    assert sorted(names(client.get(URL, {"kind": "dues"}))) == [("卓玛", "dues", 5), ("次仁", "dues", 4)]
    assert [n for n, *_ in names(client.get(URL, {"level": "5"}))] == ["卓玛", "卓玛"]
    assert {n for n, *_ in names(client.get(URL, {"county": world.county_b.pk}))} == {"普布"}
    assert names(client.get(URL, {"county": world.county_a.pk, "township": world.township_a2.pk})) == []


def test_scope_and_roles(client_for, world):
    built(world)
    assert {n for n, *_ in names(client_for(world.bob).get(URL))} == {"普布"}
    assert len(names(client_for(world.dave).get(URL))) == 6  # the prefecture viewer reads everything
    assert client_for(world.dave).post(URL, {}).status_code == 405  # nothing to write here
    assert client_for(world.erin).get(URL).status_code == 403
    assert client_for(world.sam).get(URL).status_code == 403


def test_the_list_costs_the_same_queries_with_more_rows(client_for, world, django_assert_max_num_queries):
    built(world)
    client = client_for(world.alice)
    client.get(URL)
    with django_assert_max_num_queries(14):
        client.get(URL)
    more = bulk_members(world.org_a1, 40)
    for month in w_.MONTHS:
        w_.roll(world.org_a1, month, absent=more)
    warnings_compute(today=w_.TODAY)
    with django_assert_max_num_queries(14):
        response = client.get(URL)
    assert response.context["table"].paginator.count == 45


def test_one_reminder_per_member_in_scope(world):
    built(world)
    found = [r for r in reminders_for(world.alice, w_.TODAY) if r.kind == KIND]
    assert sorted(r.text.split("：")[0] for r in found) == ["卓玛", "扎西", "次仁"]
    zhuoma = next(r for r in found if r.text.startswith("卓玛"))
    assert zhuoma.overdue and "连续5个月" in zhuoma.text and zhuoma.organization == world.org_a1
    # (other sources, such as the 述职评议 reminders of December, count their own kinds)
    assert counts_for(world.alice, w_.TODAY)[KIND] == 3
    assert counts_for(world.bob, w_.TODAY)[KIND] == 1
    assert [r for r in reminders_for(world.bob, w_.TODAY) if r.kind == KIND][0].text.startswith("普布")


def test_the_reminders_page_shows_them(client_for, world):
    built(world)
    body = client_for(world.alice).get(reverse("evaluations:reminder_list")).content.decode()
    assert KIND in body and "卓玛" in body and "普布" not in body


def test_the_member_life_section(client_for, world):
    w = built(world)
    section = next(s for s in member_life.sections() if s.key == "lapse")
    assert [x.kind for x in section.rows(w.five)] == ["attendance", "dues"]
    assert section.rows(w.ok) == []


def test_the_dashboard_to_do_panel_counts_the_user_s_reminders(client_for, world):
    built(world)
    client = client_for(world.alice)
    url = reverse("indicators:area_dashboard", args=[world.county_a.pk])
    body = client.get(url).content.decode()
    assert "待办提醒" in body and f"{KIND}：<strong>3</strong>" in body
    assert reverse("evaluations:reminder_list") in body
    with CaptureQueriesContext(connection) as few:
        client.get(url)  # the cached page: only the panel is counted afresh
    more = bulk_members(world.org_a1, 30)
    LapseWarning.objects.bulk_create([LapseWarning(
        member=m, organization=world.org_a1, kind="dues", months=3, first_month=datetime.date(2024, 4, 1),
        last_month=datetime.date(2024, 6, 1), computed_on=w_.TODAY) for m in more])
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert f"{KIND}：<strong>33</strong>" in body  # not cached with the page
    assert len(many) == len(few)
