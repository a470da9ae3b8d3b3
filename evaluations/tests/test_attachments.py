"""The attachment of an organization-life meeting (issue 17, item 3): checked by content, stored
under a generated name, downloaded only through the scoped view, as a download."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from ali_party.tests import samples

from ..models import OrganizationLifeMeeting
from ..services import meeting_create, meeting_delete, meeting_update
from .factories import kind

D = datetime.date


def _meeting(world, attachment=None, **extra):
    return meeting_create(actor=world.alice, organization=world.org_a1, kind=kind("party_lecture"),
                          held_on=D(2022, 3, 1), topic="党课", attachment=attachment, **extra)


def _form(world, **extra):
    return {"organization": world.org_a1.pk, "kind": kind("party_lecture").pk, "held_on": "2022-05-01",
            "topic": "党课", "expected_count": 0, "present_count": 0, **extra}


DOCX = samples.docx_bytes()


@pytest.fixture
def meeting(world):
    return _meeting(world, samples.upload("张三的会议记录.docx", DOCX))


def test_the_stored_name_is_generated(meeting):
    assert meeting.attachment_name == "张三的会议记录.docx"
    assert meeting.attachment.name.startswith("evaluations/meetings/")
    assert meeting.attachment.name.endswith(".docx") and "张三" not in meeting.attachment.name
    assert default_storage.open(meeting.attachment.name).read() == DOCX


def test_the_owner_downloads_it_as_an_attachment_of_its_sniffed_type(client_for, world, meeting):
    response = client_for(world.alice).get(reverse("evaluations:meeting_attachment", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "%E5%BC%A0%E4%B8%89%E7%9A%84%E4%BC%9A%E8%AE%AE%E8%AE%B0%E5%BD%95.docx" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == DOCX


def test_the_read_only_viewer_downloads_it(client_for, world, meeting):
    url = reverse("evaluations:meeting_attachment", args=[meeting.pk])
    assert client_for(world.dave).get(url).status_code == 200


def test_another_countys_clerk_gets_404(client_for, world, meeting):
    url = reverse("evaluations:meeting_attachment", args=[meeting.pk])
    assert client_for(world.bob).get(url).status_code == 404


@pytest.mark.parametrize("persona", ["sam", "erin"])
def test_admin_and_auditor_get_403(client_for, world, meeting, persona):
    url = reverse("evaluations:meeting_attachment", args=[meeting.pk])
    assert client_for(getattr(world, persona)).get(url).status_code == 403


def test_anonymous_is_sent_to_login(client, meeting):
    url = reverse("evaluations:meeting_attachment", args=[meeting.pk])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_meeting_without_attachment_is_404(client_for, world):
    meeting = _meeting(world)
    assert client_for(world.alice).get(reverse("evaluations:meeting_attachment", args=[meeting.pk])).status_code == 404


def test_pages_link_to_the_scoped_download_never_to_media(client_for, world, meeting):
    client = client_for(world.alice)
    url = reverse("evaluations:meeting_attachment", args=[meeting.pk])
    for page in (meeting.get_absolute_url(), reverse("evaluations:meeting_update", args=[meeting.pk])):
        body = client.get(page).content.decode()
        assert url in body and "张三的会议记录.docx" in body, page
        assert "/media/" not in body and meeting.attachment.name not in body, page


@pytest.mark.parametrize("name,content", [
    ("page.html", samples.HTML), ("logo.svg", samples.SVG), ("x.js", samples.JS),
    ("签到表.html", samples.PDF_PREFIXED_HTML),
])
def test_the_form_refuses_markup_and_saves_nothing(client_for, world, name, content):
    response = client_for(world.alice).post(reverse("evaluations:meeting_create"),
                                            _form(world, attachment=samples.upload(name, content, "application/pdf")))
    assert response.status_code == 200
    assert f"“{name}”不是 JPEG/PNG 图片、PDF、Word（.docx）或 Excel（.xlsx）文件，不能作为会议附件上传。" in \
        response.content.decode()
    assert not OrganizationLifeMeeting.objects.exists()


def test_the_form_refuses_an_oversized_file(client_for, world):
    big = samples.PDF[:-6] + b" " * (10 * 1024 * 1024) + b"%%EOF\n"
    response = client_for(world.alice).post(reverse("evaluations:meeting_create"),
                                            _form(world, attachment=samples.upload("录像.pdf", big)))
    assert "“录像.pdf”大小为 10.0 MB，超过会议附件每个文件 10.0 MB 的上限。" in response.content.decode()
    assert not OrganizationLifeMeeting.objects.exists()


def test_the_form_refuses_a_macro_document(client_for, world):
    response = client_for(world.alice).post(reverse("evaluations:meeting_create"),
                                            _form(world, attachment=samples.upload("记录.docx", samples.docm_bytes())))
    assert "“记录.docx”含有宏或控件" in response.content.decode()
    assert not OrganizationLifeMeeting.objects.exists()


def test_the_form_accepts_a_pdf_named_html_as_a_pdf(client_for, world):
    response = client_for(world.alice).post(reverse("evaluations:meeting_create"),
                                            _form(world, attachment=samples.upload("签到表.html", samples.PDF, "text/html")))
    assert response.status_code == 302
    meeting = OrganizationLifeMeeting.objects.get()
    assert meeting.attachment_name == "签到表.pdf" and meeting.attachment.name.endswith(".pdf")
    download = client_for(world.alice).get(reverse("evaluations:meeting_attachment", args=[meeting.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == "attachment; filename*=utf-8''%E7%AD%BE%E5%88%B0%E8%A1%A8.pdf"


def test_the_service_refuses_what_the_form_would(world):
    with pytest.raises(ValidationError) as error:
        _meeting(world, samples.upload("x.svg", samples.SVG))
    assert list(error.value.message_dict) == ["attachment"]
    assert not OrganizationLifeMeeting.objects.exists()


def test_replacing_clearing_and_deleting_remove_the_old_file(world, meeting, django_capture_on_commit_callbacks):
    first = meeting.attachment.name
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(actor=world.alice, meeting=meeting, attachment=samples.upload("b.pdf", samples.PDF))
    second = meeting.attachment.name
    assert not default_storage.exists(first) and default_storage.exists(second)
    assert meeting.attachment_name == "b.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(actor=world.alice, meeting=meeting, attachment=False)
    assert not default_storage.exists(second) and meeting.attachment_name == ""
    meeting_update(actor=world.alice, meeting=meeting, attachment=samples.upload("c.png", samples.image_bytes()))
    third = meeting.attachment.name
    with django_capture_on_commit_callbacks(execute=True):
        meeting_delete(actor=world.alice, meeting=meeting)
    assert not default_storage.exists(third)


def test_an_edit_without_a_new_file_keeps_it(world, meeting, django_capture_on_commit_callbacks):
    stored = meeting.attachment.name
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(actor=world.alice, meeting=meeting, topic="改过的主题", attachment=None)
    meeting.refresh_from_db()
    assert meeting.attachment.name == stored and default_storage.exists(stored)


def test_a_meeting_with_a_file_stored_before_the_checks_stays_editable(client_for, world):
    """A file stored before the checks (here a page) is not checked again when the meeting is
    edited, and downloads as an unknown type, never as a page."""
    meeting = _meeting(world)
    name = default_storage.save("evaluations/meetings/2022/会议.html", samples.upload("x", samples.HTML))
    OrganizationLifeMeeting.objects.filter(pk=meeting.pk).update(attachment=name)
    meeting.refresh_from_db()
    meeting_update(actor=world.alice, meeting=meeting, topic="改过的主题")
    response = client_for(world.alice).get(reverse("evaluations:meeting_attachment", args=[meeting.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_migration_names_files_stored_before_it(world):
    """Migration 0003 gives a meeting's older attachment the name it was stored under (the user's)."""
    from importlib import import_module

    from django.apps import apps
    migration = import_module("evaluations.migrations.0003_meeting_attachment_name")
    meeting, without = _meeting(world), _meeting(world)
    OrganizationLifeMeeting.objects.filter(pk=meeting.pk).update(
        attachment="evaluations/meetings/2021/三会一课记录.docx", attachment_name="")
    migration.name_existing_attachments(apps, None)
    assert OrganizationLifeMeeting.objects.get(pk=meeting.pk).attachment_name == "三会一课记录.docx"
    assert OrganizationLifeMeeting.objects.get(pk=without.pk).attachment_name == ""
