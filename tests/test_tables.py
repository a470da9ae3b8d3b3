"""The list tables (ali_party/tables.py, issue 18 item 3): every list sorts by its visible columns
(never by an encrypted one), an unknown sort or page size is ignored, the pagination has first /
last links and a window of page numbers, the filters, sort and page size are kept from page to
page, and a list's query count does not grow with its rows."""
import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from activities.tests.factories import ActivityFactory
from ali_party.generic import ScopedListView
from ali_party.tables import DEFAULT_PER_PAGE, PER_PAGE_CHOICES, clean_per_page, stable_ordering
from ali_party.templatetags.listing import page_window
from branches.models import PartyOrganization
from branches.tests.factories import PartyOrganizationFactory
from cadres.models import Gender, PartyMember
from cadres.tests.factories import PartyMemberFactory, TwoCommitteeMemberFactory
from evaluations.models import OrganizationLifeMeeting
from evaluations.tests.factories import kind as meeting_kind
from funding.tests.factories import CollectiveEconomyProjectFactory

D = datetime.date


def _list_views():
    """(URL name, view class) of every list page built on ScopedListView."""
    found = []

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "view_class", None)
                if view_class and issubclass(view_class, ScopedListView) and pattern.name:
                    found.append((f"{namespace}:{pattern.name}" if namespace else pattern.name, view_class))

    walk(get_resolver().url_patterns, None)
    return sorted(found, key=lambda item: item[0])


LIST_VIEWS = _list_views()


def _names(response):
    return [row.record for row in response.context["table"].page.object_list]


def _member(world, name, **fields):
    fields.setdefault("organization", world.org_a1)
    return PartyMemberFactory(name=name, **fields)


# -- every list ---------------------------------------------------------------------------------

def test_every_list_page_has_a_table():
    assert len(LIST_VIEWS) >= 34  # the 34 lists of the six pillars (fewer means a URL went missing)
    for name, view_class in LIST_VIEWS:
        assert view_class.table_class is not None, name


@pytest.mark.parametrize("url_name, view_class", LIST_VIEWS, ids=[name for name, _ in LIST_VIEWS])
def test_every_orderable_column_sorts_both_ways(client_for, world, url_name, view_class):
    """Each orderable column's order_by names real fields (the database refuses an unknown one)."""
    client = client_for(world.carol)
    table = view_class.table_class([])
    orderable = [column.name for column in table.columns if column.orderable]
    assert orderable, url_name
    for name in orderable:
        for alias in (name, f"-{name}"):
            response = client.get(reverse(url_name), {"sort": alias})
            assert response.status_code == 200, (url_name, alias)
            assert [str(o) for o in response.context["table"].order_by] == [alias]


@pytest.mark.parametrize("url_name, view_class", LIST_VIEWS, ids=[name for name, _ in LIST_VIEWS])
def test_a_nonsense_sort_page_or_page_size_is_ignored(client_for, world, url_name, view_class):
    client = client_for(world.carol)
    for params in ({"sort": "nonsense"}, {"sort": "-"}, {"sort": ",,"}, {"sort": "pk__password"},
                   {"per_page": "0"}, {"per_page": "-3"}, {"per_page": "100000"}, {"per_page": "x"},
                   {"page": "abc"}, {"page": "999999999999999999999"}, {"page": "-1"}):
        response = client.get(reverse(url_name), params)
        assert response.status_code == 200, (url_name, params)
        table = response.context["table"]
        assert table.paginator.per_page == DEFAULT_PER_PAGE
        if "sort" in params:
            assert list(table.order_by) == []


def test_the_page_size_is_one_of_the_choices():
    assert [clean_per_page(value) for value in ("20", 50, "100", "200", "37", "0", None, "", "1e3")] == [
        20, 50, 100, 200, DEFAULT_PER_PAGE, DEFAULT_PER_PAGE, DEFAULT_PER_PAGE, DEFAULT_PER_PAGE, DEFAULT_PER_PAGE]
    assert PER_PAGE_CHOICES == (20, 50, 100, 200)


