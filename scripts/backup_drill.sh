#!/usr/bin/env bash
# Backup and restore drill (备份恢复演练), issue 11.
#
#   1. pg_dump -Fc of the source database (the backup format production keeps);
#   2. pg_restore of that file into a new, empty database;
#   3. for every table of both databases: the row count and an md5 checksum of all its rows in
#      primary-key order; for every sequence: its current value; and the whole schema (tables,
#      constraints, indexes, triggers such as the append-only audit trigger, functions, grants);
#   4. prints one line per table and exits 1 on any difference (0 when everything is equal).
#
# Usage:
#   scripts/backup_drill.sh [--keep] [--dump-file FILE] [--target NAME] [SOURCE_DB]
#   scripts/backup_drill.sh --compare-only SOURCE_DB TARGET_DB
#
#   SOURCE_DB       database to back up; without it, the name (and host, port, user, password)
#                   are taken from DATABASE_URL (postgres://user:password@host:port/name).
#   --target NAME   name of the database restored into (default: <source>_drill_<timestamp>); it
#                   must not exist yet.
#   --dump-file F   keep the backup file at F (default: a temporary file, deleted at the end).
#   --keep          keep the restored database (default: dropped once compared).
#   --compare-only  compare two existing databases (e.g. after a real restore); no dump/restore.
#
# Connection: the standard libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass).
# The user must be allowed to create databases. PG_BIN selects the PostgreSQL programs (default:
# the newest /usr/lib/postgresql/*/bin, else PATH); pg_dump must not be older than the server.
set -euo pipefail

usage() { sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

KEEP=0
DUMP_FILE=""
TARGET=""
COMPARE_ONLY=0
POSITIONAL=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep) KEEP=1; shift ;;
    --dump-file) DUMP_FILE="$2"; shift 2 ;;
    --target) TARGET="$2"; shift 2 ;;
    --compare-only) COMPARE_ONLY=1; shift ;;
    -h|--help) usage ;;
    -*) echo "unknown option: $1" >&2; usage ;;
    *) POSITIONAL+=("$1"); shift ;;
  esac
done

if [[ -z "${PG_BIN:-}" ]]; then
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n | tail -1 || true)"
  [[ -x "${PG_BIN}/pg_dump" ]] || PG_BIN="$(dirname "$(command -v pg_dump)")"
fi
for tool in pg_dump pg_restore psql createdb dropdb; do
  [[ -x "${PG_BIN}/${tool}" ]] || { echo "missing ${PG_BIN}/${tool} (set PG_BIN)" >&2; exit 2; }
done

