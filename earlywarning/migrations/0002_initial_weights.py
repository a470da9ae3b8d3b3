"""The first weight version, from the declared table (earlywarning.defaults)."""
from django.db import migrations

INITIAL_SIGNALS = ("secretary_vacant", "missed_meetings", "no_candidates", "term_overdue", "dues_arrears",
                   "unresolved_disputes", "previous_listing", "lost_contact", "lapse_warning", "poor_appraisal")
FIRST_YEAR = 2019  # INDICATOR_FIRST_YEAR: the first year the system computes


def forwards(apps, schema_editor):
    from earlywarning import defaults

    WeightSet = apps.get_model("earlywarning", "WeightSet")
    Weight = apps.get_model("earlywarning", "Weight")
    if WeightSet.objects.exists():
        return
    weight_set = WeightSet.objects.create(version=1, valid_from=FIRST_YEAR, watch_from=defaults.WATCH_FROM,
                                          warning_from=defaults.WARNING_FROM, note="初始权重（系统预置）")
    Weight.objects.bulk_create([Weight(weight_set=weight_set, signal=code, weight=defaults.DEFAULT_WEIGHTS[code])
                                for code in INITIAL_SIGNALS])


def backwards(apps, schema_editor):
    apps.get_model("earlywarning", "WeightSet").objects.filter(version=1, scores__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("earlywarning", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
