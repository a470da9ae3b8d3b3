"""Issue 17, item 7: expensive requests have limits — rows are counted while the sheet is streamed
(never trusting <dimension>), large exports are background jobs downloaded once by their owner, and
a user has at most one import and one export queued or running."""
import datetime
import io
import re

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessEvent
from cadres.tests.factories import PartyMemberFactory
from cadres.validators import make_id_number
from dataexchange.models import ExportJob, ImportJob
from dataexchange.reading import RefusedFile, read_sheet
from dataexchange.tasks import purge_stale_uploads

from .helpers import MEMBER_HEADERS, member_row, rewrite_sheet, without_dimension, xlsx

ID1 = make_id_number("542523", datetime.date(1990, 5, 1), 51, gender="M")
PRIVATE = storages["dataexchange"]


# --------------------------------------------------------------------------- reading

def _poisoned_after_row(content: bytes, row: int) -> bytes:
    """The sheet XML cut right after the start tag of `row` and followed by bytes no XML parser
    accepts: whoever reads past that row fails with "damaged file", not with the row limit."""
    def cut(xml):
        match = re.search(rb'<row r="%d"[^>]*>' % row, xml)
        return xml[:match.end()] + b"<<< \x00 not xml at all &&&"
    return rewrite_sheet(content, cut)


def test_a_sheet_without_dimension_is_refused_after_reading_at_most_limit_plus_one_rows(settings, monkeypatch):
    settings.DATAEXCHANGE_MAX_ROWS = 5
    rows = [member_row(f"人{i}", ID1) for i in range(40)]
    content = without_dimension(xlsx(MEMBER_HEADERS, rows))
    assert b"<dimension" not in content and b"<dimension" not in _sheet_xml(content)
    # Header (row 1) and 5 data rows are allowed; row 7 is data row 6 = limit + 1. Nothing after
    # its start tag is readable, so a reader that went further would report a damaged file.
    poisoned = _poisoned_after_row(content, 7)
    opened = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(a) or pytest.fail("opened"))
    with pytest.raises(RefusedFile) as refused:
        read_sheet(io.BytesIO(poisoned))
    assert str(refused.value) == "数据超过单次导入上限 5 行，已拒绝导入；请分成几个文件导入。"
    assert opened == []  # refused before openpyxl (which sizes a sheet without <dimension> by reading it all)


def _sheet_xml(content: bytes) -> bytes:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")


def test_a_sheet_without_dimension_within_the_limit_is_read(settings):
    settings.DATAEXCHANGE_MAX_ROWS = 5
    content = without_dimension(xlsx(MEMBER_HEADERS, [member_row(f"人{i}", ID1) for i in range(5)]))
    sheet = read_sheet(io.BytesIO(content))
    assert [number for number, _values in sheet.rows] == [2, 3, 4, 5, 6]


def test_a_row_numbered_past_the_limit_is_refused_even_with_gaps(settings):
    settings.DATAEXCHANGE_MAX_ROWS = 5
    content = without_dimension(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))
    far = rewrite_sheet(content, lambda xml: xml.replace(b'<row r="2"', b'<row r="900"').replace(
        b'r="A2"', b'r="A900"'))
    with pytest.raises(RefusedFile, match="超过单次导入上限 5 行"):
        read_sheet(io.BytesIO(far))


# --------------------------------------------------------------------------- export jobs

@pytest.fixture
def members(world):
    for i in range(3):
        PartyMemberFactory(organization=world.org_a1, name=f"噶尔党员{i}", phone="13908970001")
    PartyMemberFactory(organization=world.org_b1, name="普兰的人")


def _export(client, capture, fmt="xlsx", query=""):
    with capture(execute=True):
        return client.get(reverse("dataexchange:export", args=["members", fmt]) + query)


