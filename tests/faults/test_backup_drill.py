"""The backup and restore drill (scripts/backup_drill.sh) on a throwaway cluster with demo data:
pg_dump -Fc, pg_restore into a fresh database, and every table's row count and checksum equal —
and the drill does fail when the restored copy differs."""
import os
import re
import subprocess
import time

import psycopg2
import pytest

from . import harness

DRILL = harness.ROOT / "scripts" / "backup_drill.sh"

# Some writes through the services too, so the audit log and the snapshots are not empty.
WRITES = """
import json
from accounts.models import User
from branches.models import Area
from branches.services import organization_create
from indicators.services import recompute

clerk = User.objects.get(username="gaer")
village = Area.objects.filter(level="village", path__startswith=clerk.scope_area.path).order_by("path").first()
for n in range(5):
    organization_create(actor=clerk, name=f"备份演练党支部{n}", kind="branch", area=village)
recompute(years=[2022])
print(json.dumps({}))
"""


def _drill(pg, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "DATABASE_URL"))}
    env.update(PGHOST="127.0.0.1", PGPORT=str(pg.port), PGUSER="postgres", PG_BIN=str(pg.bindir))
    return subprocess.run(["bash", str(DRILL), *args], env=env, capture_output=True, text=True, timeout=300)


def _line(output: str, table: str) -> list[str]:
    return next(line.split() for line in output.splitlines() if line.startswith(f"public.{table} "))


@pytest.mark.postgres
def test_it_restores_a_backup_with_equal_row_counts_and_checksums(pg_cluster, demo_db, clone):
    started = time.monotonic()
    db = clone(demo_db)
    harness.shell(harness.django_env(pg_cluster, db, INDICATORS_AUTO_RECOMPUTE="0"), WRITES)
    restored = f"{db}_restored"
    pg_cluster.drop_database(restored)

    drill = _drill(pg_cluster, "--keep", "--target", restored, db)
    try:
        assert drill.returncode == 0, drill.stdout + drill.stderr
        tables, rows, differences = map(int, re.search(r"(\d+) tables, (\d+) rows, (\d+) differences",
                                                       drill.stdout).groups())
        assert differences == 0 and tables > 50 and rows > 10_000
        assert "DIFF" not in drill.stdout
        for table in ("cadres_partymember", "branches_partyorganization", "auditlog_logentry",
                      "indicators_indicatorsnapshot", "accounts_user"):
            name, source_rows, restored_rows, source_sum, restored_sum, *_ = _line(drill.stdout, table)
            assert int(source_rows) > 0 and source_rows == restored_rows and source_sum == restored_sum, name
        assert "一致 OK" in next(line for line in drill.stdout.splitlines() if line.startswith("schema "))

        # The restored audit log is append-only, like the original (the trigger came back too).
        with pytest.raises(psycopg2.Error, match="审计记录只能追加"):
            pg_cluster.sql(restored, "DELETE FROM auditlog_logentry")

        # The drill fails when the copy differs: one changed row, one row less.
        pg_cluster.sql(restored, "UPDATE cadres_partymember SET name = name || '改' "
                                 "WHERE id = (SELECT min(id) FROM cadres_partymember)")
        pg_cluster.sql(restored, "DELETE FROM branches_partyorganization WHERE name = '备份演练党支部4'")
        compared = _drill(pg_cluster, "--compare-only", db, restored)
        assert compared.returncode == 1, compared.stdout + compared.stderr
        diff = {line.split()[0] for line in compared.stdout.splitlines() if line.endswith("DIFF")}
        assert diff == {"public.cadres_partymember", "public.branches_partyorganization"}
        assert "2 differences" in compared.stdout
    finally:
        pg_cluster.drop_database(restored)
    keys = ("public.accounts_user ", "public.auditlog_logentry ", "public.cadres_partymember ",
            "sequence public.accounts_user_id_seq", "schema ")
    print("\n" + "\n".join(line for line in drill.stdout.splitlines()[:2] if line) + "\n"
          + "\n".join(line for line in drill.stdout.splitlines() if line.startswith(keys)))
    print(f"Backup drill: {tables} tables, {rows} rows restored, 0 differences "
          f"({drill.stdout.splitlines()[0]}); a changed copy is refused; test {time.monotonic() - started:.1f} s")
