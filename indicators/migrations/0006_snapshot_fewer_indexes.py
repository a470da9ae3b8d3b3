"""Less to maintain per snapshot row: no index on area alone (covered by area + year), none on
year alone (covered by the unique constraint, now year first), no foreign-key check (see the
model)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('branches', '0003_progress_message'),
        ('indicators', '0005_recompute_queue'),
    ]

    # The new unique constraint first, so that no moment is without one.
    operations = [
        migrations.AddConstraint(
            model_name='indicatorsnapshot',
            constraint=models.UniqueConstraint(fields=('year', 'code', 'area'), name='snapshot_unique_year_code_area'),
        ),
        migrations.RemoveConstraint(
            model_name='indicatorsnapshot',
            name='snapshot_unique_code_area_year',
        ),
        migrations.RemoveIndex(
            model_name='indicatorsnapshot',
            name='snapshot_year_idx',
        ),
        migrations.AlterField(
            model_name='indicatorsnapshot',
            name='area',
            field=models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='indicator_snapshots', to='branches.area', verbose_name='区域'),
        ),
    ]