def test_a_small_export_stays_inline(world, members, client_for, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_INLINE_MAX_ROWS = 3
    response = _export(client_for(world.alice), django_capture_on_commit_callbacks)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    assert not ExportJob.objects.exists()


def test_a_large_export_is_a_job_downloaded_once_by_its_owner(world, members, client_for, settings,
                                                              django_capture_on_commit_callbacks):
    settings.EXPORT_INLINE_MAX_ROWS = 2
    client = client_for(world.alice)
    response = _export(client, django_capture_on_commit_callbacks, "csv", "?name=噶尔")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.rows_total == job.rows_done == 3
    assert job.file.name.startswith("exports/") and PRIVATE.exists(job.file.name)
    assert not AccessEvent.objects.filter(kind=AccessEvent.Kind.EXPORT).exists()  # nothing has left yet
    status = client.get(reverse("dataexchange:export_job_status", args=[job.pk])).json()
    assert status["status"] == "done" and status["percent"] == 100
    assert "下载导出文件" in client.get(job.get_absolute_url()).content.decode()

    bob = client_for(world.bob)
    for url in (job.get_absolute_url(), reverse("dataexchange:export_job_status", args=[job.pk])):
        assert bob.get(url).status_code == 404
    assert bob.post(reverse("dataexchange:export_job_download", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE

    client = client_for(world.alice)
    download = client.post(reverse("dataexchange:export_job_download", args=[job.pk]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    text = download.content.decode("utf-8-sig")
    assert text.count("噶尔党员") == 3 and "普兰的人" not in text and "139****0001" in text
    [event] = AccessEvent.objects.filter(kind=AccessEvent.Kind.EXPORT, user=world.alice)
    assert "3行" in event.target and f"后台任务{job.pk}" in event.target and "name=" in event.target
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DOWNLOADED and job.file.name == "" and PRIVATE.listdir("exports")[1] == []
    again = client.post(reverse("dataexchange:export_job_download", args=[job.pk]), follow=True)
    assert "已下载过或已过期删除" in again.content.decode()
    assert AccessEvent.objects.filter(kind=AccessEvent.Kind.EXPORT).count() == 1


def test_a_second_export_while_one_runs_gets_a_link_to_it(world, members, client_for, settings,
                                                          django_capture_on_commit_callbacks):
    settings.EXPORT_INLINE_MAX_ROWS = 2
    running = ExportJob.objects.create(user=world.alice, kind="organizations", fmt="xlsx",
                                       status=ExportJob.Status.RUNNING)
    client = client_for(world.alice)
    response = _export(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == running.get_absolute_url()
    assert ExportJob.objects.count() == 1
    page = client.get(response.url).content.decode()
    assert "您已有一个导出任务正在处理" in page
    # Another user is not held up by alice's job.
    carol = client_for(world.carol)
    assert _export(carol, django_capture_on_commit_callbacks).status_code == 302
    assert ExportJob.objects.filter(user=world.carol, status=ExportJob.Status.DONE).count() == 1


def test_an_unloaded_export_expires(world, members, client_for, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_INLINE_MAX_ROWS = 2
    settings.EXPORT_RESULT_RETENTION_HOURS = 24
    client = client_for(world.alice)
    _export(client, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    name = job.file.name
    ExportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=25))
    assert purge_stale_uploads.apply().get()["expired_exports"] == 1
    job.refresh_from_db()
    assert job.status == ExportJob.Status.EXPIRED and job.file.name == "" and not PRIVATE.exists(name)
    response = client.post(reverse("dataexchange:export_job_download", args=[job.pk]), follow=True)
    assert "已下载过或已过期删除" in response.content.decode()


def test_an_export_job_with_a_refused_filter_fails_with_the_reason(world, members, client_for, settings):
    from dataexchange import services

    settings.EXPORT_INLINE_MAX_ROWS = 0
    job = services.export_job_create(actor=world.carol, kind="members", fmt="xlsx",
                                     params=f"organization={world.org_a1.pk}")
    services.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED and "筛选条件有误" in job.message and job.file.name == ""


# --------------------------------------------------------------------------- one import at a time

def test_an_upload_while_an_import_runs_is_refused_with_a_link(world, client_for, django_capture_on_commit_callbacks):
    running = ImportJob.objects.create(user=world.alice, kind="activities", original_name="活动.xlsx",
                                       status=ImportJob.Status.VALIDATING)
    client = client_for(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dataexchange:import", args=["members"]), {
            "file": SimpleUploadedFile("党员.xlsx", xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))})
    html = response.content.decode()
    assert response.status_code == 200 and "您已有一个导入任务正在处理" in html
    assert running.get_absolute_url() in html
    assert ImportJob.objects.count() == 1
    try:
        assert PRIVATE.listdir("imports")[1] == []  # the refused upload was not kept
    except FileNotFoundError:
        pass


def test_a_confirm_while_another_import_runs_is_refused(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dataexchange:import", args=["members"]), {
            "file": SimpleUploadedFile("党员.xlsx", xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))})
    previewed = ImportJob.objects.get()
    running = ImportJob.objects.create(user=world.alice, kind="activities", original_name="活动.xlsx",
                                       status=ImportJob.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("dataexchange:job_confirm", args=[previewed.pk]))
    assert response.url == running.get_absolute_url()
    previewed.refresh_from_db()
    assert previewed.status == ImportJob.Status.PREVIEWED


def test_the_database_holds_one_running_job_per_user(world):
    ImportJob.objects.create(user=world.alice, kind="members", original_name="a", status="validating")
    ImportJob.objects.create(user=world.alice, kind="members", original_name="b", status="previewed")
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportJob.objects.create(user=world.alice, kind="members", original_name="c", status="committing")
    ExportJob.objects.create(user=world.alice, kind="members", fmt="csv", status="pending")
    with pytest.raises(IntegrityError), transaction.atomic():
        ExportJob.objects.create(user=world.alice, kind="members", fmt="csv", status="running")
    ExportJob.objects.create(user=world.bob, kind="members", fmt="csv", status="running",
                             file=ContentFile(b"x", name="x"))
