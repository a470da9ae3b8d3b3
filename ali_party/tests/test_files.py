"""Stored files (issue 17, item 3 "Attachments"): what may be uploaded, under which name it is
stored, how it is served, and that /media/ is never served — ali_party/files.py."""
import importlib
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve

from ali_party import files
from ali_party.files import AllowedFile, StoredName, check_upload, clean_filename, file_response, sniff

from . import samples

MEETING = "meeting_attachment"
TEN_MB = 10 * 1024 * 1024


# --- what is refused -------------------------------------------------------------------------------

@pytest.mark.parametrize("name,content", [
    ("会议纪要.html", samples.HTML),
    ("logo.svg", samples.SVG),
    ("app.js", samples.JS),
    ("签到表.html", samples.PDF_PREFIXED_HTML),  # starts with %PDF-, but is a page
    ("签到表.pdf", samples.PDF_PREFIXED_HTML),  # whatever it is called
    ("photo.jpg", samples.HTML),  # a page renamed .jpg
    ("材料.zip", samples.plain_zip_bytes()),
])
def test_it_refuses_what_is_not_an_allowed_kind(name, content):
    with pytest.raises(ValidationError) as error:
        check_upload(samples.upload(name, content, "image/jpeg"), MEETING)
    assert error.value.messages == [
        f"“{name}”不是 JPEG/PNG 图片、PDF、Word（.docx）或 Excel（.xlsx）文件，不能作为会议附件上传。"]


def test_it_refuses_a_300_mb_upload_before_reading_it():
    big = samples.declared_huge("会议录像.pdf", samples.PDF, 300 * 1024 * 1024)
    with pytest.raises(ValidationError) as error:
        check_upload(big, MEETING)
    assert error.value.messages == ["“会议录像.pdf”大小为 300.0 MB，超过会议附件每个文件 10.0 MB 的上限。"]
    assert big.file.tell() == 0  # never read


def test_the_limit_is_exact():
    at_limit = samples.PDF[:-6] + b" " * (TEN_MB - len(samples.PDF)) + b"%%EOF\n"
    assert len(at_limit) == TEN_MB
    assert check_upload(samples.upload("a.pdf", at_limit), MEETING).kind == files.PDF
    with pytest.raises(ValidationError, match="大小为 10.0 MB，超过会议附件每个文件 10.0 MB 的上限"):
        check_upload(samples.upload("b.pdf", at_limit + b" "), MEETING)


@pytest.mark.parametrize("maker,message", [
    (samples.docm_bytes, "含有宏或控件（VBA、Excel 4.0 宏表、ActiveX），不能上传"),
    (samples.docx_with_vba_part_bytes, "含有宏或控件（VBA、Excel 4.0 宏表、ActiveX），不能上传"),
    (samples.docx_declaring_macros_bytes, "含有宏或控件（VBA、Excel 4.0 宏表、ActiveX），不能上传"),
    (samples.zip_bomb_docx_bytes, "已损坏或结构异常"),
    (lambda: samples.OLE2, "是旧版（.doc/.xls）或设置了打开密码的 Office 文件，不能上传"),
    (lambda: b"PK\x03\x04 truncated", "已损坏或结构异常"),
])
def test_it_refuses_office_files_that_carry_code_or_cannot_be_checked(maker, message):
    with pytest.raises(ValidationError) as error:
        check_upload(samples.upload("记录.docx", maker()), MEETING)
    assert error.value.messages[0].startswith(f"“记录.docx”{message}")


def test_a_field_without_office_kinds_gives_the_plain_refusal_for_an_office_file():
    with pytest.raises(ValidationError) as error:
        check_upload(samples.upload("照片.docx", samples.docm_bytes()), "activity_photo")
    assert error.value.messages == ["“照片.docx”不是 JPEG 或 PNG 格式的图片，不能作为活动照片上传。"]


def test_the_refusal_is_under_the_field_when_asked():
    with pytest.raises(ValidationError) as error:
        check_upload(samples.upload("x.html", samples.HTML), MEETING, field="attachment")
    assert list(error.value.message_dict) == ["attachment"]


# --- what is accepted ------------------------------------------------------------------------------

