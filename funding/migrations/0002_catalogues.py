from django.db import migrations

# The standard catalogues as they were when this migration was written, frozen here so that the
# migration gives the same rows whatever funding/catalogues.py later says (demo loading reads that one).
SOURCES = [
    ("central", "中央三部委", 10),
    ("region", "自治区", 20),
    ("prefecture", "地区财政", 30),
    ("county", "县", 40),
    ("township", "乡", 50),
    ("self", "自筹", 60),
    ("other", "其他", 90),
]

PURPOSES = [
    ("cadre_pay", "村干部报酬", 10),
    ("party_work", "村级组织党建工作经费", 20),
    ("venue", "活动场所建设", 30),
    ("collective_economy", "村级集体经济", 40),
    ("other", "其他", 90),
]


def seed_catalogues(apps, schema_editor):
    """Create the standard entries that are missing (idempotent; never changes edited ones)."""
    for model_name, rows in (("FundSource", SOURCES), ("FundPurpose", PURPOSES)):
        model = apps.get_model("funding", model_name)
        for code, name, order in rows:
            if not model.objects.filter(code=code).exists():
                model.objects.create(code=code, name=name, order=order)


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(seed_catalogues, migrations.RunPython.noop)]