def test_every_ordering_ends_with_the_primary_key(world):
    assert stable_ordering(PartyMember.objects.order_by("gender")).query.order_by == ("gender", "pk")
    assert stable_ordering(PartyMember.objects.order_by("-birth_date", "name")).query.order_by == (
        "-birth_date", "name", "pk")
    # A model ordering is kept and completed; one that already ends with the key is left alone.
    assert stable_ordering(PartyOrganization.objects.all()).query.order_by == ("area__path", "name", "pk")
    assert stable_ordering(OrganizationLifeMeeting.objects.all()).query.order_by == ()


# -- sorting by values made here ----------------------------------------------------------------

def test_the_member_list_sorts_by_name_age_and_organization(client_for, world):
    b = _member(world, "阿拉B", birth_date=D(1970, 3, 1))
    c = _member(world, "阿拉C", birth_date=D(1990, 3, 1), organization=world.org_a2)
    a = _member(world, "阿拉A", birth_date=D(1980, 3, 1))
    client = client_for(world.alice)
    url = reverse("cadres:member_list")
    assert _names(client.get(url, {"sort": "name"})) == [a, b, c]
    assert _names(client.get(url, {"sort": "-name"})) == [c, b, a]
    # Age: 1990 is the youngest (the smallest age first when sorted up).
    assert _names(client.get(url, {"sort": "age"})) == [c, a, b]
    assert _names(client.get(url, {"sort": "-age"})) == [b, a, c]
    # 加木村党支部 (org_a1) < 昆莎一村党支部 (org_a2) by code point; ties (a, b) by primary key.
    assert _names(client.get(url, {"sort": "organization"}))[-1] == c


def test_the_member_list_cannot_sort_by_id_number_or_phone(client_for, world):
    _member(world, "阿拉A", phone="13800000000")
    _member(world, "阿拉B")
    client = client_for(world.alice)
    response = client.get(reverse("cadres:member_list"), {"sort": "masked_id_number"})
    assert list(response.context["table"].order_by) == []
    response = client.get(reverse("cadres:member_list"), {"sort": "-masked_phone"})
    assert list(response.context["table"].order_by) == []
    html = response.content.decode()
    assert "sort=masked_id_number" not in html and "sort=masked_phone" not in html
    assert 'href="?sort=name' in html  # the name header does sort
    assert "542524************" in html  # still shown masked


def test_the_meeting_list_sorts_by_date_topic_and_absences(client_for, world):
    study = meeting_kind("nine_study")

    def meeting(topic, held_on, expected, present):
        return OrganizationLifeMeeting.objects.create(organization=world.org_a1, kind=study, held_on=held_on,
                                                      topic=topic, expected_count=expected,
                                                      present_count=present)

    x = meeting("C学习", D(2022, 3, 1), 10, 7)   # 3 absent
    y = meeting("A学习", D(2022, 1, 1), 10, 10)  # 0 absent
    z = meeting("B学习", D(2022, 2, 1), 9, 4)    # 5 absent
    client = client_for(world.alice)
    url = reverse("evaluations:meeting_list")
    assert _names(client.get(url)) == [x, z, y]  # unsorted: the newest first
    assert _names(client.get(url, {"sort": "held_on"})) == [y, z, x]
    assert _names(client.get(url, {"sort": "topic"})) == [y, z, x]
    assert _names(client.get(url, {"sort": "absent_count"})) == [y, x, z]
    assert _names(client.get(url, {"sort": "-absent_count"})) == [z, x, y]
    assert _names(client.get(url, {"sort": "-present_count"})) == [y, x, z]


def test_the_activity_list_sorts_by_participants_and_village(client_for, world):
    a = ActivityFactory(organization=world.org_a2, participants=30, held_on=D(2022, 5, 1))
    b = ActivityFactory(organization=world.org_a1, participants=5, held_on=D(2022, 5, 2))
    c = ActivityFactory(organization=world.org_a1, participants=12, held_on=D(2022, 5, 3))
    client = client_for(world.alice)
    url = reverse("activities:activity_list")
    assert _names(client.get(url, {"sort": "participants"})) == [b, c, a]
    assert _names(client.get(url, {"sort": "-participants"})) == [a, c, b]
    # By the tree: 村A1 (under 狮泉河镇) comes before 村A2 (under 昆莎乡); ties by primary key.
    assert _names(client.get(url, {"sort": "village"})) == [b, c, a]
    assert _names(client.get(url, {"sort": "-village"})) == [a, b, c]