# DATABASE_URL → libpq variables (only what is not set already).
if [[ ${#POSITIONAL[@]} -eq 0 && -n "${DATABASE_URL:-}" ]]; then
  if [[ "${DATABASE_URL}" =~ ^postgres(ql)?://(([^:@/]*)(:([^@/]*))?@)?([^:/?]*)(:([0-9]+))?/([^?]+) ]]; then
    export PGUSER="${PGUSER:-${BASH_REMATCH[3]}}"
    [[ -n "${BASH_REMATCH[5]}" ]] && export PGPASSWORD="${PGPASSWORD:-${BASH_REMATCH[5]}}"
    export PGHOST="${PGHOST:-${BASH_REMATCH[6]}}"
    [[ -n "${BASH_REMATCH[8]}" ]] && export PGPORT="${PGPORT:-${BASH_REMATCH[8]}}"
    POSITIONAL=("${BASH_REMATCH[9]}")
  else
    echo "DATABASE_URL is not a postgres:// URL" >&2; exit 2
  fi
fi
[[ ${#POSITIONAL[@]} -ge 1 ]] || usage
SOURCE="${POSITIONAL[0]}"
if [[ ${COMPARE_ONLY} -eq 1 ]]; then
  [[ ${#POSITIONAL[@]} -eq 2 ]] || usage
  TARGET="${POSITIONAL[1]}"
fi
TARGET="${TARGET:-${SOURCE}_drill_$(date +%Y%m%d%H%M%S)}"

# Same text for the same rows, whatever the server or client defaults.
export PGTZ=UTC PGDATESTYLE="ISO, YMD" PGCLIENTENCODING=UTF8
export PGOPTIONS="${PGOPTIONS:-} -c extra_float_digits=3 -c IntervalStyle=postgres"

WORK="$(mktemp -d -t backup-drill-XXXXXX)"
CREATED_TARGET=0
cleanup() {
  if [[ ${CREATED_TARGET} -eq 1 && ${KEEP} -eq 0 ]]; then
    "${PG_BIN}/dropdb" --if-exists "${TARGET}" >/dev/null 2>&1 || true
  fi
  rm -rf "${WORK}"
}
trap cleanup EXIT

psql_at() { "${PG_BIN}/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$1" "${@:2}"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

if [[ ${COMPARE_ONLY} -eq 0 ]]; then
  DUMP="${DUMP_FILE:-${WORK}/${SOURCE}.dump}"
  started="$(now)"
  "${PG_BIN}/pg_dump" -Fc -f "${DUMP}" "${SOURCE}"
  dump_seconds="$(elapsed "${started}")"
  dump_size="$(du -h "${DUMP}" | cut -f1)"

  started="$(now)"
  # The new database gets the source's encoding and locale.
  IFS='|' read -r encoding collate ctype < <(psql_at "${SOURCE}" -c \
    "SELECT pg_encoding_to_char(encoding), datcollate, datctype FROM pg_database WHERE datname = current_database()")
  "${PG_BIN}/createdb" -T template0 -E "${encoding}" --lc-collate="${collate}" --lc-ctype="${ctype}" "${TARGET}"
  CREATED_TARGET=1
  "${PG_BIN}/pg_restore" --exit-on-error -d "${TARGET}" "${DUMP}"
  restore_seconds="$(elapsed "${started}")"
  echo "备份 pg_dump -Fc ${SOURCE}: ${dump_size}, ${dump_seconds} s; 恢复 pg_restore → ${TARGET}: ${restore_seconds} s"
fi

# One line per table: "<table>|<rows>|<md5 of every row as text, in primary-key order>".
CHECKSUMS_SQL=$(cat <<'SQL'
SELECT format(
  'SELECT %L, count(*), md5(coalesce(string_agg(t::text, E''\n'' ORDER BY %s), '''')) FROM %I.%I t',
  n.nspname || '.' || c.relname,
  coalesce(
    (SELECT string_agg('t.' || quote_ident(a.attname), ', ' ORDER BY k.ord)
       FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = c.oid AND i.indisprimary),
    't::text COLLATE "C"'),
  n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_%'
ORDER BY n.nspname, c.relname
\gexec
SQL
)
SEQUENCES_SQL="SELECT 'sequence ' || schemaname || '.' || sequencename, coalesce(last_value::text, '-'), '-' FROM pg_sequences ORDER BY 1"

describe() {  # $1 database → sorted "name|rows|checksum" lines: tables, sequences, schema
  printf '%s\n' "${CHECKSUMS_SQL}" | psql_at "$1" -F '|'
  psql_at "$1" -F '|' -c "${SEQUENCES_SQL}"
  # The schema as pg_dump writes it, less the per-run \restrict key of recent pg_dump versions.
  printf 'schema (pg_dump --schema-only)|-|%s\n' "$("${PG_BIN}/pg_dump" --schema-only "$1" \
    | grep -v -E '^\\(un)?restrict ' | md5sum | cut -c1-32)"
}

describe "${SOURCE}" | LC_ALL=C sort > "${WORK}/source.txt"
describe "${TARGET}" | LC_ALL=C sort > "${WORK}/target.txt"

# Join the two descriptions on the object name and print the table.
set +e
LC_ALL=C join -t '|' -a 1 -a 2 -e MISSING -o '0,1.2,1.3,2.2,2.3' "${WORK}/source.txt" "${WORK}/target.txt" | awk -F '|' \
  -v source="${SOURCE}" -v target="${TARGET}" '
  BEGIN {
    printf "%-52s %12s %12s  %-12s %-12s %s\n", "表 / 序列 / 结构", "源库行数", "恢复库行数", "源库校验", "恢复库校验", "结果"
  }
  {
    same = ($2 == $4 && $3 == $5)
    if (!same) differences++
    if ($1 !~ /^(sequence |schema )/) { tables++; rows += $2 }
    printf "%-52s %12s %12s  %-12s %-12s %s\n", $1, $2, $4, substr($3, 1, 12), substr($5, 1, 12), same ? "一致 OK" : "不一致 DIFF"
  }
  END {
    printf "\n%s → %s: %d tables, %d rows, %d differences\n", source, target, tables, rows, differences
    exit differences > 0 ? 1 : 0
  }'
status=$?
set -e
if [[ ${status} -eq 0 ]]; then
  echo "演练通过：恢复库与源库逐表一致 (row counts and checksums equal)."
else
  echo "演练失败：恢复库与源库存在差异 (see the lines marked DIFF)." >&2
fi
exit ${status}
