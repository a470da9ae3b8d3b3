"""Audit retention: rows are kept AUDIT_RETENTION_DAYS (at least 180) days, then purged daily.

On PostgreSQL the append-only trigger (migrations 0003, 0004) refuses every UPDATE of an audit row
and the DELETE of any row younger than 180 days, whoever asks; it lets an older row be deleted. The
purge service is tested on whichever database the run uses (SQLite by default, PostgreSQL in CI)."""
import datetime
import io
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from accounts import services
from accounts.models import AccessEvent, User
from accounts.tasks import purge_audit_log

DAY = datetime.timedelta(days=1)
BASE_DIR = Path(__file__).resolve().parents[2]


def event_at(when: datetime.datetime, marker: str) -> AccessEvent:
    """A security event recorded at `when` (`at` is auto_now_add: the clock is what is moved)."""
    with mock.patch("django.utils.timezone.now", return_value=when):
        return AccessEvent.objects.create(username=marker, kind=AccessEvent.Kind.LOGIN, target=marker)


def entry_at(when: datetime.datetime, marker: str) -> LogEntry:
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User), object_pk="1", object_repr=marker,
        action=LogEntry.Action.UPDATE, changes={"full_name": ["a", "b"]}, timestamp=when)


def markers(model) -> set[str]:
    """The markers of the rows left (purge events aside)."""
    if model is AccessEvent:
        return set(AccessEvent.objects.exclude(kind=AccessEvent.Kind.PURGE).values_list("target", flat=True))
    return set(LogEntry.objects.values_list("object_repr", flat=True))


def purge_events():
    return AccessEvent.objects.filter(kind=AccessEvent.Kind.PURGE)


# The cut.

def test_the_cut_is_local_midnight_retention_days_before_today():
    shanghai = datetime.timezone(datetime.timedelta(hours=8))
    expected = datetime.datetime(2025, 6, 30, tzinfo=shanghai)
    morning = datetime.datetime(2026, 6, 30, 10, 0, tzinfo=shanghai)
    just_after_midnight = datetime.datetime(2026, 6, 30, 0, 30, tzinfo=shanghai)  # 29 June in UTC
    assert services.audit_purge_cutoff(retention_days=365, now=morning) == expected
    assert services.audit_purge_cutoff(retention_days=365, now=just_after_midnight) == expected
    assert services.audit_purge_cutoff(retention_days=180, now=morning) == datetime.datetime(
        2026, 1, 1, tzinfo=shanghai)  # 180 days before 30 June 2026


# The purge (SQLite, or PostgreSQL with its trigger when the run uses it).

