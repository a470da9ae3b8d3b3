"""Every row now has its lookup hash (0003): make it NOT NULL and UNIQUE (a separate migration, so
that on PostgreSQL the ALTER TABLE does not run in the transaction that updated the rows)."""
import ali_party.crypto
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('cadres', '0003_encrypt_personal_data'),
    ]

    operations = [
        migrations.AlterField(
            model_name='partymember',
            name='id_number_hash',
            field=ali_party.crypto.LookupHashField(error_messages={'unique': '该身份证号码已在系统中登记，不能重复录入；如需转接组织关系，请联系上级组织部门。'}, source='id_number', unique=True, verbose_name='身份证号码查找摘要'),
        ),
    ]
