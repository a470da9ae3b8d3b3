"""Pages of the pillar: scoping (404 outside the county, 403 for read-only and non-business roles),
bad input shown on the form, and list pages with a flat query count."""
from datetime import date

import pytest
from django.urls import reverse

from branches import services
from branches.models import (
    Area, CommitteePost, Designation, Measure, PartyOrganization, Rectification, StandardItem,
)
from branches.tests.records import case, category, checklist, kind, one_of_each


@pytest.fixture
def records_b(world):
    return one_of_each(world.carol, world.org_b1)


def object_urls(world, r):
    return [
        ("branches:organization_status", world.org_b1.pk), ("branches:post_create", world.org_b1.pk),
        ("branches:post_update", r["post"].pk), ("branches:designation_update", r["designation"].pk),
        ("branches:programme_update", r["enrollment"].pk), ("branches:assessment_update", r["assessment"].pk),
        ("branches:rectification_update", r["rectification"].pk),
        ("branches:rectification_close", r["rectification"].pk),
        ("branches:person_create", r["rectification"].pk), ("branches:measure_create", r["rectification"].pk),
        ("branches:measure_update", r["measure"].pk), ("branches:review_create", r["rectification"].pk),
    ]


def snapshot():
    return (list(PartyOrganization.objects.values_list("name", "status")), CommitteePost.objects.count(),
            list(Designation.objects.values_list("year", "note")), Measure.objects.count(),
            list(Rectification.objects.values_list("status", "description")))


def test_it_hides_other_county_objects_everywhere(client_for, world, records_b):
    client = client_for(world.alice)
    before = snapshot()
    assert client.get(reverse("branches:rectification_detail", args=[records_b["rectification"].pk])).status_code == 404
    for name, pk in object_urls(world, records_b):
        url = reverse(name, args=[pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"name": "被篡改", "status": "dissolved", "status_changed_on": "2023-01-01",
                                 "description": "x", "year": "2022", "closed_on": "2023-01-01"}).status_code == 404, name
    assert snapshot() == before


def test_it_gives_read_only_viewer_403_on_writes(client_for, world, records_b):
    client = client_for(world.dave)
    before = snapshot()
    assert client.get(reverse("branches:rectification_detail", args=[records_b["rectification"].pk])).status_code == 200
    for name, pk in object_urls(world, records_b):
        url = reverse(name, args=[pk])
        assert client.get(url).status_code == 403, name
        assert client.post(url, {"description": "x"}).status_code == 403, name
    for name in ("designation_create", "programme_create", "assessment_create", "rectification_create"):
        assert client.post(reverse(f"branches:{name}"), {}).status_code == 403
    assert snapshot() == before


LISTS = ["index", "organization_list", "designation_list", "programme_list", "assessment_list",
         "rectification_list", "overdue_measures"]


@pytest.mark.parametrize("persona", ["sam", "erin"])
def test_it_refuses_admin_and_auditor(client_for, world, records_b, persona):
    client = client_for(getattr(world, persona))
    for name in LISTS:
        assert client.get(reverse(f"branches:{name}")).status_code == 403, name
    for name, pk in object_urls(world, records_b):
        assert client.get(reverse(name, args=[pk])).status_code == 403, name


def test_it_lists_only_own_county(client_for, world, records_b):
    one_of_each(world.carol, world.org_a1)
    client = client_for(world.alice)
    for name in LISTS[1:]:
        body = client.get(reverse(f"branches:{name}")).content.decode()
        assert "普兰一村" not in body, name
    assert "加木村党支部" in client.get(reverse("branches:rectification_list")).content.decode()
    assert "普兰一村" in client_for(world.carol).get(reverse("branches:rectification_list")).content.decode()


def test_it_shows_the_whole_record_on_the_detail_page(client_for, world):
    one_of_each(world.carol, world.org_a1)
    body = client_for(world.alice).get(reverse("branches:organization_detail", args=[world.org_a1.pk])).content.decode()
    for text in ("次仁", "“四个创建”示范点", "未达标", "整顿中", "正式党员不足3人", 'id="other-pillars"'):
        assert text in body, text


# --- bad input through the forms --------------------------------------------------------------------

def test_it_shows_parent_in_other_county_on_the_form(client_for, world):
    response = client_for(world.carol).post(reverse("branches:organization_create"), {
        "name": "跨县支部", "kind": "branch", "area": world.village_a1.pk, "parent": world.org_b1.pk})
    assert response.status_code == 200
    assert "上级党组织必须与本组织在同一县内" in response.content.decode()
    assert not PartyOrganization.objects.filter(name="跨县支部").exists()


def test_it_shows_early_deadline_on_the_form(client_for, world):
    rectification = case(world.carol, world.org_a1, identified_on=date(2022, 4, 1))
    response = client_for(world.alice).post(reverse("branches:measure_create", args=[rectification.pk]), {
        "description": "配齐书记", "owner": "次仁", "deadline": "2022-03-01", "status": "open"})
    assert response.status_code == 200
    assert "完成时限不能早于认定日期" in response.content.decode()
    assert rectification.measures.count() == 1


