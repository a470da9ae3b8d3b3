"""Audit retention (等保2.0 三级: audit rows kept at least 180 days).

The append-only trigger of 0003 refused every UPDATE and DELETE, so nothing could ever apply a
retention period. It now still refuses every UPDATE and the DELETE of any row younger than 180 days
(by the database clock), whoever asks, and lets the DELETE of an older row through, so that
accounts.services.audit_purge can apply AUDIT_RETENTION_DAYS (365 by default, never below 180).
Each trigger is given the name of its table's time column. PostgreSQL only: SQLite has no triggers
here (the service refuses a retention below 180 days on its own)."""
from django.db import migrations, models

TABLES = {"auditlog_logentry": "timestamp", "accounts_accessevent": "at"}

# RunSQL runs these without parameters, so "%" is PL/pgSQL's placeholder as written.
RETENTION_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_rows_are_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF (to_jsonb(OLD) ->> TG_ARGV[0])::timestamptz < now() - interval '180 days' THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION '审计记录只能追加：保存不满180天的不能删除 (table %, %=%)',
      TG_TABLE_NAME, TG_ARGV[0], to_jsonb(OLD) ->> TG_ARGV[0];
  END IF;
  RAISE EXCEPTION '审计记录只能追加，不能修改 (table %)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""

# 0003's function, for the way back.
APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_rows_are_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '审计记录只能追加，不能修改或删除 (table %)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def _triggers(with_column: bool) -> list[str]:
    statements = []
    for table, column in TABLES.items():
        argument = f"'{column}'" if with_column else ""
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION audit_rows_are_append_only({argument})",
        ]
    return statements


class RunSQLOnPostgreSQL(migrations.RunSQL):
    """RunSQL that does nothing on other databases (SQLite in tests and `make run`)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0003_append_only_audit"),
    ]

    operations = [
        migrations.AlterField(
            model_name="accessevent",
            name="kind",
            field=models.CharField(choices=[("login", "登录"), ("login_failed", "登录失败"), ("logout", "退出"), ("export", "导出"), ("import", "导入"), ("reveal", "查看完整个人信息"), ("purge", "清理过期审计记录")], max_length=20, verbose_name="事件"),  # noqa: E501
        ),
        RunSQLOnPostgreSQL(
            sql=[RETENTION_FUNCTION, *_triggers(with_column=True)],
            reverse_sql=[APPEND_ONLY_FUNCTION, *_triggers(with_column=False)],
        ),
    ]
