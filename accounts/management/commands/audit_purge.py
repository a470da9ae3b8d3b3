"""manage.py audit_purge [--dry-run]: delete audit rows older than AUDIT_RETENTION_DAYS (celery beat
runs the same service daily: accounts.tasks.purge_audit_log)."""
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.services import audit_purge


class Command(BaseCommand):
    help = "删除超过保留期（AUDIT_RETENTION_DAYS，不少于180天）的审计记录，并把这次清理记为安全事件。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="只统计将删除的行数，不删除、不记录。")

    def handle(self, *args, dry_run=False, **options):
        try:
            purge = audit_purge(source="命令 audit_purge", dry_run=dry_run)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        verb = "将删除" if dry_run else "已删除"
        self.stdout.write(f"审计记录保留期 {purge.retention_days} 天：{verb} "
                          f"{timezone.localtime(purge.cutoff):%Y-%m-%d} 之前的记录。")
        self.stdout.write(f"  安全事件（accounts.AccessEvent）：{purge.access_events} 条")
        self.stdout.write(f"  变更记录（auditlog.LogEntry）：{purge.log_entries} 条")
        if dry_run:
            self.stdout.write("试运行：未删除任何记录。")
        else:
            self.stdout.write(f"共删除 {purge.total} 条；本次清理已记为安全事件。")
