"""A trigram index on members' names for the member picker's "name contains" search (PostgreSQL
only; SQLite scans). It answers searches of three or more characters that find few members; the
ordered (name, id, organization) index answers the common ones (cadres/pickers.py)."""
from django.db import migrations

INDEX = "member_name_trgm_idx"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON cadres_partymember USING gin (name gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("cadres", "0006_member_picker_index")]
    operations = [migrations.RunPython(forwards, backwards)]
