import re

import pytest
from django.urls import reverse

from indicators import services


def test_clerk_is_sent_to_own_county_dashboard(client_for, world):
    response = client_for(world.alice).get(reverse("indicators:index"))
    assert response.status_code == 302
    assert response.url == reverse("indicators:area_dashboard", args=[world.county_a.pk])


def test_clerk_gets_404_for_prefecture_and_other_county(client_for, world):
    client = client_for(world.alice)
    assert client.get(reverse("indicators:area_dashboard", args=[world.root.pk])).status_code == 404
    assert client.get(reverse("indicators:area_dashboard", args=[world.county_b.pk])).status_code == 404
    assert client.get(reverse("indicators:area_dashboard", args=[world.village_a1.pk])).status_code == 200


def kpi_values(html: str) -> dict[str, str]:
    """Every KPI card's displayed value, by indicator code."""
    return dict(re.findall(r'data-code="([^"]+)">.*?<span class="kpi-value">([^<]*)</span>', html, re.S))


def test_empty_year_shows_no_data_not_500(client_for, world):
    from branches.models import PartyOrganization
    PartyOrganization.objects.update(founded_on="2021-01-01")  # the world's three branches: none yet in 2019
    services.recompute(years=[2019, 2022])
    client = client_for(world.carol)
    url = reverse("indicators:area_dashboard", args=[world.root.pk])
    response = client.get(url, {"year": 2019})
    assert response.status_code == 200
    html = response.content.decode()
    assert "无数据：该年度在此区域尚无记录或尚未计算。" in html
    assert kpi_values(html)["org.organizations.branch"] == "0"
    assert set(kpi_values(html).values()) <= {"0", "0.00", "无数据"}
    # 2022 has the three branches: no such notice, and the card counts them.
    html = client.get(url, {"year": 2022}).content.decode()
    assert "无数据：该年度在此区域尚无记录或尚未计算。" not in html
    assert kpi_values(html)["org.organizations.branch"] == "3"


def test_read_only_viewer_cannot_queue_recompute(client_for, world):
    assert client_for(world.dave).post(reverse("indicators:recompute")).status_code == 403


@pytest.mark.parametrize("persona", ["alice", "tess", "dave", "sam", "erin"])
def test_only_prefecture_staff_may_queue_a_whole_recompute(client_for, world, persona):
    from indicators.models import DirtyMark

    client = client_for(getattr(world, persona))
    assert client.post(reverse("indicators:recompute")).status_code == 403
    assert not DirtyMark.objects.exists()


def test_the_recompute_button_shows_for_prefecture_staff_only(client_for, world):
    recompute = reverse("indicators:recompute")
    county = client_for(world.alice).get(reverse("indicators:area_dashboard", args=[world.county_a.pk]))
    assert county.status_code == 200 and recompute not in county.content.decode()
    prefecture = client_for(world.carol).get(reverse("indicators:area_dashboard", args=[world.root.pk]))
    assert recompute in prefecture.content.decode()


def test_dashboard_query_count_is_flat(client_for, world, django_assert_max_num_queries):
    from branches.models import PartyOrganization
    client = client_for(world.carol)
    url = reverse("indicators:area_dashboard", args=[world.root.pk])
    services.recompute(years=[2022])
    # 15 before the recompute queue, + the complete years (once per snapshot version) + whether
    # changes wait in the queue (every request), + the 待办提醒 panel: each registered reminder
    # source's counting queries (every request; development's reads its members in 4).
    with django_assert_max_num_queries(25):
        assert client.get(url, {"year": 2022}).status_code == 200
    PartyOrganization.objects.bulk_create([
        PartyOrganization(name=f"支部{i}", kind="branch", area=world.village_b1, founded_on="2021-01-01")
        for i in range(60)])
    services.recompute(years=[2022])
    with django_assert_max_num_queries(25):
        assert client.get(url, {"year": 2022}).status_code == 200


def months(html: str) -> str:
    """The monthly activity chart's values, as the page's chart data writes them."""
    return re.search(r'"months": \{"names": \[[^\]]*\], "values": \[([^\]]*)\]', html).group(1)


def test_monthly_activity_chart_comes_from_snapshots(client_for, world):
    import json

    from activities.tests.factories import ActivityFactory
    from django.core.cache import cache

    def chart(area):
        html = client.get(reverse("indicators:area_dashboard", args=[area.pk]), {"year": 2022}).content.decode()
        return html, json.loads(html.split('<script id="chart-data" type="application/json">')[1]
                                .split("</script>")[0])["months"]["values"]

    client = client_for(world.carol)
    ActivityFactory.create_batch(2, organization=world.org_a1, held_on="2022-03-05")
    ActivityFactory(organization=world.org_b1, held_on="2022-11-20")
    services.recompute(years=[2022])
    html, values = chart(world.root)
    assert values == [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0]
    assert 'data-code="activities.month_03"' not in html  # a chart series, not a KPI card
    assert chart(world.county_a)[1] == [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]  # county B's November is not A's
    # From the snapshots, not from the records: a new activity shows only once a recompute stored it
    # (nothing cached either way: the cache is emptied before each look).
    ActivityFactory(organization=world.org_a1, held_on="2022-03-28")
    cache.clear()
    assert chart(world.root)[1] == [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0]
    services.recompute(years=[2022])
    cache.clear()
    assert chart(world.root)[1] == [0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0]