def test_the_project_list_sorts_by_money(client_for, world):
    small = CollectiveEconomyProjectFactory(village=world.village_a1, central_support_funds=Decimal("100000"),
                                            income_generated=Decimal("900"))
    big = CollectiveEconomyProjectFactory(village=world.village_a1, central_support_funds=Decimal("900000"),
                                          income_generated=Decimal("50"))
    client = client_for(world.alice)
    url = reverse("funding:project_list")
    assert _names(client.get(url, {"sort": "central_support_funds"})) == [small, big]
    assert _names(client.get(url, {"sort": "income_generated"})) == [big, small]


def test_the_committee_list_sorts_by_term(client_for, world):
    late = TwoCommitteeMemberFactory(village=world.village_a1, term_start=D(2021, 6, 1))
    early = TwoCommitteeMemberFactory(village=world.village_a1, term_start=D(2018, 1, 1), term_end=D(2020, 12, 31))
    client = client_for(world.alice)
    url = reverse("cadres:committee_list")
    assert _names(client.get(url, {"sort": "term"})) == [early, late]
    assert _names(client.get(url, {"sort": "-term"})) == [late, early]
    html = client.get(url).content.decode()
    assert "2018-01-01 — 2020-12-31" in html


def test_rows_that_tie_keep_their_place_from_page_to_page(client_for, world):
    """45 members of one gender sorted by gender, 20 a page: the three pages hold every member once."""
    members = [_member(world, f"同名{i % 3}", gender=Gender.MALE) for i in range(45)]
    client = client_for(world.alice)
    seen = []
    for page in (1, 2, 3):
        seen += _names(client.get(reverse("cadres:member_list"), {"sort": "gender", "per_page": 20, "page": page}))
    assert seen == sorted(members, key=lambda m: m.pk)


# -- page size and pagination -------------------------------------------------------------------

def test_the_page_size_choice(client_for, world):
    for i in range(45):
        _member(world, f"党员{i:02d}")
    client = client_for(world.alice)
    url = reverse("cadres:member_list")
    assert len(_names(client.get(url, {"per_page": 20}))) == 20
    assert len(_names(client.get(url, {"per_page": 37}))) == 45  # not a choice: the default 50
    html = client.get(url, {"per_page": 20, "name": "党员", "page": 2}).content.decode()
    # The other sizes are links that keep the filter and start again at page 1.
    assert re.search(r'href="\?[^"]*per_page=100', html)
    assert 'per_page=100&amp;page=' not in html
    assert "<strong class=\"mx-1\">20</strong>" in html


@pytest.fixture
def meetings_130(world):
    study = meeting_kind("nine_study")
    OrganizationLifeMeeting.objects.bulk_create([
        OrganizationLifeMeeting(organization=world.org_a1, kind=study, held_on=D(2022, 1, 1) + datetime.timedelta(i),
                                topic=f"学习{i}") for i in range(130)])


def test_the_pagination_has_first_last_and_a_window_of_pages(client_for, world, meetings_130):
    client = client_for(world.alice)
    response = client.get(reverse("evaluations:meeting_list"),
                          {"year": 2022, "sort": "-held_on", "per_page": 20, "page": 4})
    html = response.content.decode()
    assert "第 4 / 7 页，共 130 条" in html
    links = re.findall(r'<a class="page-link" href="([^"]+)"', html)
    pages = [re.search(r"(?:\?|&amp;)page=(\d+)", link).group(1) for link in links]
    # 首页, 上一页, 1 2 3 [4] 5 6 7, 下一页, 末页
    assert pages == ["1", "3", "1", "2", "3", "5", "6", "7", "5", "7"]
    for link in links:  # the filter, the sort and the page size go along
        assert "year=2022" in link and "sort=-held_on" in link and "per_page=20" in link
    assert '<li class="page-item active" aria-current="page"><span class="page-link">4</span>' in html
    assert "首页" in html and "末页" in html


