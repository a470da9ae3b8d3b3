"""The shared view pieces of ali_party.generic, on real pages of the pillars: the return URL of the
form and delete pages, the nested create, `reader_required` and `get_editable_or_404`.

Personas (conftest): alice county A's clerk, bob county B's, dave a read-only prefecture viewer,
erin the auditor (no business scope); vera below is a read-only viewer of county B only."""
import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from ali_party.generic import get_editable_or_404, reader_required
from ali_party.scoping import Role
from branches.models import CommitteePost, PartyOrganization
from cadres.models import LanguageTrainingSession
from cadres.tests.factories import LanguageTrainingSessionFactory
from capacity.models import DisputeScreening
from capacity.tests.factories import DisputeScreeningFactory
from conftest import make_user

HOSTILE = ["https://evil.example/", "//evil.example/", "http://evil.example/capacity/"]
SCREENING = {"screened_on": "2022-03-01", "disputes_found": "2", "note": ""}


def _location(response):
    assert response.status_code == 302, response.status_code
    return response["Location"]


# ---------------------------------------------------------------- return_url

def test_it_follows_a_local_return_url_after_save(client_for, world):
    response = client_for(world.alice).post(reverse("capacity:screening_create") + "?return_url=/capacity/",
                                            {"village": world.village_a1.pk, **SCREENING})
    assert _location(response) == "/capacity/"
    assert DisputeScreening.objects.get().disputes_found == 2


def test_it_follows_a_same_host_absolute_return_url(client_for, world):
    response = client_for(world.alice).post(
        reverse("capacity:screening_create") + "?return_url=http://testserver/capacity/",
        {"village": world.village_a1.pk, **SCREENING})
    assert _location(response) == "http://testserver/capacity/"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_it_ignores_a_hostile_return_url(client_for, world, hostile):
    response = client_for(world.alice).post(reverse("capacity:screening_create"),
                                            {"village": world.village_a1.pk, "return_url": hostile, **SCREENING})
    screening = DisputeScreening.objects.get()
    # The view's own success URL: the new record's page.
    assert _location(response) == reverse("capacity:screening_detail", args=[screening.pk])


def test_it_refuses_a_step_down_from_https(client_for, world):
    response = client_for(world.alice).post(
        reverse("capacity:screening_create") + "?return_url=http://testserver/capacity/",
        {"village": world.village_a1.pk, **SCREENING}, secure=True)
    screening = DisputeScreening.objects.get()
    assert _location(response) == reverse("capacity:screening_detail", args=[screening.pk])


def test_back_link_goes_to_the_return_url_else_the_object_else_the_list(client_for, world):
    client = client_for(world.alice)
    screening = DisputeScreeningFactory(village=world.village_a1)
    update = reverse("capacity:screening_update", args=[screening.pk])
    own_page = reverse("capacity:screening_detail", args=[screening.pk])

    body = client.get(update + "?return_url=/capacity/").content.decode()
    assert '<a class="btn btn-link" href="/capacity/">返回</a>' in body
    body = client.get(update + "?return_url=https://evil.example/").content.decode()
    assert 'href="https://evil.example/"' not in body  # (the path is in the language form's "next")
    assert f'<a class="btn btn-link" href="{own_page}">返回</a>' in body
    body = client.get(reverse("capacity:screening_create")).content.decode()
    assert f'<a class="btn btn-link" href="{reverse("capacity:screening_list")}">返回</a>' in body


def test_a_nested_create_goes_back_to_its_parent(client_for, world):
    body = client_for(world.alice).get(reverse("branches:post_create", args=[world.org_a1.pk])).content.decode()
    assert f'href="{world.org_a1.get_absolute_url()}">返回</a>' in body


def test_delete_follows_a_local_return_url_and_ignores_a_hostile_one(client_for, world):
    client = client_for(world.alice)
    first, second = LanguageTrainingSessionFactory.create_batch(2, area=world.county_a)

    url = reverse("cadres:training_delete", args=[first.pk])
    assert 'href="/cadres/">取消</a>' in client.get(url + "?return_url=/cadres/").content.decode()
    assert _location(client.post(url + "?return_url=/cadres/")) == "/cadres/"

    url = reverse("cadres:training_delete", args=[second.pk])
    body = client.get(url + "?return_url=https://evil.example/").content.decode()
    assert 'href="https://evil.example/"' not in body and f'href="{second.get_absolute_url()}">取消</a>' in body
    assert _location(client.post(url, {"return_url": "https://evil.example/"})) == reverse("cadres:training_list")
    assert not LanguageTrainingSession.objects.exists()