def test_dashboard_body_is_rendered_once_per_recompute_run_and_never_stale(client_for, world):
    from activities.tests.factories import ActivityFactory
    client = client_for(world.carol)
    url = reverse("indicators:area_dashboard", args=[world.root.pk])
    ActivityFactory(organization=world.org_a1, held_on="2022-03-05")
    services.recompute(years=[2022])

    first = client.get(url, {"year": 2022}).content.decode()
    assert months(first) == "0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0"
    # The same page again reads no snapshot: only the page's own queries (session, user, area,
    # default year, runs) remain.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    with CaptureQueriesContext(connection) as cold_free:
        again = client.get(url, {"year": 2022}).content.decode()
    assert months(again) == months(first)
    assert not any("indicators_indicatorsnapshot" in q["sql"] for q in cold_free.captured_queries)
    # A recompute run (new records) changes the key: the new figure shows at once.
    ActivityFactory(organization=world.org_b1, held_on="2022-03-20")
    services.recompute(years=[2022])
    assert months(client.get(url, {"year": 2022}).content.decode()) == "0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0"
    # So does a run that is still going (its progress is part of the key).
    from indicators.models import RecomputeRun
    RecomputeRun.objects.create(status=RecomputeRun.Status.RUNNING)
    with CaptureQueriesContext(connection) as rendered:
        client.get(url, {"year": 2022})
    assert any("indicators_indicatorsnapshot" in q["sql"] for q in rendered.captured_queries)


def test_a_run_asked_for_earlier_that_finishes_later_still_refreshes_the_dashboard(client_for, world):
    from activities.tests.factories import ActivityFactory
    from indicators.models import RecomputeRun
    client = client_for(world.carol)
    url = reverse("indicators:area_dashboard", args=[world.root.pk])
    earlier = RecomputeRun.objects.create()  # queued first, picked up last (two workers)
    services.recompute(years=[2022])  # a later run, done
    assert months(client.get(url, {"year": 2022}).content.decode()) == "0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0"
    ActivityFactory(organization=world.org_a1, held_on="2022-03-05")
    services.recompute(years=[2022], run=earlier)  # the latest run by request time is unchanged
    assert months(client.get(url, {"year": 2022}).content.decode()) == "0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0"


def test_a_page_served_from_the_cache_carries_this_sessions_csrf_token(world):
    from django.test import Client
    services.recompute(years=[2022])
    url = reverse("indicators:area_dashboard", args=[world.root.pk])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(world.carol)
    second.force_login(world.carol)  # the same user in another browser: another CSRF cookie
    first.get(url, {"year": 2022})
    page = second.get(url, {"year": 2022})  # from the cache filled by the first browser
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()))
    assert len(tokens) == 1 and "csrf-token-of-this-request" not in page.content.decode()
    response = second.post(reverse("set_language"), {"language": "en", "next": url,
                                                     "csrfmiddlewaretoken": tokens.pop()})
    assert response.status_code == 302  # accepted: not a 403 CSRF failure


def test_the_cached_page_is_per_user(client_for, world):
    services.recompute(years=[2022])
    url = reverse("indicators:area_dashboard", args=[world.county_a.pk])
    assert world.carol.username in client_for(world.carol).get(url).content.decode()
    page = client_for(world.alice).get(url).content.decode()
    assert world.alice.username in page and world.carol.username not in page


def test_a_planted_name_never_shows_the_viewers_csrf_token(world):
    """Issue 17 Low 13: the cached page's placeholder was a fixed text, so a county named after it
    showed each viewer their own CSRF token. The placeholder is now secret (derived from SECRET_KEY)."""
    from django.test import Client
    from branches.models import Area
    planted = Area.objects.add_child(world.root, instance=Area(name="csrf-token-of-this-request县",
                                                              level=Area.Level.COUNTY))
    services.recompute(years=[2022])
    client = Client()
    client.force_login(world.carol)
    page = client.get(reverse("indicators:area_dashboard", args=[world.root.pk]), {"year": 2022}).content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert tokens and len(set(tokens)) == 1
    assert "csrf-token-of-this-request县" in page  # the name, shown as it is
    assert page.count(tokens[0]) == len(tokens)  # the token only in the forms
    assert planted.pk


def test_the_dashboard_title_and_month_labels_are_translated(client_for, world):
    """Issue 18, item 7: the English title read "2022Year Party-building…" and the months "1月"."""
    import json

    from django.conf import settings
    from django.utils import translation

    def months(html):
        data = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S).group(1)
        return json.loads(data)["months"]["names"]

    client = client_for(world.carol)
    url = reverse("indicators:area_dashboard", args=[world.root.pk])
    zh = client.get(url, {"year": 2022}).content.decode()
    assert "阿里地区 2022年度党建标准化指标" in zh and months(zh)[:2] == ["1月", "2月"]
    client.cookies["django_language"] = "en"
    try:
        en = client.get(url, {"year": 2022}).content.decode()
    finally:
        translation.activate(settings.LANGUAGE_CODE)  # the locale middleware leaves English active
    assert "阿里地区: party-building standardization indicators, 2022" in en
    assert months(en) == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
