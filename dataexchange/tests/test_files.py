"""Issue 17, item 4: an import's upload is kept privately, under a generated name, and only while
its job needs it; the hourly clean-up expires unconfirmed previews and removes every leftover."""
import datetime
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory
from cadres.validators import make_id_number
from dataexchange import services
from dataexchange.models import ImportJob
from dataexchange.tasks import purge_stale_uploads

from .helpers import MEMBER_HEADERS, member_row, xlsx

ID1 = make_id_number("542523", datetime.date(1990, 5, 1), 41, gender="M")
ID2 = make_id_number("542523", datetime.date(1990, 5, 1), 42, gender="M")
PRIVATE = storages["dataexchange"]


def _upload(client, content, name="党员名单-张三.xlsx", capture=None):
    with capture(execute=True):
        return client.post(reverse("dataexchange:import", args=["members"]),
                           {"file": SimpleUploadedFile(name, content)})


def _stored(job) -> str:
    return ImportJob.objects.filter(pk=job.pk).values_list("file", flat=True).get()


def _files() -> list[str]:
    try:
        return sorted(PRIVATE.listdir("imports")[1])
    except FileNotFoundError:
        return []


@pytest.fixture
def upload(world, client_for, django_capture_on_commit_callbacks):
    client = client_for(world.alice)

    def _go(content, name="党员名单-张三.xlsx"):
        _upload(client, content, name, django_capture_on_commit_callbacks)
        return ImportJob.objects.order_by("-pk").first()
    _go.client = client
    _go.capture = django_capture_on_commit_callbacks
    return _go


@pytest.fixture(autouse=True)
def _empty_storage():
    for folder in ("imports", "exports"):
        try:
            for name in PRIVATE.listdir(folder)[1]:
                PRIVATE.delete(f"{folder}/{name}")
        except FileNotFoundError:
            pass


def test_it_keeps_the_upload_privately_under_a_generated_name(upload):
    job = upload(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))
    assert job.status == ImportJob.Status.PREVIEWED
    name = _stored(job)
    assert name.startswith("imports/") and "张三" not in name and "党员名单" not in name
    assert PRIVATE.exists(name) and not default_storage.exists(name)
    assert job.original_name == "党员名单-张三.xlsx"  # kept as text only
    assert ImportJob._meta.get_field("file").storage is PRIVATE


def test_the_production_storage_is_outside_media_and_has_no_url(settings, tmp_path):
    from ali_party.settings import base
    from dataexchange.storage import PrivateFileSystemStorage

    options = base.STORAGES["dataexchange"]["OPTIONS"]
    assert base.STORAGES["dataexchange"]["BACKEND"] == "dataexchange.storage.PrivateFileSystemStorage"
    location = options["location"].resolve()
    assert base.MEDIA_ROOT.resolve() not in (location, *location.parents)
    assert base.STATIC_ROOT.resolve() not in (location, *location.parents)
    storage = PrivateFileSystemStorage(location=tmp_path, file_permissions_mode=0o600)
    name = storage.save("imports/x.xlsx", ContentFile(b"PK"))
    assert (tmp_path / name).stat().st_mode & 0o077 == 0
    with pytest.raises(ValueError):
        storage.url(name)


def test_a_committed_import_leaves_no_file(upload, world):
    job = upload(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))
    assert _files()
    with upload.capture(execute=True):
        upload.client.post(reverse("dataexchange:job_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and PartyMember.objects.count() == 1
    assert _stored(job) == "" and _files() == []


def test_a_refused_file_leaves_no_file(upload):
    from .helpers import zip_bomb

    job = upload(zip_bomb(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)])))
    assert job.status == ImportJob.Status.REFUSED and "压缩炸弹" in job.message
    assert _stored(job) == "" and _files() == []


def test_a_preview_with_nothing_to_do_leaves_no_file_and_one_with_problems_keeps_it_until_it_expires(upload, world):
    job = upload(xlsx(MEMBER_HEADERS, [member_row("次仁", "123")]))
    assert job.status == ImportJob.Status.PREVIEWED and job.error_count == 1
    # Kept for the problems workbook (services.problems_workbook), as long as a preview to confirm.
    assert _stored(job) and _files() == [_stored(job).rsplit("/", 1)[1]]
    counts = services.jobs_purge_stale(now=timezone.now() + timedelta(hours=25))
    assert counts["expired_previews"] == 1 and _stored(job) == "" and _files() == []
    # The same person as the row below, already registered: the row changes nothing.
    PartyMemberFactory(organization=world.org_a1, name="次仁", id_number=ID2, birth_date=datetime.date(1990, 5, 1),
                       phone="13908970001", applied_on="2012-03-01", activist_on="2012-09-01",
                       candidate_on="2013-10-01", admitted_on="2014-07-01", full_member_on="2015-07-01")
    unchanged = upload(xlsx(MEMBER_HEADERS, [member_row("次仁", ID2)]))
    assert unchanged.unchanged_count == 1, unchanged.preview
    assert _stored(unchanged) == "" and _files() == []


