"""The first weight version, as earlywarning.defaults declared it when this migration was written:
written out here, so that a database made later gets the same version 1 as one made now (a later
change of the defaults is a new version, never a different version 1)."""
from django.db import migrations

INITIAL_WEIGHTS = {
    "secretary_vacant": 25, "missed_meetings": 20, "no_candidates": 10, "term_overdue": 15, "dues_arrears": 10,
    "unresolved_disputes": 10, "previous_listing": 15, "lost_contact": 10, "lapse_warning": 10,
    "poor_appraisal": 15,
}
WATCH_FROM, WARNING_FROM = 30, 60
FIRST_YEAR = 2019  # INDICATOR_FIRST_YEAR: the first year the system computes


def forwards(apps, schema_editor):
    WeightSet = apps.get_model("earlywarning", "WeightSet")
    Weight = apps.get_model("earlywarning", "Weight")
    if WeightSet.objects.exists():
        return
    weight_set = WeightSet.objects.create(version=1, valid_from=FIRST_YEAR, watch_from=WATCH_FROM,
                                          warning_from=WARNING_FROM, note="初始权重（系统预置）")
    Weight.objects.bulk_create([Weight(weight_set=weight_set, signal=code, weight=weight)
                                for code, weight in INITIAL_WEIGHTS.items()])


def backwards(apps, schema_editor):
    apps.get_model("earlywarning", "WeightSet").objects.filter(version=1, scores__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("earlywarning", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