@pytest.fixture
def vera(world):
    """Read-only, and only for county B."""
    return make_user("vera", Role.PREFECTURE_VIEWER, world.county_b)


def test_delete_page_looks_up_the_object_before_the_role(client_for, world, vera):
    session = LanguageTrainingSessionFactory(area=world.county_a)
    url = reverse("cadres:training_delete", args=[session.pk])
    # Read-only and outside the scope: 404 on the page and on the POST alike (the GET was a 403).
    assert client_for(vera).get(url).status_code == 404
    assert client_for(vera).post(url).status_code == 404
    # Read-only inside the scope: 403.
    assert client_for(world.dave).get(url).status_code == 403
    assert client_for(world.dave).post(url).status_code == 403
    assert LanguageTrainingSession.objects.get() == session


# ---------------------------------------------------------------- nested create


POST = {"role": "secretary", "person_name": "次仁", "term_start": "2021-07-01", "term_end": "2026-06-30"}


def test_nested_create_saves_under_the_parent(client_for, world):
    url = reverse("branches:post_create", args=[world.org_a1.pk])
    assert "加木村党支部 · 新增班子职务" in client_for(world.alice).get(url).content.decode()
    assert _location(client_for(world.alice).post(url, POST)) == world.org_a1.get_absolute_url()
    assert CommitteePost.objects.get().organization == world.org_a1


def test_nested_create_hides_a_parent_outside_the_scope(client_for, world):
    url = reverse("branches:post_create", args=[world.org_a1.pk])
    assert client_for(world.bob).get(url).status_code == 404
    assert client_for(world.bob).post(url, POST).status_code == 404
    assert not CommitteePost.objects.exists()


def test_nested_create_looks_up_the_parent_before_the_role(client_for, world, vera):
    # Read-only and outside the scope: 404, so the parent's existence is not given away.
    assert client_for(vera).get(reverse("branches:post_create", args=[world.org_a1.pk])).status_code == 404
    # Read-only inside the scope: 403.
    assert client_for(vera).get(reverse("branches:post_create", args=[world.org_b1.pk])).status_code == 403
    assert client_for(world.dave).post(reverse("branches:post_create", args=[world.org_a1.pk]),
                                       POST).status_code == 403
    assert not CommitteePost.objects.exists()


def test_nested_create_refuses_a_user_without_business_scope(client_for, world):
    assert client_for(world.erin).get(reverse("branches:post_create", args=[world.org_a1.pk])).status_code == 403


def test_nested_create_sends_a_visitor_to_log_in(client, world):
    response = client.get(reverse("branches:post_create", args=[world.org_a1.pk]))
    assert _location(response).startswith(reverse("accounts:login"))


# ---------------------------------------------------------------- reader_required

@reader_required
def _page(request):
    return HttpResponse("ok")


def _request(user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    return request


def test_reader_required_lets_a_business_role_in(world):
    assert _page(_request(world.alice)).content == b"ok"
    assert _page(_request(world.dave)).content == b"ok"  # read-only roles read


@pytest.mark.parametrize("persona", ["erin", "sam"])
def test_reader_required_refuses_roles_without_business_scope(world, persona):
    with pytest.raises(PermissionDenied):
        _page(_request(getattr(world, persona)))


def test_reader_required_sends_a_visitor_to_log_in(db):
    from django.contrib.auth.models import AnonymousUser
    response = _page(_request(AnonymousUser()))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_reader_required_keeps_the_view_name():
    assert _page.__name__ == "_page"


# ---------------------------------------------------------------- get_editable_or_404

def test_get_editable_returns_the_object_in_scope_for_a_writer(world):
    assert get_editable_or_404(PartyOrganization, world.alice, pk=world.org_a1.pk) == world.org_a1
    found = get_editable_or_404(PartyOrganization.objects.select_related("area"), world.alice, pk=world.org_a1.pk)
    assert found == world.org_a1 and found.area == world.village_a1


def test_get_editable_hides_an_object_outside_the_scope(world, vera):
    with pytest.raises(Http404):
        get_editable_or_404(PartyOrganization, world.bob, pk=world.org_a1.pk)
    with pytest.raises(Http404):  # outside the scope comes before read-only
        get_editable_or_404(PartyOrganization, vera, pk=world.org_a1.pk)


def test_get_editable_refuses_a_read_only_role_in_scope(world):
    with pytest.raises(PermissionDenied):
        get_editable_or_404(PartyOrganization, world.dave, pk=world.org_a1.pk)


def test_get_editable_refuses_no_business_scope_before_any_lookup(world):
    with pytest.raises(PermissionDenied):  # 403, not 404, even for a key that does not exist
        get_editable_or_404(PartyOrganization, world.erin, pk=10**9)
