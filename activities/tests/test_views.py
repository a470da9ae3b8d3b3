"""Pages of 基本活动: scoping (404 outside the county, 403 for read-only and non-business roles),
bad uploads through the form, and flat query counts on the lists."""
from datetime import date

import pytest
from django.urls import reverse

from activities.models import Activity, ActivityAttachment, ContactCardIssue, ProxyMatter, ServiceHall, ServiceHallDuty
from activities.services import activity_create
from activities.tests import uploads
from activities.tests.factories import (
    ActivityFactory, ContactCardIssueFactory, ProxyMatterFactory, ServiceHallFactory, kind,
)


@pytest.fixture
def objects_b(world):
    """County B's records: what alice (county A) must never reach."""
    activity = activity_create(actor=world.bob, kind=kind("publicity"), held_on=date(2022, 3, 1),
                               organization=world.org_b1, village=world.village_b1, participants=5,
                               person_times=5, note="普兰宣传", photos=[uploads.png()])
    hall = ServiceHallFactory(village=world.village_b1, name="普兰一村大厅")
    duty = ServiceHallDuty.objects.create(hall=hall, weekday=1, cadre_name="次仁")
    return {
        "activity": activity, "attachment": activity.attachments.get(), "hall": hall, "duty": duty,
        "card": ContactCardIssueFactory(village=world.village_b1, count=9),
        "matter": ProxyMatterFactory(village=world.village_b1),
    }


GET_URLS = [
    ("activities:activity_detail", "activity"), ("activities:activity_update", "activity"),
    ("activities:activity_delete", "activity"), ("activities:attachment_download", "attachment"),
    ("activities:hall_detail", "hall"), ("activities:hall_update", "hall"),
    ("activities:card_detail", "card"), ("activities:card_update", "card"),
    ("activities:matter_detail", "matter"), ("activities:matter_update", "matter"),
]
POST_URLS = [
    ("activities:activity_update", "activity"), ("activities:activity_delete", "activity"),
    ("activities:attachment_delete", "attachment"), ("activities:duty_add", "hall"),
    ("activities:duty_delete", "duty"), ("activities:hall_update", "hall"),
    ("activities:card_update", "card"), ("activities:matter_update", "matter"),
]


def _snapshot():
    return (list(Activity.objects.values()), list(ActivityAttachment.objects.values()),
            list(ServiceHall.objects.values()), list(ServiceHallDuty.objects.values()),
            list(ContactCardIssue.objects.values()), list(ProxyMatter.objects.values()))


