from django.db import migrations


def seed_catalogues(apps, schema_editor):
    from funding.catalogues import seed

    seed(apps.get_model("funding", "FundSource"), apps.get_model("funding", "FundPurpose"))


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(seed_catalogues, migrations.RunPython.noop)]
