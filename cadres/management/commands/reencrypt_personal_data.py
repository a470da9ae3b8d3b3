"""Key rotation: re-encrypt every ID number and phone with the current FIELD_ENCRYPTION_KEY and
recompute the ID-number lookup hashes with the current FIELD_LOOKUP_KEY.

    1. FIELD_ENCRYPTION_KEY=<new id>:<new key>, FIELD_ENCRYPTION_OLD_KEYS=<old id>:<old key>
    2. manage.py reencrypt_personal_data
    3. remove the old key from FIELD_ENCRYPTION_OLD_KEYS

(Rotating FIELD_LOOKUP_KEY: the search by ID number finds nothing for rows not yet rehashed until
step 2 has finished; do it in a maintenance window.) Each batch is one transaction; the command
can be run again safely."""
from django.core.management.base import BaseCommand
from django.db import transaction

from cadres.models import PartyMember, SentCadre, id_number_lookup_hash


class Command(BaseCommand):
    help = "Re-encrypt ID numbers and phones with the current key and recompute the lookup hashes."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, batch_size, **options):
        total = 0
        for model, fields in ((PartyMember, ["id_number", "id_number_hash", "phone"]), (SentCadre, ["phone"])):
            pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(pks), batch_size):
                with transaction.atomic():
                    rows = list(model.objects.filter(pk__in=pks[start:start + batch_size]).select_for_update())
                    for row in rows:
                        if model is PartyMember:  # bulk_update does not run the hash field's pre_save
                            row.id_number_hash = id_number_lookup_hash(row.id_number)
                    model.objects.bulk_update(rows, fields)  # values are encrypted afresh on write
                total += len(rows)
        self.stdout.write(f"re-encrypted {total} rows")
