"""Writes of 基本活动: bad input is refused with a Chinese message and nothing is half-saved."""
from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from ali_party import files
from activities.models import Activity, ActivityAttachment, ServiceHallDuty
from activities.services import (
    activity_create, activity_update, service_hall_create, service_hall_duty_add,
)
from activities.tests import uploads
from activities.tests.factories import ActivityFactory, ServiceHallFactory, kind
from cadres.tests.factories import PartyMemberFactory


def fields(world, **overrides):
    base = {"kind": kind("theme_party_day"), "held_on": date(2022, 5, 4), "organization": world.org_a1,
            "village": world.village_a1, "participants": 12, "person_times": 12, "problems_solved": 2,
            "note": "主题党日", "pairing": None}
    base.update(overrides)
    return base


def assert_nothing_saved():
    assert Activity.objects.count() == 0
    assert ActivityAttachment.objects.count() == 0


def test_it_creates_activity_with_attendees_and_attachments(world):
    member = PartyMemberFactory(organization=world.org_a2)  # same county, other village: fine
    activity = activity_create(actor=world.alice, attendees=[member], photos=[uploads.png(), uploads.jpeg()],
                               sign_in_sheets=[uploads.pdf()], **fields(world))
    assert list(activity.attendees.all()) == [member]
    types = sorted(activity.attachments.values_list("kind", "content_type"))
    assert types == [("photo", "image/jpeg"), ("photo", "image/png"), ("sign_in", "application/pdf")]


def test_it_refuses_an_activity_dated_in_the_future(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        activity_create(actor=world.alice, photos=[uploads.png()], **fields(world, held_on=tomorrow))
    assert error.value.message_dict["held_on"] == ["活动日期不能晚于今天。"]
    assert_nothing_saved()


def test_it_refuses_a_participant_from_another_county(world):
    outsider = PartyMemberFactory(name="普兰党员", organization=world.org_b1)
    insider = PartyMemberFactory(organization=world.org_a1)
    with pytest.raises(ValidationError) as error:
        activity_create(actor=world.carol, attendees=[insider, outsider], photos=[uploads.png()], **fields(world))
    assert error.value.message_dict["attendees"] == [
        "党员“普兰党员”不属于组织单位所在的县，不能登记为本次活动的参加人员。"]
    assert_nothing_saved()


def test_it_refuses_more_named_attendees_than_participants(world):
    members = PartyMemberFactory.create_batch(3, organization=world.org_a1)
    with pytest.raises(ValidationError) as error:
        activity_create(actor=world.alice, attendees=members, **fields(world, participants=2, person_times=2))
    assert "多于参加人数" in error.value.message_dict["attendees"][0]
    assert_nothing_saved()


def test_it_refuses_a_50_mb_photo_without_reading_it(world):
    with pytest.raises(ValidationError) as error:
        activity_create(actor=world.alice, photos=[uploads.png(), uploads.huge_photo()], **fields(world))
    assert error.value.message_dict["photos"] == ["“big.jpg”大小为 50.0 MB，超过活动照片每个文件 10.0 MB 的上限。"]
    assert_nothing_saved()


def test_it_refuses_a_photo_over_a_patched_limit(world, monkeypatch):
    policy = files.POLICIES["activity_sign_in"]
    monkeypatch.setitem(files.POLICIES, "activity_sign_in", replace(policy, max_bytes=50))
    with pytest.raises(ValidationError) as error:
        activity_create(actor=world.alice, sign_in_sheets=[uploads.png("sheet.png")], **fields(world))
    assert "超过签到表每个文件 0.0 MB 的上限" in error.value.message_dict["sign_in_sheets"][0]
    assert_nothing_saved()


@pytest.mark.parametrize("upload", [uploads.fake_photo, uploads.pdf])
def test_it_refuses_a_photo_that_is_not_an_image(world, upload):
    item = upload()
    with pytest.raises(ValidationError) as error:
        activity_create(actor=world.alice, photos=[item], **fields(world))
    assert error.value.message_dict["photos"] == [f"“{item.name}”不是 JPEG 或 PNG 格式的图片，不能作为活动照片上传。"]
    assert_nothing_saved()


def test_it_refuses_a_sign_in_sheet_that_is_neither_image_nor_pdf(world):
    with pytest.raises(ValidationError) as error:
        activity_create(actor=world.alice, sign_in_sheets=[uploads.fake_photo("sheet.pdf")], **fields(world))
    assert error.value.message_dict["sign_in_sheets"] == ["“sheet.pdf”不是 JPEG/PNG 图片或 PDF 文件，不能作为签到表上传。"]
    assert_nothing_saved()


def test_a_refused_update_changes_nothing(world):
    activity = ActivityFactory(organization=world.org_a1, note="原说明")
    fresh = Activity.objects.get(pk=activity.pk)
    with pytest.raises(ValidationError):
        activity_update(actor=world.alice, activity=fresh, photos=[uploads.fake_photo()],
                        **fields(world, note="改过的说明"))
    activity.refresh_from_db()
    assert activity.note == "原说明" and activity.attachments.count() == 0


def test_it_refuses_a_village_outside_the_organizations_county(world):
    with pytest.raises(ValidationError) as error:
        activity_create(actor=world.carol, **fields(world, village=world.village_b1))
    assert error.value.message_dict["village"] == ["活动村(社区)必须在组织单位所在的县内。"]


def test_it_refuses_person_times_below_participants(world):
    with pytest.raises(ValidationError) as error:
        activity_create(actor=world.alice, **fields(world, participants=10, person_times=5))
    assert "参加人次不能少于参加人数。" in error.value.message_dict["person_times"]


def test_clerks_write_only_in_their_county_and_viewers_not_at_all(world):
    with pytest.raises(Http404):
        activity_create(actor=world.bob, **fields(world))
    with pytest.raises(PermissionDenied):
        activity_create(actor=world.dave, **fields(world))
    assert_nothing_saved()


def test_it_keeps_one_hall_per_village_and_a_rota(world):
    hall = service_hall_create(actor=world.alice, village=world.village_a1, name="加木村便民服务大厅",
                               opened_on=date(2021, 1, 1))
    with pytest.raises(ValidationError) as error:
        service_hall_create(actor=world.alice, village=world.village_a1, name="第二个", opened_on=date(2021, 1, 1))
    assert "该村(社区)已有便民服务大厅。" in str(error.value)
    service_hall_duty_add(actor=world.alice, hall=hall, weekday=1, cadre_name="扎西", post="村党支部书记")
    with pytest.raises(ValidationError):
        service_hall_duty_add(actor=world.alice, hall=hall, weekday=1, cadre_name="扎西")
    assert ServiceHallDuty.objects.count() == 1


def test_a_hall_must_sit_in_a_village(world):
    with pytest.raises(ValidationError) as error:
        service_hall_create(actor=world.alice, village=world.township_a, name="镇大厅", opened_on=date(2021, 1, 1))
    assert error.value.message_dict["village"] == ["请选择村(社区)一级的区域。"]
    assert ServiceHallFactory._meta.model.objects.count() == 0