@pytest.mark.parametrize("name,maker,kind,shown", [
    ("签到表.pdf", lambda: samples.PDF, files.PDF, "签到表.pdf"),
    ("现场.JPEG", lambda: samples.image_bytes("JPEG"), files.JPEG, "现场.jpeg"),
    ("现场.png", lambda: samples.image_bytes("PNG"), files.PNG, "现场.png"),
    ("会议记录.docx", samples.docx_bytes, files.DOCX, "会议记录.docx"),
    ("签到.xlsx", samples.xlsx_bytes, files.XLSX, "签到.xlsx"),
    # A real PDF named .html is a PDF (the content decides) and is shown and downloaded as .pdf.
    ("签到表.html", lambda: samples.PDF, files.PDF, "签到表.pdf"),
    ("扫描件", lambda: samples.PDF, files.PDF, "扫描件.pdf"),
])
def test_it_accepts_the_allowed_kinds_by_content(name, maker, kind, shown):
    checked = check_upload(samples.upload(name, maker(), "text/html"), MEETING)
    assert (checked.kind, checked.name, checked.file.name) == (kind, shown, "upload" + kind.extension)


def test_policies_differ_by_field():
    with pytest.raises(ValidationError, match="不能作为活动照片上传"):
        check_upload(samples.upload("a.pdf", samples.PDF), "activity_photo")
    assert check_upload(samples.upload("a.pdf", samples.PDF), "activity_sign_in").kind == files.PDF
    with pytest.raises(ValidationError, match="不能作为导入文件上传"):
        check_upload(samples.upload("a.docx", samples.docx_bytes()), "import_workbook")
    assert check_upload(samples.upload("a.xlsx", samples.xlsx_bytes()), "import_workbook").kind == files.XLSX


def test_every_policy_refuses_markup_and_has_a_limit():
    for key, policy in files.POLICIES.items():
        assert policy.max_bytes <= 20 * 1024 * 1024, key
        for content in (samples.HTML, samples.SVG, samples.JS, samples.PDF_PREFIXED_HTML):
            with pytest.raises(ValidationError):
                check_upload(samples.upload("x", content), key)


def test_the_validator_checks_new_uploads_and_leaves_stored_files_alone(db):
    validator = AllowedFile(MEETING)
    with pytest.raises(ValidationError):
        validator(samples.upload("x.html", samples.HTML))
    from evaluations.models import OrganizationLifeMeeting
    stored = OrganizationLifeMeeting._meta.get_field("attachment").attr_class(
        instance=None, field=OrganizationLifeMeeting._meta.get_field("attachment"), name="old/page.html")
    validator(stored)  # an already stored file (from before the checks) keeps its record editable


def test_sniff_leaves_the_file_at_its_start():
    item = samples.upload("a.docx", samples.docx_bytes())
    item.read(10)
    assert sniff(item) == files.DOCX and item.tell() == 0


# --- names -----------------------------------------------------------------------------------------

def test_the_stored_name_is_generated_and_never_the_users():
    name = StoredName("evaluations/meetings")(None, "upload.pdf")
    assert re.fullmatch(r"evaluations/meetings/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", name)
    assert StoredName("x")(None, "upload.pdf") != StoredName("x")(None, "upload.pdf")
    # Should a caller pass the user's name, only an extension of one of our kinds survives.
    assert re.fullmatch(r"x/\d{4}/\d{2}/[0-9a-f]{32}", StoredName("x")(None, "../../etc/张三身份证.html"))


def test_every_file_field_of_the_project_stores_under_generated_names():
    """Whatever the field's upload_to, the stored name never carries the user's file name."""
    fields = [(model, field) for model in apps.get_models()
              for field in model._meta.get_fields() if isinstance(field, models.FileField)]
    labels = {f"{model._meta.label}.{field.name}" for model, field in fields}
    assert {"activities.ActivityAttachment.file", "evaluations.OrganizationLifeMeeting.attachment",
            "dataexchange.ImportJob.file", "dataexchange.ExportJob.file"} <= labels
    hostile = "../../张三身份证号码.html"
    for model, field in fields:
        assert callable(field.upload_to), f"{model._meta.label}.{field.name}"
        instance = model(**({"fmt": "xlsx"} if model._meta.label == "dataexchange.ExportJob" else {}))
        stored = field.upload_to(instance, hostile)
        assert "张三" not in stored and ".." not in stored and not stored.endswith(".html"), (field, stored)
        assert re.search(r"[0-9a-f]{32}", stored), (field, stored)