@pytest.mark.parametrize("url_name,key", GET_URLS)
def test_other_county_clerk_gets_404(client_for, world, objects_b, url_name, key):
    response = client_for(world.alice).get(reverse(url_name, args=[objects_b[key].pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("url_name,key", POST_URLS)
def test_other_county_clerk_post_is_404_and_changes_nothing(client_for, world, objects_b, url_name, key):
    before = _snapshot()
    response = client_for(world.alice).post(reverse(url_name, args=[objects_b[key].pk]), {
        "kind": kind("publicity").pk, "held_on": "2022-03-02", "organization": world.org_a1.pk,
        "village": world.village_a1.pk, "participants": 1, "person_times": 1, "problems_solved": 0,
        "name": "篡改", "opened_on": "2022-01-01", "issued_on": "2022-01-01", "count": 1,
        "accepted_on": "2022-01-01", "outcome": "done", "weekday": 2, "cadre_name": "篡改"})
    assert response.status_code == 404
    assert _snapshot() == before


@pytest.mark.parametrize("url_name,key", POST_URLS)
def test_read_only_viewer_gets_403_on_writes(client_for, world, objects_b, url_name, key):
    before = _snapshot()
    assert client_for(world.dave).post(reverse(url_name, args=[objects_b[key].pk]), {}).status_code == 403
    assert _snapshot() == before


@pytest.mark.parametrize("url_name", ["activities:activity_create", "activities:hall_create",
                                      "activities:card_create", "activities:matter_create"])
def test_read_only_viewer_gets_403_on_create(client_for, world, url_name):
    client = client_for(world.dave)
    assert client.get(reverse(url_name)).status_code == 403
    assert client.post(reverse(url_name), {}).status_code == 403


@pytest.mark.parametrize("persona", ["sam", "erin"])
@pytest.mark.parametrize("url_name,key", [("activities:index", None), ("activities:activity_list", None),
                                          ("activities:hall_list", None), ("activities:card_list", None),
                                          ("activities:matter_list", None)] + GET_URLS)
def test_admin_and_auditor_get_403(client_for, world, objects_b, persona, url_name, key):
    args = [objects_b[key].pk] if key else []
    assert client_for(getattr(world, persona)).get(reverse(url_name, args=args)).status_code == 403


def test_viewer_reads_everything(client_for, world, objects_b):
    client = client_for(world.dave)
    assert "普兰宣传" in client.get(reverse("activities:activity_detail", args=[objects_b["activity"].pk])
                                    ).content.decode()
    assert client.get(reverse("activities:attachment_download", args=[objects_b["attachment"].pk])).status_code == 200
    assert "普兰一村大厅" in client.get(reverse("activities:hall_list")).content.decode()


def test_clerk_lists_only_own_county(client_for, world, objects_b):
    ActivityFactory(organization=world.org_a1, note="加木主题党日")
    body = client_for(world.alice).get(reverse("activities:activity_list")).content.decode()
    assert "加木村" in body and "普兰一村" not in body
    body = client_for(world.alice).get(reverse("activities:index")).content.decode()
    assert "基本活动" in body


def _form_data(world, **overrides):
    data = {"kind": kind("volunteer_service").pk, "held_on": "2022-05-04", "organization": world.org_a1.pk,
            "village": world.village_a1.pk, "participants": 6, "person_times": 6, "problems_solved": 1,
            "note": "进村入户"}
    data.update(overrides)
    return data


def test_clerk_creates_activity_with_photo_through_the_form(client_for, world):
    response = client_for(world.alice).post(reverse("activities:activity_create"),
                                            _form_data(world, photos=[uploads.jpeg()]))
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.attachments.get().content_type == "image/jpeg"


def test_form_shows_the_refusal_of_a_non_image_photo_and_saves_nothing(client_for, world):
    response = client_for(world.alice).post(reverse("activities:activity_create"),
                                            _form_data(world, photos=[uploads.png(), uploads.fake_photo()]))
    assert response.status_code == 200
    assert "不是 JPEG 或 PNG 格式的图片，不能作为活动照片上传" in response.content.decode()
    assert Activity.objects.count() == 0 and ActivityAttachment.objects.count() == 0


def test_form_refuses_a_future_date(client_for, world):
    response = client_for(world.alice).post(reverse("activities:activity_create"),
                                            _form_data(world, held_on="2099-01-01"))
    assert "活动日期不能晚于今天" in response.content.decode()
    assert Activity.objects.count() == 0


def test_other_county_village_is_not_a_choice(client_for, world):
    response = client_for(world.alice).post(reverse("activities:activity_create"),
                                            _form_data(world, village=world.village_b1.pk))
    assert response.status_code == 200 and Activity.objects.count() == 0


def test_clerk_adds_and_removes_a_duty(client_for, world):
    hall = ServiceHallFactory(village=world.village_a1)
    client = client_for(world.alice)
    client.post(reverse("activities:duty_add", args=[hall.pk]), {"weekday": 3, "cadre_name": "旦增"})
    duty = hall.duties.get()
    assert "旦增" in client.get(reverse("activities:hall_detail", args=[hall.pk])).content.decode()
    client.post(reverse("activities:duty_delete", args=[duty.pk]))
    assert not hall.duties.exists()


def test_delete_removes_activity_and_attachments(client_for, world):
    activity = activity_create(actor=world.alice, photos=[uploads.png()], **{
        "kind": kind("publicity"), "held_on": date(2022, 3, 1), "organization": world.org_a1,
        "village": world.village_a1, "participants": 5, "person_times": 5})
    response = client_for(world.alice).post(reverse("activities:activity_delete", args=[activity.pk]))
    assert response.status_code == 302
    assert not Activity.objects.exists() and not ActivityAttachment.objects.exists()


def new_villages(world, n):
    """Halls are one per village, so 25× the halls need 25× the villages."""
    from branches.models import Area
    return [Area.objects.add_child(world.township_a, instance=Area(name=f"新村{Area.objects.count()}",
                                                                   level=Area.Level.VILLAGE)) for _ in range(n)]


@pytest.mark.parametrize("url_name,make", [
    ("activities:activity_list", lambda w, n: [ActivityFactory(organization=w.org_a1) for _ in range(n)]),
    ("activities:hall_list", lambda w, n: [ServiceHallFactory(village=v) for v in new_villages(w, n)]),
    ("activities:card_list", lambda w, n: ContactCardIssueFactory.create_batch(n, village=w.village_a1)),
    ("activities:matter_list", lambda w, n: ProxyMatterFactory.create_batch(n, village=w.village_a1)),
])
def test_list_query_count_is_flat(client_for, world, django_assert_max_num_queries, url_name, make):
    client = client_for(world.alice)
    make(world, 2)
    with django_assert_max_num_queries(12):
        assert client.get(reverse(url_name)).status_code == 200
    make(world, 50)
    with django_assert_max_num_queries(12):
        assert client.get(reverse(url_name)).status_code == 200


def test_index_query_count_is_flat(client_for, world, django_assert_max_num_queries):
    client = client_for(world.alice)
    ActivityFactory.create_batch(2, organization=world.org_a1)
    with django_assert_max_num_queries(14):
        client.get(reverse("activities:index"))
    ActivityFactory.create_batch(50, organization=world.org_a1)
    with django_assert_max_num_queries(14):
        client.get(reverse("activities:index"))


@pytest.mark.parametrize("url_name", ["activities:activity_create", "activities:hall_create",
                                      "activities:card_create", "activities:matter_create"])
def test_clerk_opens_the_create_forms(client_for, world, url_name):
    body = client_for(world.alice).get(reverse(url_name)).content.decode()
    assert 'type="date"' in body or "weekday" in body or 'name="count"' in body
    assert "普兰一村" not in body  # another county's villages are not offered


def test_clerk_opens_the_edit_form_with_iso_dates(client_for, world):
    activity = ActivityFactory(organization=world.org_a1, held_on=date(2022, 5, 4))
    body = client_for(world.alice).get(reverse("activities:activity_update", args=[activity.pk])).content.decode()
    assert 'value="2022-05-04"' in body
