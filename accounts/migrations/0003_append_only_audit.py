"""Audit rows are append-only: on PostgreSQL a trigger refuses UPDATE and DELETE on the change log
(django-auditlog) and the security-event log, whoever the application connects as. Retention
purges (rows older than the 180 days the rules require) are a DBA task run with the trigger
disabled under a separate role."""
from django.db import migrations

TABLES = ["auditlog_logentry", "accounts_accessevent"]

FUNCTION = """
CREATE OR REPLACE FUNCTION audit_rows_are_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '审计记录只能追加，不能修改或删除 (table %%)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION audit_rows_are_append_only()")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_rows_are_append_only()")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_password_history"),
        ("auditlog", "__latest__"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
