"""Photos and sign-in sheets (issue 17, item 3): stored under generated names, always downloaded
as attachments of the sniffed type, only by users who may read the activity."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from activities.services import activity_create
from activities.tests import uploads
from activities.tests.factories import kind
from ali_party.tests import samples


def _activity(world, **files):
    return activity_create(actor=world.alice, kind=kind("publicity"), held_on=date(2022, 3, 1),
                           organization=world.org_a1, village=world.village_a1, participants=5, person_times=5,
                           **files)


@pytest.fixture
def photo(world):
    return _activity(world, photos=[uploads.png("卓玛家门口.png")]).attachments.get()


def test_the_stored_name_is_generated(photo):
    assert photo.original_name == "卓玛家门口.png"
    assert photo.file.name.startswith("activities/attachments/") and photo.file.name.endswith(".png")
    assert "卓玛" not in photo.file.name
    assert default_storage.open(photo.file.name).read() == uploads.image_bytes("PNG")


def test_a_photo_downloads_as_an_attachment_never_inline(client_for, world, photo):
    response = client_for(world.alice).get(reverse("activities:attachment_download", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == \
        "attachment; filename*=utf-8''%E5%8D%93%E7%8E%9B%E5%AE%B6%E9%97%A8%E5%8F%A3.png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_the_type_is_sniffed_from_the_stored_bytes_not_the_record(client_for, world, photo):
    type(photo).objects.filter(pk=photo.pk).update(content_type="text/html")
    response = client_for(world.alice).get(reverse("activities:attachment_download", args=[photo.pk]))
    assert response["Content-Type"] == "image/png"


def test_another_countys_clerk_gets_404_and_anonymous_goes_to_login(client_for, client, world, photo):
    url = reverse("activities:attachment_download", args=[photo.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert client_for(world.bob).get(url).status_code == 404
    assert client_for(world.bob).post(url).status_code == 405


def test_a_pdf_named_html_is_stored_and_served_as_a_pdf(client_for, world):
    sheet = _activity(world, sign_in_sheets=[samples.upload("签到表.html", samples.PDF, "text/html")]).attachments.get()
    assert (sheet.content_type, sheet.original_name) == ("application/pdf", "签到表.pdf")
    assert sheet.file.name.endswith(".pdf")
    response = client_for(world.alice).get(reverse("activities:attachment_download", args=[sheet.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''%E7%AD%BE%E5%88%B0%E8%A1%A8.pdf"


@pytest.mark.parametrize("name,content", [
    ("签到表.html", samples.PDF_PREFIXED_HTML), ("sheet.svg", samples.SVG), ("sheet.js", samples.JS),
    ("sheet.html", samples.HTML), ("签到.docx", samples.docx_bytes()),
])
def test_a_sign_in_sheet_that_is_not_an_image_or_pdf_is_refused(world, name, content):
    with pytest.raises(ValidationError) as error:
        _activity(world, sign_in_sheets=[samples.upload(name, content, "application/pdf")])
    assert error.value.message_dict["sign_in_sheets"] == [
        f"“{name}”不是 JPEG/PNG 图片或 PDF 文件，不能作为签到表上传。"]