def test_purge_deletes_exactly_the_rows_older_than_the_retention(db, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    now = timezone.now()
    cut = services.audit_purge_cutoff(retention_days=365, now=now)
    for age in (500, 366, 365, 364, 200, 0):
        event_at(now - age * DAY, f"event-{age}d")
    event_at(cut - datetime.timedelta(seconds=1), "event-just-before-cut")
    event_at(cut, "event-at-cut")
    for age in (400, 366, 10):
        entry_at(now - age * DAY, f"entry-{age}d")

    purge = services.audit_purge(source="测试")

    assert (purge.access_events, purge.log_entries, purge.total, purge.dry_run) == (3, 2, 5, False)
    assert markers(AccessEvent) == {"event-365d", "event-364d", "event-200d", "event-0d", "event-at-cut"}
    assert markers(LogEntry) == {"entry-10d"}
    event = purge_events().get()
    assert event.username == "（系统）" and event.success and event.user is None
    assert event.target == (f"删除{timezone.localtime(cut):%Y-%m-%d}之前的审计记录：安全事件3条，变更记录2条"
                            "（保留期365天，测试）")


def test_purge_at_the_minimum_retention_deletes_rows_from_181_days_ago(db, settings):
    settings.AUDIT_RETENTION_DAYS = 180
    now = timezone.now()
    for age in (181, 179):
        event_at(now - age * DAY, f"event-{age}d")
        entry_at(now - age * DAY, f"entry-{age}d")

    purge = services.audit_purge(source="测试")

    assert (purge.access_events, purge.log_entries) == (1, 1)
    assert markers(AccessEvent) == {"event-179d"} and markers(LogEntry) == {"entry-179d"}


def test_a_second_purge_the_same_day_deletes_nothing_more(db, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    event_at(timezone.now() - 400 * DAY, "old")
    assert services.audit_purge(source="测试").total == 1
    assert services.audit_purge(source="测试").total == 0
    assert purge_events().count() == 2  # each run is on record, even one that deleted nothing


def test_dry_run_counts_deletes_nothing_and_records_nothing(db, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    now = timezone.now()
    event_at(now - 400 * DAY, "old")
    event_at(now, "new")
    entry_at(now - 400 * DAY, "old-entry")

    purge = services.audit_purge(source="测试", dry_run=True)

    assert (purge.access_events, purge.log_entries, purge.dry_run) == (1, 1, True)
    assert markers(AccessEvent) == {"old", "new"} and markers(LogEntry) == {"old-entry"}
    assert not purge_events().exists()


@pytest.mark.parametrize("days", [179, 90, 0])
def test_purge_refuses_a_retention_below_180_days(db, settings, days):
    settings.AUDIT_RETENTION_DAYS = days  # settings/base.py refuses this at startup; the service again
    event_at(timezone.now() - 179 * DAY, "young")
    with pytest.raises(ImproperlyConfigured, match="不能少于180天"):
        services.audit_purge(source="测试")
    with pytest.raises(ImproperlyConfigured, match="不能少于180天"):
        services.audit_purge(source="测试", retention_days=days, dry_run=True)
    assert markers(AccessEvent) == {"young"} and not purge_events().exists()


# The command, the task, the schedule.

def test_command_prints_counts_in_a_dry_run_then_purges(db, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    now = timezone.now()
    event_at(now - 400 * DAY, "old-1")
    event_at(now - 370 * DAY, "old-2")
    event_at(now, "new")
    entry_at(now - 400 * DAY, "old-entry")
    day = f"{timezone.localtime(services.audit_purge_cutoff(retention_days=365, now=now)):%Y-%m-%d}"

    out = io.StringIO()
    call_command("audit_purge", "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        f"审计记录保留期 365 天：将删除 {day} 之前的记录。",
        "  安全事件（accounts.AccessEvent）：2 条",
        "  变更记录（auditlog.LogEntry）：1 条",
        "试运行：未删除任何记录。",
    ]
    assert AccessEvent.objects.count() == 3 and LogEntry.objects.count() == 1

    out = io.StringIO()
    call_command("audit_purge", stdout=out)
    assert out.getvalue().splitlines()[0] == f"审计记录保留期 365 天：已删除 {day} 之前的记录。"
    assert out.getvalue().splitlines()[-1] == "共删除 3 条；本次清理已记为安全事件。"
    assert markers(AccessEvent) == {"new"} and LogEntry.objects.count() == 0
    assert purge_events().get().target.endswith("（保留期365天，命令 audit_purge）")


def test_command_refuses_a_retention_below_180_days(db, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    with pytest.raises(CommandError, match="审计记录保留期不能少于180天（AUDIT_RETENTION_DAYS=30）"):
        call_command("audit_purge", stdout=io.StringIO())


def test_the_daily_task_purges(db, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    event_at(timezone.now() - 400 * DAY, "old")
    entry_at(timezone.now() - 400 * DAY, "old-entry")
    assert purge_audit_log.delay().get() == 2
    assert purge_events().get().target.endswith("（保留期365天，定时任务）")


def test_beat_runs_the_purge_daily():
    from ali_party.celery import app

    entry = django_settings.CELERY_BEAT_SCHEDULE["audit-purge-daily"]
    assert entry["task"] == "accounts.tasks.purge_audit_log" and entry["task"] in app.tasks
    schedule = entry["schedule"]
    assert (schedule.hour, schedule.minute, len(schedule.day_of_week), len(schedule.day_of_month)) == (
        {3}, {15}, 7, 31)


@pytest.mark.parametrize("value, accepted", [(None, "365"), ("90", None), ("179", None), ("abc", None),
                                             ("180", "180"), ("400", "400")])
def test_startup_refuses_a_retention_below_180_days(value, accepted):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="ali_party.settings.test", AUDIT_RETENTION_DAYS=value or "")
    if value is None:
        del env["AUDIT_RETENTION_DAYS"]  # the default
    code = "import django; django.setup(); from django.conf import settings; print(settings.AUDIT_RETENTION_DAYS)"
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=BASE_DIR, capture_output=True, text=True,
                            timeout=120)
    if accepted:
        assert result.returncode == 0 and result.stdout.strip() == accepted
    else:
        assert result.returncode != 0
        assert f"at least 180 (GB/T 22239-2019); got '{value}'" in result.stderr
        assert "审计记录保留期必须是不少于180的整数天数" in result.stderr


# The trigger (PostgreSQL only).

def _refused(statement: str, params=()) -> str:
    with pytest.raises(Exception) as caught:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, params)
    return str(caught.value)


TABLES = [("accounts_accessevent", event_at), ("auditlog_logentry", entry_at)]


@pytest.mark.postgres
@pytest.mark.parametrize("table, make", TABLES, ids=["access_event", "log_entry"])
def test_postgresql_refuses_every_update_even_of_an_old_row(db, table, make):
    now = timezone.now()
    fresh, old = make(now, "fresh"), make(now - 400 * DAY, "old")
    column = "username" if table == "accounts_accessevent" else "object_repr"
    for row in (fresh, old):
        message = _refused(f"UPDATE {table} SET {column} = 'x' WHERE id = %s", [row.pk])
        assert "审计记录只能追加，不能修改" in message
    # Moving a row back in time (to make it deletable) is an UPDATE too.
    time_column = "at" if table == "accounts_accessevent" else "timestamp"
    assert "不能修改" in _refused(f"UPDATE {table} SET {time_column} = now() - interval '400 days' WHERE id = %s",
                                  [fresh.pk])
    assert markers(type(fresh)) == {"fresh", "old"}


@pytest.mark.postgres
@pytest.mark.parametrize("table, make", TABLES, ids=["access_event", "log_entry"])
def test_postgresql_refuses_to_delete_a_row_younger_than_180_days(db, table, make):
    now = timezone.now()
    rows = [make(now, "fresh"), make(now - 179 * DAY, "179d")]
    for row in rows:
        message = _refused(f"DELETE FROM {table} WHERE id = %s", [row.pk])
        assert "审计记录只能追加：保存不满180天的不能删除" in message
    # Through the ORM too: the application is refused like anyone else.
    with pytest.raises(Exception, match="保存不满180天的不能删除"):
        with transaction.atomic():
            type(rows[0]).objects.filter(pk=rows[0].pk).delete()
    assert markers(type(rows[0])) == {"fresh", "179d"}


@pytest.mark.postgres
@pytest.mark.parametrize("table, make", TABLES, ids=["access_event", "log_entry"])
def test_postgresql_allows_deleting_a_row_older_than_180_days(db, table, make):
    now = timezone.now()
    old, kept = make(now - 181 * DAY, "181d"), make(now, "fresh")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [old.pk])
        assert cursor.rowcount == 1
    assert markers(type(old)) == {"fresh"} and kept.pk


@pytest.mark.postgres
def test_postgresql_refuses_a_purge_that_would_cut_below_180_days(db):
    """Even if the service's own check were bypassed, the database keeps 180 days."""
    event_at(timezone.now() - 100 * DAY, "young")
    with mock.patch.object(services, "audit_retention_days", return_value=30):
        with pytest.raises(Exception, match="保存不满180天的不能删除"):
            services.audit_purge(source="测试")
    assert markers(AccessEvent) == {"young"} and not purge_events().exists()