@pytest.mark.parametrize("name,kind,expected", [
    ("C:\\Users\\张三\\签到表.pdf", files.PDF, "签到表.pdf"),
    ("../../etc/passwd", None, "passwd"),
    ("photo\u202egpj.exe", files.JPEG, "photogpj.jpg"),  # right-to-left override removed
    ('a"b<c>.docx', files.DOCX, "a_b_c_.docx"),
    ("\x00\r\n", None, "附件"),
    (" ... ", files.PDF, "附件.pdf"),
    (".bashrc", None, "bashrc"),  # no hidden files
    ("报告." + "长" * 300 + ".xlsx", files.XLSX, "报告." + "长" * 112 + ".xlsx"),  # 120 characters in all
])
def test_clean_filename(name, kind, expected):
    assert clean_filename(name, kind) == expected


# --- serving ---------------------------------------------------------------------------------------

def _stored(content: bytes, name: str = "upload.pdf"):
    from evaluations.models import OrganizationLifeMeeting
    field = OrganizationLifeMeeting._meta.get_field("attachment")
    stored_name = default_storage.save(StoredName("test")(None, name), ContentFile(content))
    return field.attr_class(instance=None, field=field, name=stored_name)


@pytest.mark.parametrize("content,content_type,filename,download", [
    (samples.PDF, "application/pdf", "签到表.html", "签到表.pdf"),
    (samples.image_bytes("PNG"), "image/png", "现场.png", "现场.png"),
    (samples.docx_bytes(), files.DOCX.content_type, "记录.docx", "记录.docx"),
    # Stored before the checks (anything at all): a download of unknown type, never a page.
    (samples.HTML, "application/octet-stream", "旧附件.html", "旧附件.html"),
])
def test_the_download_is_an_attachment_of_the_sniffed_type(content, content_type, filename, download):
    response = file_response(_stored(content), filename=filename)
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith("filename*=utf-8''" + _quoted(download))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == content


def _quoted(name: str) -> str:
    from urllib.parse import quote
    return quote(name)


def test_a_missing_stored_file_is_404():
    from django.http import Http404
    stored = _stored(samples.PDF)
    default_storage.delete(stored.name)
    with pytest.raises(Http404):
        file_response(stored)


# --- /media/ ---------------------------------------------------------------------------------------

@pytest.fixture
def debug_urls(settings, tmp_path):
    """ali_party.urls as `make run` builds it (DEBUG on, files on disk in MEDIA_ROOT)."""
    import ali_party.urls
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path
    importlib.reload(ali_party.urls)
    clear_url_caches()
    yield tmp_path
    settings.DEBUG = False
    importlib.reload(ali_party.urls)
    clear_url_caches()


def test_media_is_not_served_under_debug(debug_urls, client, world):
    (debug_urls / "dataexchange").mkdir()
    (debug_urls / "dataexchange" / "members.xlsx").write_bytes(samples.xlsx_bytes())
    with pytest.raises(Resolver404):
        resolve("/media/dataexchange/members.xlsx")
    assert client.get("/media/dataexchange/members.xlsx").status_code == 404
    client.force_login(world.alice)
    assert client.get("/media/dataexchange/members.xlsx").status_code == 404


def test_no_template_links_to_a_stored_files_url():
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.html")
                 if re.search(r"\.url\b|MEDIA_URL", path.read_text(encoding="utf-8"))]
    assert offenders == []


@pytest.mark.parametrize("backend", ["django.core.files.storage.InMemoryStorage",
                                     "django.core.files.storage.FileSystemStorage"])
def test_the_same_download_url_works_with_either_storage(backend, tmp_path, client_for, world):
    """Production stores on disk (FileSystemStorage), the tests in memory: the view reads through
    the storage API, so the link on the page is the same and works with both."""
    from django.urls import reverse

    from evaluations.services import meeting_create
    from evaluations.tests.factories import kind
    storages = {"default": {"BACKEND": backend, "OPTIONS": {"location": str(tmp_path)}
                            if backend.endswith("FileSystemStorage") else {}},
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=storages):
        import datetime
        meeting = meeting_create(actor=world.alice, organization=world.org_a1, kind=kind("party_lecture"),
                                 held_on=datetime.date(2022, 3, 1), topic="党课",
                                 attachment=samples.upload("党课.pdf", samples.PDF))
        if backend.endswith("FileSystemStorage"):
            assert (tmp_path / meeting.attachment.name).read_bytes() == samples.PDF
        url = reverse("evaluations:meeting_attachment", args=[meeting.pk])
        assert url in client_for(world.alice).get(meeting.get_absolute_url()).content.decode()
        response = client_for(world.alice).get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == samples.PDF
