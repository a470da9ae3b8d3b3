"""The ranked list, the weights pages, the organization's panel and 发起整顿: scope, roles, queries."""
import datetime

import pytest
from django.db import connection
from django.urls import reverse

from branches.models import Rectification
from branches.tests.factories import PartyOrganizationFactory
from earlywarning import services
from earlywarning.models import OrganizationScore, WeightSet
from indicators.engine import evaluate

D = datetime.date
LIST = reverse("earlywarning:score_list")
WEIGHTS = reverse("earlywarning:weightset_list")
NEW = reverse("earlywarning:weightset_create")


@pytest.fixture
def scored(world):
    """2022: org_a1 and org_b1 listed in 2021 (+15), every village branch without 发展对象 (+10) and
    without meetings (+20): a1 and b1 at 45 (关注), a2 at 30 (关注)."""
    for org in (world.org_a1, world.org_b1):
        Rectification.objects.create(organization=org, year=2021, identified_on=D(2021, 5, 1), source="self")
    services.scores_recompute(years=[2022])
    return world


def rows(response):
    return {s.organization_id: s for s in response.context["page_obj"]}


def test_it_ranks_the_scores_of_the_users_county(scored, client_for):
    w = scored
    response = client_for(w.alice).get(LIST, {"year": 2022})
    assert response.status_code == 200
    listed = rows(response)
    assert set(listed) == {w.org_a1.pk, w.org_a2.pk}  # 县B's branch is not shown
    assert (listed[w.org_a1.pk].score, listed[w.org_a2.pk].score) == (45, 30)
    assert [s.organization_id for s in response.context["page_obj"]] == [w.org_a1.pk, w.org_a2.pk]
    content = response.content.decode()
    assert "发起整顿" in content and f"organization={w.org_a2.pk}" in content
    assert "已认定整顿" not in content


def test_it_filters_by_level(scored, client_for):
    w = scored
    OrganizationScore.objects.filter(organization=w.org_a2).update(level="none", score=10)
    response = client_for(w.alice).get(LIST, {"year": 2022, "level": "watch"})
    assert set(rows(response)) == {w.org_a1.pk}


def test_a_listed_organization_has_no_button_and_the_viewer_none_at_all(scored, client_for):
    w = scored
    Rectification.objects.create(organization=w.org_a1, year=2022, identified_on=D(2022, 5, 1), source="self")
    content = client_for(w.alice).get(LIST, {"year": 2022}).content.decode()
    assert "已认定整顿" in content and content.count("发起整顿") == 1
    content = client_for(w.dave).get(LIST, {"year": 2022}).content.decode()
    assert "发起整顿" not in content
    assert len(rows(client_for(w.dave).get(LIST, {"year": 2022}))) == 3


def test_the_button_opens_the_rectification_form_prefilled(scored, client_for):
    w = scored
    response = client_for(w.alice).get(reverse("branches:rectification_create"),
                                       {"organization": w.org_a2.pk, "year": 2022})
    form = response.context["form"]
    assert (str(form["organization"].value()), str(form["year"].value())) == (str(w.org_a2.pk), "2022")


def test_outsiders_see_no_scores(scored, client_for):
    for user in (scored.erin, scored.sam):
        assert client_for(user).get(LIST).status_code == 403
        assert client_for(user).get(WEIGHTS).status_code == 403


def test_the_list_query_count_is_flat(scored, client_for, django_assert_max_num_queries):
    w = scored
    client = client_for(w.alice)
    with django_assert_max_num_queries(14):
        client.get(LIST, {"year": 2022})
    PartyOrganizationFactory.create_batch(30, area=w.village_a1)
    services.scores_recompute(years=[2022])
    with django_assert_max_num_queries(14):
        response = client.get(LIST, {"year": 2022})
    assert len(rows(response)) == 32


def test_the_organization_page_explains_the_score(scored, client_for):
    w = scored
    content = client_for(w.alice).get(w.org_a1.get_absolute_url()).content.decode()
    assert "软弱涣散预警" in content and "2022年：45分" in content
    assert "曾于2021年被认定为软弱涣散" in content and "+15" in content and "权重第1版" in content


def test_the_weights_page_shows_the_versions(scored, client_for):
    content = client_for(scored.alice).get(WEIGHTS).content.decode()
    assert "第1版（2019年起）" in content and "书记空缺" in content
    assert NEW not in content  # a county clerk may not change them
    assert NEW in client_for(scored.carol).get(WEIGHTS).content.decode()


def test_prefecture_staff_create_a_version_prefilled_from_the_current(scored, client_for,
                                                                     django_capture_on_commit_callbacks):
    client = client_for(scored.carol)
    form = client.get(NEW).context["form"]
    assert form["weight_previous_listing"].value() == 15 and form["warning_from"].value() == 60
    data = {name: form[name].value() for name in form.fields}
    data.update(valid_from=2022, note="加重曾被认定", weight_previous_listing=30)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, data)
    assert response.status_code == 302
    assert WeightSet.objects.get(version=2).weights.get(signal="previous_listing").weight == 30
    # The task ran (eager): 2022's scores are recomputed with version 2.
    score = OrganizationScore.objects.get(organization=scored.org_a1, year=2022)
    assert (score.score, score.weight_set.version) == (60, 2) and score.level == "warning"


def test_a_bad_version_is_refused_on_the_field(scored, client_for):
    client = client_for(scored.carol)
    form = client.get(NEW).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(note="x", warning_from=20, weight_secretary_vacant=101)
    response = client.post(NEW, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "预警起点分必须高于关注起点分。" in errors["warning_from"]
    assert "weight_secretary_vacant" in errors
    assert WeightSet.objects.count() == 1


@pytest.mark.parametrize("user", ["alice", "tess", "dave"])
def test_others_may_not_create_versions(scored, client_for, user):
    client = client_for(getattr(scored, user))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, {"valid_from": 2022}).status_code == 403
    assert WeightSet.objects.count() == 1


def test_the_level_indicators_count_the_stored_scores(scored):
    """Checked against SQL of the test's own (and by hand: 县A 2 关注, 县B 1 关注, none red)."""
    w = scored
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM earlywarning_organizationscore s JOIN branches_partyorganization o "
                       "ON o.id = s.organization_id JOIN branches_area a ON a.id = o.area_id "
                       "WHERE s.year = 2022 AND s.level = 'watch' AND a.path LIKE %s", [w.county_a.path + "%"])
        (county_a,) = cursor.fetchone()
    assert county_a == 2
    assert evaluate("org.warning_watch", 2022, w.county_a).value == county_a
    assert evaluate("org.warning_watch", 2022, w.root).value == 3
    assert evaluate("org.warning_red", 2022, w.root).value == 0
    assert evaluate("org.warning_none", 2022, w.county_b).value == 0