def test_a_page_past_the_end_shows_the_last_page(client_for, world, meetings_130):
    response = client_for(world.alice).get(reverse("evaluations:meeting_list"), {"per_page": 20, "page": 99})
    assert response.context["table"].page.number == 7
    assert "第 7 / 7 页，共 130 条" in response.content.decode()


def test_the_page_window():
    class Page:
        def __init__(self, number, pages):
            self.number = number
            self.paginator = type("P", (), {"num_pages": pages})

    assert page_window(Page(1, 1)) == [1]
    assert page_window(Page(1, 212)) == [1, 2, 3, None, 212]
    assert page_window(Page(100, 212)) == [1, None, 98, 99, 100, 101, 102, None, 212]
    assert page_window(Page(4, 7)) == [1, 2, 3, 4, 5, 6, 7]
    assert page_window(Page(212, 212)) == [1, None, 210, 211, 212]


def test_sorting_goes_back_to_the_first_page_and_keeps_the_filter(client_for, world, meetings_130):
    html = client_for(world.alice).get(reverse("evaluations:meeting_list"),
                                       {"year": 2022, "page": 2, "per_page": 20}).content.decode()
    link = re.search(r'<a class="sort-link" href="([^"]+)">主题', html).group(1)
    assert "sort=topic" in link and "year=2022" in link and "page=1" in link and "per_page=20" in link


# -- filters on a phone -------------------------------------------------------------------------

def test_the_filters_fold_away_unless_one_is_set(client_for, world):
    client = client_for(world.alice)
    url = reverse("evaluations:meeting_list")
    plain = client.get(url).content.decode()
    assert 'class="collapse d-md-block d-print-none filters" id="list-filters"' in plain
    assert 'data-bs-target="#list-filters" aria-expanded="false"' in plain
    filtered = client.get(url, {"year": 2022, "sort": "topic"}).content.decode()
    assert 'class="collapse d-md-block d-print-none filters show" id="list-filters"' in filtered
    # The filter form sends the sort along (a new filter starts at page 1).
    assert '<input type="hidden" name="sort" value="topic">' in filtered
    sorted_only = client.get(url, {"sort": "topic"}).content.decode()
    assert 'filters show' not in sorted_only


# -- query counts -------------------------------------------------------------------------------

def _grow_members(world, n):
    for _ in range(n):
        PartyMemberFactory(organization=world.org_a1, phone="13800000000")


def _grow_meetings(world, n):
    study = meeting_kind("nine_study")
    OrganizationLifeMeeting.objects.bulk_create([OrganizationLifeMeeting(
        organization=world.org_a1, kind=study, held_on=D(2022, 3, 1), topic="学习") for _ in range(n)])


GROW = {
    "cadres:member_list": ("age", _grow_members),
    "evaluations:meeting_list": ("-absent_count", _grow_meetings),
    "branches:organization_list": ("-member_count", lambda w, n: PartyOrganizationFactory.create_batch(
        n, area=w.village_a1)),
    "activities:activity_list": ("village", lambda w, n: ActivityFactory.create_batch(n, organization=w.org_a1)),
    "cadres:committee_list": ("term", lambda w, n: [TwoCommitteeMemberFactory(
        village=w.village_a1, member=PartyMemberFactory(organization=w.org_a1)) for _ in range(n)]),
    "funding:project_list": ("-income_generated", lambda w, n: CollectiveEconomyProjectFactory.create_batch(
        n, village=w.village_a1)),
}


@pytest.mark.parametrize("url_name", list(GROW))
def test_a_sorted_list_runs_as_many_queries_for_5_rows_as_for_50(client_for, world, url_name):
    sort, grow = GROW[url_name]
    client = client_for(world.alice)
    counts = []
    for n in (5, 45):
        grow(world, n)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(url_name), {"sort": sort, "per_page": 100})
        assert response.status_code == 200
        counts.append(len(queries.captured_queries))
    assert len(_names(response)) >= 50
    assert counts[0] == counts[1], counts


# -- printing -----------------------------------------------------------------------------------