def test_it_shows_dissolved_organization_on_the_designation_form(client_for, world):
    services.organization_change_status(actor=world.carol, organization=world.org_a1, status="dissolved",
                                        status_changed_on=date(2022, 5, 1))
    response = client_for(world.alice).post(reverse("branches:designation_create"), {
        "kind": kind("baijia").pk, "organization": world.org_a1.pk, "year": "2022", "level": "region"})
    assert response.status_code == 200
    assert "不能再授予示范创建命名" in response.content.decode()
    assert not Designation.objects.exists()


def test_it_refuses_closure_with_open_measure_on_the_form(client_for, world):
    rectification = case(world.carol, world.org_a1)
    response = client_for(world.alice).post(reverse("branches:rectification_close", args=[rectification.pk]),
                                            {"closed_on": "2022-12-01"})
    assert response.status_code == 200 and "整改措施未完成" in response.content.decode()
    assert Rectification.objects.get().status == "open"


# --- writes through the pages ------------------------------------------------------------------------

def test_it_runs_the_workflow_through_the_pages(client_for, world):
    client = client_for(world.alice)
    response = client.post(reverse("branches:rectification_create"), {
        "organization": world.org_a1.pk, "year": "2022", "identified_on": "2022-03-01", "source": "masses",
        "categories": [category().pk], "description": "书记空缺"})
    assert response.status_code == 302
    rectification = Rectification.objects.get()
    assert client.post(reverse("branches:person_create", args=[rectification.pk]),
                       {"name": "扎西", "role": "township_leader"}).status_code == 302
    assert client.post(reverse("branches:measure_create", args=[rectification.pk]),
                       {"description": "选配书记", "owner": "扎西", "deadline": "2022-06-30", "status": "done",
                        "completed_on": "2022-06-01"}).status_code == 302
    assert client.post(reverse("branches:review_create", args=[rectification.pk]),
                       {"reviewed_on": "2022-07-01", "reviewer": "县委组织部", "outcome": "passed"}).status_code == 302
    assert client.post(reverse("branches:rectification_close", args=[rectification.pk]),
                       {"closed_on": "2022-07-15", "closure_note": "晋位升级"}).status_code == 302
    rectification.refresh_from_db()
    assert rectification.status == "closed"
    assert client.post(reverse("branches:post_create", args=[world.org_a1.pk]), {
        "role": "secretary", "person_name": "次仁", "term_start": "2021-07-01", "term_end": "2026-06-30"}).status_code == 302
    assert client.post(reverse("branches:organization_status", args=[world.org_a2.pk]), {
        "status": "merged", "status_changed_on": "2023-01-01", "merged_into": world.org_a1.pk}).status_code == 302
    assert PartyOrganization.objects.get(pk=world.org_a2.pk).status == "merged"


def test_it_filters_organizations_by_township_kind_and_warning(client_for, world):
    from cadres.tests.factories import PartyMemberFactory
    PartyMemberFactory.create_batch(3, organization=world.org_a1)
    client = client_for(world.carol)
    url = reverse("branches:organization_list")
    body = client.get(url, {"township": world.township_a2.pk}).content.decode()
    assert "昆莎一村党支部" in body and "加木村党支部" not in body
    body = client.get(url, {"county": world.county_b.pk, "kind": "branch"}).content.decode()
    assert "普兰一村党支部" in body and "昆莎一村党支部" not in body
    body = client.get(url, {"has_warning": "true"}).content.decode()
    assert "普兰一村党支部" in body and "加木村党支部" not in body  # org_a1 has 3 full members


def test_there_is_no_delete_url_for_organizations():
    from branches import urls
    assert not [p for p in urls.urlpatterns if "delete" in str(p.pattern) or "delete" in (p.name or "")]


# --- query counts ---------------------------------------------------------------------------------------

def _grow(world, n):
    """n more rows of every kind in county A."""
    if not StandardItem.objects.filter(year=2022).exists():
        checklist(2022)
    for _ in range(n):
        n = Area.objects.count()
        village = Area.objects.add_child(world.township_a, instance=Area(name=f"新村{n}", level="village"))
        org = services.organization_create(actor=world.carol, name=f"新村{n}党支部", kind="branch", area=village)
        one_of_each(world.carol, org)


# The landing page runs a fixed set of counts; the lists a fixed handful of queries.
QUERY_BOUND = {"index": 18}


def test_list_query_count_is_flat(client_for, world, django_assert_max_num_queries):
    client = client_for(world.alice)
    _grow(world, 2)
    for rows in (2, 50):  # the same bound with 25× the rows
        _grow(world, rows - PartyOrganization.objects.filter(name__startswith="新村").count())
        for name in LISTS:
            with django_assert_max_num_queries(QUERY_BOUND.get(name, 12)):
                assert client.get(reverse(f"branches:{name}")).status_code == 200, name


def test_detail_query_count_is_flat(client_for, world, django_assert_max_num_queries):
    client = client_for(world.alice)
    one_of_each(world.carol, world.org_a1)
    url = reverse("branches:organization_detail", args=[world.org_a1.pk])
    with django_assert_max_num_queries(30):  # the other pillars, 述职评议, early warning: fixed
        client.get(url)
    for i in range(10):
        case(world.carol, world.org_a1, year=2010 + i, persons=3, measures=3)
        services.post_create(actor=world.carol, organization=world.org_a1, role="member", person_name=f"委员{i}",
                             term_start=date(2021, 7, 1), term_end=date(2026, 6, 30))
    with django_assert_max_num_queries(30):  # includes the fixed other-pillars summary
        client.get(url)