def test_a_commit_that_fails_leaves_no_file(upload, world):
    job = upload(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))
    PartyMemberFactory(organization=world.org_b1, id_number=ID1, birth_date=datetime.date(1990, 5, 1))  # meanwhile
    with upload.capture(execute=True):
        upload.client.post(reverse("dataexchange:job_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert _stored(job) == "" and _files() == []


def test_a_crash_closes_the_job_and_deletes_the_file(upload):
    with mock.patch.object(services, "import_rows", side_effect=RuntimeError("boom")), \
            pytest.raises(RuntimeError):
        upload(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED and "系统错误" in job.message
    assert _stored(job) == "" and _files() == []
    # … and the user may upload again (the job no longer counts as running).
    assert upload(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)])).status == ImportJob.Status.PREVIEWED


def test_an_unconfirmed_preview_expires_and_cannot_be_confirmed(upload, settings):
    settings.IMPORT_UPLOAD_RETENTION_HOURS = 24
    old = upload(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))
    fresh = upload(xlsx(MEMBER_HEADERS, [member_row("卓玛", ID2)]))
    ImportJob.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=25))
    ImportJob.objects.filter(pk=fresh.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=23))
    counts = purge_stale_uploads.apply().get()
    assert counts["expired_previews"] == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == ImportJob.Status.EXPIRED and "请重新上传" in old.message and _stored(old) == ""
    assert fresh.status == ImportJob.Status.PREVIEWED and PRIVATE.exists(_stored(fresh))
    assert _files() == [_stored(fresh).split("/")[-1]]
    page = upload.client.get(old.get_absolute_url()).content.decode()
    assert "已过期" in page and "确认导入</button>" not in page
    with upload.capture(execute=True):
        response = upload.client.post(reverse("dataexchange:job_confirm", args=[old.pk]), follow=True)
    assert "该导入任务已过期" in response.content.decode() and "请重新上传文件" in response.content.decode()
    old.refresh_from_db()
    assert old.status == ImportJob.Status.EXPIRED and PartyMember.objects.count() == 0


def test_the_purge_closes_lost_jobs_and_removes_leftover_and_orphan_files(world, settings):
    settings.DATAEXCHANGE_JOB_STALE_HOURS = 2
    long_ago = timezone.now() - datetime.timedelta(hours=30)
    lost = ImportJob.objects.create(user=world.alice, kind="members", original_name="a.xlsx",
                                    status=ImportJob.Status.VALIDATING, file=ContentFile(b"PK", name="a.xlsx"))
    ImportJob.objects.filter(pk=lost.pk).update(updated_at=long_ago)
    done = ImportJob.objects.create(user=world.bob, kind="members", original_name="b.xlsx",
                                    status=ImportJob.Status.DONE, file=ContentFile(b"PK", name="b.xlsx"))
    orphan = PRIVATE.save("imports/orphan.xlsx", ContentFile(b"PK"))
    recent_orphan = PRIVATE.save("imports/recent.xlsx", ContentFile(b"PK"))
    with mock.patch.object(PRIVATE, "get_modified_time",
                           side_effect=lambda name: long_ago if name == orphan else timezone.now()):
        counts = services.jobs_purge_stale()
    assert counts == {"expired_previews": 0, "expired_exports": 0, "lost_jobs": 1, "files": 1, "orphans": 1}
    lost.refresh_from_db()
    assert lost.status == ImportJob.Status.FAILED and _stored(lost) == "" and _stored(done) == ""
    assert _files() == [recent_orphan.split("/")[-1]]


def test_the_migration_deletes_uploads_kept_in_media(world):
    import importlib

    migration = importlib.import_module("dataexchange.migrations.0002_jobs_private_files_export")
    legacy = default_storage.save("dataexchange/imports/2024/05/import-members.xlsx", ContentFile(b"PK"))
    waiting = ImportJob.objects.create(user=world.alice, kind="members", original_name="x.xlsx",
                                       status=ImportJob.Status.PREVIEWED)
    refused = ImportJob.objects.create(user=world.bob, kind="members", original_name="y.xlsx",
                                       status=ImportJob.Status.REFUSED)
    ImportJob.objects.filter(pk__in=[waiting.pk, refused.pk]).update(file=legacy)
    from django.apps import apps

    migration.close_legacy_jobs(apps, None)
    assert not default_storage.exists(legacy)
    waiting.refresh_from_db()
    refused.refresh_from_db()
    assert waiting.status == ImportJob.Status.EXPIRED and _stored(waiting) == ""
    assert refused.status == ImportJob.Status.REFUSED and _stored(refused) == ""