def test_pages_link_the_print_stylesheet_and_the_meeting_record_has_a_print_button(client_for, world):
    meeting = OrganizationLifeMeeting.objects.create(organization=world.org_a1, kind=meeting_kind("nine_study"),
                                                     held_on=D(2022, 3, 1), topic="学习")
    html = client_for(world.dave).get(meeting.get_absolute_url()).content.decode()  # read-only prints too
    assert 'href="/static/css/print.css" media="print"' in html
    assert '<script src="/static/js/print.js"></script>' in html
    assert re.search(r'<button type="button" class="btn btn-outline-secondary d-print-none" data-print>', html)
    assert "<script>" not in html  # the CSP refuses inline scripts: the button works from print.js


def test_the_print_stylesheet_leaves_out_navigation_and_actions():
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/print.css"), encoding="utf-8").read()
    assert "@media print" in css
    hidden = css.split("{ display: none !important; }")[0]
    for selector in (".navbar", ".breadcrumb", ".pagination", ".filters", ".btn", "form", ".d-print-none"):
        assert selector in hidden, selector


# -- the admin's account list -------------------------------------------------------------------

def test_the_account_list_sorts_and_its_query_count_is_flat(client_for, world):
    from conftest import make_user
    from ali_party.scoping import Role

    client = client_for(world.sam)
    url = reverse("accounts:user_list")
    usernames = [row.record.username for row in client.get(url, {"sort": "-username"}).context["table"].page]
    assert usernames == ["tess", "sam", "erin", "dave", "carol", "bob", "alice"]
    counts = []
    for n, start in ((5, 0), (45, 5)):
        for i in range(start, start + n):
            make_user(f"clerk{i:02d}", Role.COUNTY_CLERK, world.county_a)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"sort": "scope_area", "per_page": 100}).status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1], counts


# -- lists computed in Python (sorted in memory) ------------------------------------------------

def test_the_pipeline_sorts_by_name_and_by_the_earliest_day(client_for, world):
    def candidate(name, admitted_on):
        return _member(world, name, stage=PartyMember.Stage.PROBATIONARY, admitted_on=admitted_on,
                       full_member_on=None)

    b = candidate("阿拉B", D(2021, 9, 1))   # may become a full member on 2022-09-01
    a = candidate("阿拉A", D(2022, 1, 1))   # 2023-01-01
    c = candidate("阿拉C", D(2021, 5, 1))   # 2022-05-01
    client = client_for(world.alice)

    def names(params):
        table = client.get(reverse("cadres:pipeline"), {"on": "2022-03-01", **params}).context["table"]
        return [row.record.member for row in table.page]

    assert names({"sort": "name"}) == [a, b, c]
    assert names({"sort": "-name"}) == [c, b, a]
    assert names({"sort": "earliest_on"}) == [c, b, a]
    assert names({"sort": "-days_left"}) == [a, b, c]
    assert client.get(reverse("cadres:pipeline"), {"sort": "blockers", "per_page": 0}).status_code == 200


@pytest.mark.parametrize("url_name, persona", [("cadres:pipeline", "carol"), ("evaluations:compliance", "carol"),
                                               ("accounts:user_list", "sam")])
def test_the_function_view_lists_sort_by_every_orderable_column(client_for, world, url_name, persona):
    client = client_for(getattr(world, persona))
    table = client.get(reverse(url_name)).context["table"]
    for name in [column.name for column in table.columns if column.orderable]:
        for alias in (name, f"-{name}"):
            response = client.get(reverse(url_name), {"sort": alias, "page": "x", "per_page": "7"})
            assert response.status_code == 200, (url_name, alias)
            assert [str(o) for o in response.context["table"].order_by] == [alias]


def test_the_pipeline_filters_fold_away_too_and_keep_their_shortcut(client_for, world):
    client = client_for(world.alice)
    url = reverse("cadres:pipeline")
    plain = client.get(url).content.decode()
    assert 'class="collapse d-md-block d-print-none filters" id="list-filters"' in plain
    assert '<a class="btn btn-link mb-3" href="?due_within=30&amp;stage=4">30天内预备期满</a>' in plain
    filtered = client.get(url, {"stage": 4}).content.decode()
    assert 'class="collapse d-md-block d-print-none filters show" id="list-filters"' in filtered
