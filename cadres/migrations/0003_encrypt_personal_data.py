"""Issue 11: ID numbers and phones encrypted at rest (AES-256-GCM, ali_party.crypto), with an HMAC
lookup hash of the ID number. Existing rows are converted here; 0004 then makes the hash unique.

The conversion uses plain SQL on the columns, not the (historical) model, because the model's
fields already expect ciphertext. It is reversible: backwards, values are decrypted again."""
from django.db import migrations

import ali_party.crypto
import cadres.validators
from ali_party import crypto


def _table(apps, model):
    return apps.get_model("cadres", model)._meta.db_table


def encrypt_existing(apps, schema_editor):
    connection, q = schema_editor.connection, schema_editor.connection.ops.quote_name
    members, cadres = _table(apps, "PartyMember"), _table(apps, "SentCadre")

    def seal(value, purpose):
        return crypto.encrypt(value, purpose=purpose) if value and not crypto.is_token(value) else value

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {q('id')}, {q('id_number')}, {q('phone')} FROM {q(members)}")
        rows = [(seal(id_number, "id_number"),
                 crypto.lookup_hash(crypto.decrypt(id_number, purpose="id_number") if crypto.is_token(id_number)
                                    else id_number, purpose="id_number") if id_number else None,
                 seal(phone, "phone"), pk)
                for pk, id_number, phone in cursor.fetchall()]
        cursor.executemany(f"UPDATE {q(members)} SET {q('id_number')} = %s, {q('id_number_hash')} = %s, "
                           f"{q('phone')} = %s WHERE {q('id')} = %s", rows)
        cursor.execute(f"SELECT {q('id')}, {q('phone')} FROM {q(cadres)}")
        rows = [(seal(phone, "phone"), pk) for pk, phone in cursor.fetchall()]
        cursor.executemany(f"UPDATE {q(cadres)} SET {q('phone')} = %s WHERE {q('id')} = %s", rows)


def decrypt_existing(apps, schema_editor):
    connection, q = schema_editor.connection, schema_editor.connection.ops.quote_name
    members, cadres = _table(apps, "PartyMember"), _table(apps, "SentCadre")

    def open_(value, purpose):
        return crypto.decrypt(value, purpose=purpose) if crypto.is_token(value) else value

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {q('id')}, {q('id_number')}, {q('phone')} FROM {q(members)}")
        rows = [(open_(id_number, "id_number"), open_(phone, "phone"), pk)
                for pk, id_number, phone in cursor.fetchall()]
        cursor.executemany(f"UPDATE {q(members)} SET {q('id_number')} = %s, "
                           f"{q('phone')} = %s WHERE {q('id')} = %s", rows)
        cursor.execute(f"SELECT {q('id')}, {q('phone')} FROM {q(cadres)}")
        rows = [(open_(phone, "phone"), pk) for pk, phone in cursor.fetchall()]
        cursor.executemany(f"UPDATE {q(cadres)} SET {q('phone')} = %s WHERE {q('id')} = %s", rows)


class Migration(migrations.Migration):

    dependencies = [
        ('cadres', '0002_cadreworklog_languageassessment_and_more'),
    ]

    operations = [
        migrations.AddField(
            model_name='partymember',
            name='id_number_hash',
            field=ali_party.crypto.LookupHashField(null=True, source='id_number', verbose_name='身份证号码查找摘要'),
        ),
        migrations.AlterField(
            model_name='partymember',
            name='id_number',
            field=ali_party.crypto.EncryptedCharField(max_length=18, validators=[cadres.validators.validate_id_number], verbose_name='身份证号码'),
        ),
        migrations.AlterField(
            model_name='partymember',
            name='phone',
            field=ali_party.crypto.EncryptedCharField(blank=True, max_length=20, verbose_name='联系电话'),
        ),
        migrations.AlterField(
            model_name='sentcadre',
            name='phone',
            field=ali_party.crypto.EncryptedCharField(blank=True, max_length=20, verbose_name='联系电话'),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing, elidable=False),
    ]
