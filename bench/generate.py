"""Benchmark data at three scales, on PostgreSQL, deterministic by seed.

    BENCH_DB=bench_ngari   .venv/bin/python -m bench.generate ngari
    BENCH_DB=bench_ngari10 .venv/bin/python -m bench.generate ngari10
    BENCH_DB=bench_tibet   .venv/bin/python -m bench.generate tibet

(`--scale` defaults from BENCH_DB; the database is dropped and re-created: only bench_* names are
accepted.)

How the data is made
--------------------
`ngari` IS the demo: the real tree (7 counties, 38 townships, 145 villages) and every pillar's
demo records (indicators.demo.load_demo), so its 2022 figures are the article's.

The larger scales multiply the demo inside PostgreSQL (INSERT … SELECT, no Python loop over
rows), which keeps every pillar's shape — the same mix of stages, meetings, ratings, money — and
every foreign key consistent:

* Every pillar record hangs under a township (checked: none sits on the county or the root), so
  the unit of copying is a township with its villages and all their records. Copy k (1 … K-1) of a
  row gets id = id + k × stride(table) and each foreign key to a copied table gets the same shift;
  keys to catalogues (activity kinds, fund sources …) and users are kept.
* The copies of the 38 townships are dealt into new counties under the same root (the Area model
  has no "region" level; the root stays the one prefecture node, so at `tibet` scale the root
  dashboard and a prefecture-wide user's scope cover the whole region — the worst case).
* ID numbers must stay unique (an HMAC lookup hash with a UNIQUE index) and agree with the birth
  date: every copied member gets a new, valid ID number (region code of its new county, same
  birth date and gender), encrypted and hashed through the model fields themselves, so whatever
  cadres.models.PartyMember stores (plain, or encrypted + hash) is produced by the app's own code.
* `tibet` also (before copying) shifts the flows back in time — activities, organization-life
  meetings, heart-to-heart talks and democratic-evaluation campaigns with their results are
  copied 2 and 4 years earlier, so 2017–2022 (six years) are covered — and (after copying) adds
  three 作业组党支部 under every village branch plus about 19 % more members placed in them, to
  reach ≈25,000 organizations and ≈450,000 members.

Snapshots are then computed with the app's own indicators.services.recompute (the dashboards
read them). Row counts and timings are written to bench/results/<scale>-generate.json.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"

PILLAR_APPS = ["branches", "cadres", "activities", "capacity", "evaluations", "funding"]
SCALES = {
    # copies of every township, number of counties at the end, time-shifted flow copies, extra orgs
    "ngari": dict(copies=1, counties=7, shifts=(), work_groups=0, extra_member_pct=0),
    "ngari10": dict(copies=10, counties=70, shifts=(), work_groups=0, extra_member_pct=0),
    "tibet": dict(copies=38, counties=74, shifts=(2, 4), work_groups=3, extra_member_pct=19),
}
# Flow tables copied back in time at `tibet` (the root model of each group and what hangs off it).
FLOW_MODELS = [
    "activities.Activity", "activities.ActivityAttachment",
    "evaluations.OrganizationLifeMeeting", "evaluations.MeetingAttendance",
    "evaluations.HeartToHeartTalk",
    "evaluations.EvaluationCampaign", "evaluations.CampaignReopening", "evaluations.EvaluationResult",
    "evaluations.NotEvaluated", "evaluations.FollowUp",
]


def setup_django(db: str) -> None:
    os.environ["BENCH_DB"] = db
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import warnings
    warnings.filterwarnings("ignore", category=RuntimeWarning)
    import django
    django.setup()


def recreate_database(db: str) -> None:
    import psycopg2
    if not db.startswith("bench_"):
        raise SystemExit("refusing: only bench_* databases")
    conn = psycopg2.connect(dbname="postgres", user="postgres", host="127.0.0.1", port=5432)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{db}"')
    conn.close()


# ------------------------------------------------------------------------------------------------
# The set of copied tables, read from the models (so a model added later is copied too)
# ------------------------------------------------------------------------------------------------

def copied_models():
    """Every scoped pillar model, its auto-created M2M tables, and Area. Catalogues are not copied."""
    from django.apps import apps
    from branches.models import Area
    out = [Area]
    for label in PILLAR_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model is Area:
                continue
            if getattr(model, "scope_area_field", None):
                out.append(model)
            elif model._meta.auto_created:
                owner = model._meta.auto_created
                if getattr(owner, "scope_area_field", None):
                    out.append(model)
    return out


def _q(name: str) -> str:
    return '"' + name + '"'


def strides(cur, models) -> dict:
    """stride(table) = max(id) + 1, rounded up: copy k of row id is id + k × stride."""
    out = {}
    for m in models:
        cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {_q(m._meta.db_table)}")
        top = cur.fetchone()[0]
        out[m._meta.db_table] = max(1000, 10 ** len(str(top + 1)))
    return out


def _select_list(model, shifted: set[str], k_expr: str, stride: dict, *, years: int = 0,
                 overrides: dict | None = None) -> tuple[str, str]:
    """(column list, select expressions) copying `model` with ids shifted by k_expr × stride and
    (for time shifts) every date/datetime moved `years` back and every `year` column lowered."""
    from django.db import models as dj
    cols, exprs = [], []
    overrides = overrides or {}
    for f in model._meta.concrete_fields:
        col = f.column
        cols.append(_q(col))
        if col in overrides:
            exprs.append(overrides[col])
        elif f.primary_key:
            exprs.append(f"{_q(col)} + ({k_expr}) * {stride[model._meta.db_table]}")
        elif f.is_relation and f.related_model._meta.db_table in shifted:
            exprs.append(f"{_q(col)} + ({k_expr}) * {stride[f.related_model._meta.db_table]}")
        elif years and isinstance(f, (dj.DateField, dj.DateTimeField)):
            cast = "timestamptz" if isinstance(f, dj.DateTimeField) else "date"
            exprs.append(f"({_q(col)} - interval '{years} years')::{cast}")
        elif years and f.name == "year":
            exprs.append(f"{_q(col)} - {years}")
        else:
            exprs.append(_q(col))
    return ", ".join(cols), ", ".join(exprs)


# ------------------------------------------------------------------------------------------------
# Steps
# ------------------------------------------------------------------------------------------------

def time_shift(cur, shifts) -> dict:
    """Copy the flow records `s` years earlier for each s in `shifts` (before the township copies)."""
    from django.apps import apps
    flow = []
    for label in FLOW_MODELS:
        model = apps.get_model(label)
        flow.append(model)
        for f in model._meta.many_to_many:
            flow.append(f.remote_field.through)
    tables = {m._meta.db_table for m in flow}
    stride = strides(cur, flow)
    counts = defaultdict(int)
    for j, years in enumerate(shifts, start=1):
        for m in flow:
            cols, exprs = _select_list(m, tables, str(j), stride, years=years)
            # M2M tables have no dates; their ids and keys shift like the rest.
            cur.execute(f"INSERT INTO {_q(m._meta.db_table)} ({cols}) SELECT {exprs} "
                        f"FROM {_q(m._meta.db_table)} WHERE id < {stride[m._meta.db_table]}")
            counts[m._meta.db_table] += cur.rowcount
    return dict(counts)


def build_tree(cur, copies: int, counties: int, stride: int) -> list[tuple[int, int, str]]:
    """New Area rows (copies 1 … copies-1 of every township and village) under new counties.

    Returns [(k, new county id, region code)] per (copy, township) for the ID numbers."""
    from branches.models import Area
    table = Area._meta.db_table
    steplen, alphabet = Area.steplen, Area.alphabet

    def step(i: int) -> str:
        s = ""
        while True:
            i, r = divmod(i, len(alphabet))
            s = alphabet[r] + s
            if i == 0:
                break
        return s.rjust(steplen, alphabet[0])

    cur.execute(f"SELECT id, path, depth, numchild, name, level, code, is_border_village, is_community FROM {table} "
                "ORDER BY path")
    rows = cur.fetchall()
    root = rows[0]
    orig_counties = [r for r in rows if r[2] == 2]
    townships = [r for r in rows if r[2] == 3]
    children = defaultdict(list)
    for r in rows:
        if r[2] == 4:
            children[r[1][: 3 * steplen]].append(r)
    county_of = {t[0]: next(c for c in orig_counties if t[1].startswith(c[1])) for t in townships}

    # Township copies (k ≥ 1) in a fixed order, dealt into the new counties in contiguous chunks.
    pending = [(k, t) for k in range(1, copies) for t in townships]
    new_counties = counties - len(orig_counties)
    chunks = [pending[i * len(pending) // new_counties:(i + 1) * len(pending) // new_counties]
              for i in range(new_counties)] if new_counties else []
    # Ids of new counties: after the largest id any copy can take.
    next_county_id = copies * stride + 1
    new_rows, placed = [], []
    for ci, chunk in enumerate(chunks):
        if not chunk:
            continue
        cpath = root[1] + step(len(orig_counties) + ci + 1)
        src_county = county_of[chunk[0][1][0]]
        cid = next_county_id + ci
        region = f"54{(31 + ci) % 100:02d}{(ci // 70) + 21:02d}"  # 6 digits, distinct per new county
        new_rows.append((cid, cpath, 2, len(chunk), f"{src_county[4]}（基准{ci + 1:02d}）", "county",
                         region, False, False))
        for ti, (k, t) in enumerate(chunk, start=1):
            tpath = cpath + step(ti)
            new_rows.append((t[0] + k * stride, tpath, 3, t[3], t[4], t[5], t[6], t[7], t[8]))
            for vi, v in enumerate(children[t[1]], start=1):
                new_rows.append((v[0] + k * stride, tpath + step(vi), 4, v[3], v[4], v[5], v[6], v[7], v[8]))
            placed.append((k, t[0], cid, region))
    buf = io.StringIO()
    for r in new_rows:
        buf.write("\t".join("t" if v is True else "f" if v is False else str(v) for v in r) + "\n")
    buf.seek(0)
    cur.copy_expert(f"COPY {table} (id, path, depth, numchild, name, level, code, is_border_village, is_community) "
                    "FROM STDIN", buf)
    cur.execute(f"UPDATE {table} SET numchild = %s WHERE id = %s", [len(orig_counties) + len(chunks), root[0]])
    return placed


def copy_townships(cur, copies: int, models, stride: dict) -> dict:
    """Copies 1 … copies-1 of every pillar row (ids and keys shifted), Area excluded (build_tree)."""
    from branches.models import Area
    tables = {m._meta.db_table for m in models}
    counts = {}
    cur.execute(f"CREATE TEMP TABLE bench_k AS SELECT generate_series(1, {copies - 1}) AS k")
    for m in models:
        if m is Area:
            continue
        table = m._meta.db_table
        overrides = {}
        if m._meta.label == "cadres.PartyMember":
            # Placeholder until fix_id_numbers(): unique, and never a valid hash.
            for f in m._meta.concrete_fields:
                if f.name == "id_number_hash":
                    overrides[f.column] = f"'bench-' || (id + k * {stride[table]})::text"
        cols, exprs = _select_list(m, tables, "k", stride, overrides=overrides)
        t0 = time.perf_counter()
        cur.execute(f"INSERT INTO {_q(table)} ({cols}) SELECT {exprs} FROM {_q(table)} CROSS JOIN bench_k "
                    f"WHERE id < {stride[table]}")
        counts[table] = (cur.rowcount, round(time.perf_counter() - t0, 1))
        print(f"  {table}: +{cur.rowcount} rows in {counts[table][1]} s", flush=True)
    return counts


def add_work_groups(cur, groups: int, extra_pct: int, stride: dict) -> dict:
    """`groups` 作业组党支部 under every village branch, and extra members (copies of extra_pct % of
    the village branches' members) placed in them."""
    from branches.models import PartyOrganization
    from cadres.models import PartyMember
    if not groups:
        return {}
    org, mem = PartyOrganization._meta.db_table, PartyMember._meta.db_table
    cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {org}")
    org_base = 10 ** len(str(cur.fetchone()[0] + 1))
    cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {mem}")
    mem_base = 10 ** len(str(cur.fetchone()[0] + 1))
    cols = [f.column for f in PartyOrganization._meta.concrete_fields]
    over = {"id": f"o.id + g * {org_base}", "name": "o.name || '第' || g || '作业组党支部'",
            "kind": "'work_group_branch'", "parent_id": "o.id", "merged_into_id": "NULL",
            "status": "'active'", "status_changed_on": "NULL", "unit_name": "''",
            "at_relocation_site": "false", "at_border_resettlement_site": "false"}
    exprs = [over.get(c, f"o.{_q(c)}") for c in cols]
    cur.execute(f"""INSERT INTO {org} ({', '.join(map(_q, cols))})
        SELECT {', '.join(exprs)} FROM {org} o JOIN branches_area a ON a.id = o.area_id
        CROSS JOIN generate_series(1, {groups}) g
        WHERE o.kind = 'branch' AND a.level = 'village' AND o.status = 'active'""")
    orgs = cur.rowcount
    mcols = [f.column for f in PartyMember._meta.concrete_fields]
    mover = {"id": f"m.id + {mem_base}", "organization_id": f"m.organization_id + (1 + m.id % {groups}) * {org_base}"}
    for f in PartyMember._meta.concrete_fields:
        if f.name == "id_number_hash":
            mover[f.column] = f"'bench-' || (m.id + {mem_base})::text"
    mexprs = [mover.get(c, f"m.{_q(c)}") for c in mcols]
    cur.execute(f"""INSERT INTO {mem} ({', '.join(map(_q, mcols))})
        SELECT {', '.join(mexprs)} FROM {mem} m JOIN {org} o ON o.id = m.organization_id
        JOIN branches_area a ON a.id = o.area_id
        WHERE o.kind = 'branch' AND a.level = 'village' AND o.status = 'active' AND (m.id * 7919) % 100 < {extra_pct}""")
    return {"work_group_orgs": orgs, "extra_members": cur.rowcount}


def fix_id_numbers(cur, seed: int, member_stride: int) -> int:
    """Give every copied member (placeholder hash) a fresh valid ID number in its new county,
    written through the model fields (so encryption and the lookup hash are the app's own)."""
    import random
    from django.db import connection
    from cadres.models import PartyMember
    from cadres.validators import make_id_number
    from branches.models import Area

    fields = {f.name: f for f in PartyMember._meta.concrete_fields}
    idf = fields["id_number"]
    hashf = fields.get("id_number_hash")
    steplen = Area.steplen
    from cadres.demo import COUNTY_CODES
    cur.execute("SELECT path, code, name FROM branches_area WHERE depth = 2")
    county_code = {p: (c or COUNTY_CODES.get(n) or "542500")[:6].ljust(6, "0") for p, c, n in cur.fetchall()}
    placeholder = f"{_q(hashf.column)} LIKE 'bench-%'" if hashf else f"m.id >= {member_stride}"
    cur.execute(f"""SELECT m.id, m.birth_date, m.gender, a.path FROM cadres_partymember m
        JOIN branches_partyorganization o ON o.id = m.organization_id JOIN branches_area a ON a.id = o.area_id
        WHERE {placeholder} ORDER BY m.id""")
    rows = cur.fetchall()
    # Sequence numbers already taken by the demo's members (same region, birth date, gender).
    used = defaultdict(int)
    rng = random.Random(seed)
    buf = io.StringIO()
    probe = PartyMember()
    for pk, birth, gender, path in rows:
        region = county_code.get(path[: 2 * steplen], "540000")
        key = (region, birth, gender)
        n = used[key]
        used[key] = n + 1
        # The demo's numbers are the first of each (region, birth date, gender): start at the
        # 250th (order code 500 and up) so they never collide.
        if 250 + n > 499:
            region = f"54{rng.randint(90, 99)}{rng.randint(0, 99):02d}"
            key = (region, birth, gender)
            n = used[key]
            used[key] = n + 1
        value = make_id_number(region, birth, 250 + n, gender=gender)
        probe.id_number = value
        enc = idf.get_db_prep_save(value, connection)
        line = [str(pk), enc]
        if hashf:
            line.append(hashf.get_db_prep_save(hashf.pre_save(probe, True), connection))
        buf.write("\t".join(line) + "\n")
    buf.seek(0)
    cols = "id, id_number" + (", id_number_hash" if hashf else "")
    cur.execute(f"CREATE TEMP TABLE bench_ids (id bigint primary key, id_number text"
                f"{', id_number_hash text' if hashf else ''})")
    cur.copy_expert(f"COPY bench_ids ({cols}) FROM STDIN", buf)
    sets = f"{_q(idf.column)} = b.id_number" + (f", {_q(hashf.column)} = b.id_number_hash" if hashf else "")
    cur.execute(f"UPDATE cadres_partymember m SET {sets} FROM bench_ids b WHERE b.id = m.id")
    return cur.rowcount


def reset_sequences(cur) -> None:
    from django.apps import apps
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in PILLAR_APPS:
            continue
        table = model._meta.db_table
        cur.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE((SELECT MAX(id) FROM {_q(table)}), 1))",
                    [table])


def row_counts(cur) -> dict:
    cur.execute("SELECT relname, n_live_tup FROM pg_stat_user_tables ORDER BY n_live_tup DESC")
    return {r: n for r, n in cur.fetchall() if n}


def generate(scale: str, seed: int, snapshots: bool = True) -> dict:
    from django.db import connection, transaction
    from indicators.demo import load_demo
    from indicators.services import recompute
    params = SCALES[scale]
    timings, info = {}, {"scale": scale, "seed": seed, "params": params}
    t = time.perf_counter()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.perf_counter() - t
    t = time.perf_counter()
    load_demo(seed=seed, recompute=False, stdout=io.StringIO())
    timings["demo"] = time.perf_counter() - t
    with transaction.atomic(), connection.cursor() as cur:
        if scale == "tibet":
            # Foreign keys are right by construction (ngari10, made the same way, is checked by
            # PostgreSQL); skipping the deferred FK triggers saves minutes and gigabytes of
            # trigger queue on ten million rows.
            cur.execute("SET LOCAL session_replication_role = replica")
        if params["shifts"]:
            t = time.perf_counter()
            info["time_shift"] = time_shift(cur, params["shifts"])
            timings["time_shift"] = time.perf_counter() - t
            print(f"time shift: {info['time_shift']}", flush=True)
        if params["copies"] > 1:
            models = copied_models()
            stride = strides(cur, models)
            t = time.perf_counter()
            build_tree(cur, params["copies"], params["counties"], stride["branches_area"])
            timings["tree"] = time.perf_counter() - t
            t = time.perf_counter()
            info["copied"] = copy_townships(cur, params["copies"], models, stride)
            timings["copy"] = time.perf_counter() - t
            t = time.perf_counter()
            info["work_groups"] = add_work_groups(cur, params["work_groups"], params["extra_member_pct"], stride)
            timings["work_groups"] = time.perf_counter() - t
            t = time.perf_counter()
            info["id_numbers_rewritten"] = fix_id_numbers(cur, seed, stride["cadres_partymember"])
            timings["id_numbers"] = time.perf_counter() - t
            reset_sequences(cur)
    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    timings["analyze"] = time.perf_counter() - t
    t = time.perf_counter()
    from indicators.services import default_years
    if not snapshots:
        info["snapshots"] = "skipped (--no-snapshots): run bench.run --only recompute to fill them"
        default_years, recompute = (lambda: []), (lambda years: None)  # noqa: E731
    with connection.cursor() as cur:
        # Setup only (bench/run.py measures the recompute with the server's defaults): PostgreSQL's
        # JIT costs seconds per selector here (see docs/benchmarks.md).
        cur.execute("SET jit = off")
    recompute(years=default_years())
    with connection.cursor() as cur:
        cur.execute("RESET jit")
    timings["recompute_snapshots"] = time.perf_counter() - t
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
        info["rows"] = row_counts(cur)
        cur.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        info["db_size"] = cur.fetchone()[0]
    info["timings_s"] = {k: round(v, 1) for k, v in timings.items()}
    info["total_rows"] = sum(info["rows"].values())
    return info


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scale", nargs="?", choices=sorted(SCALES))
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--db", help="database name (default bench_<scale>)")
    parser.add_argument("--no-snapshots", action="store_true",
                        help="skip the app's recompute of the snapshots (the dashboards then show nothing)")
    args = parser.parse_args(argv)
    scale = args.scale or os.environ.get("BENCH_DB", "bench_ngari").removeprefix("bench_")
    db = args.db or f"bench_{scale}"
    start = time.perf_counter()
    recreate_database(db)
    setup_django(db)
    info = generate(scale, args.seed, snapshots=not args.no_snapshots)
    info["wall_s"] = round(time.perf_counter() - start, 1)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{scale}-generate.json").write_text(json.dumps(info, ensure_ascii=False, indent=1, default=str))
    key = {k: info["rows"].get(k, 0) for k in ("cadres_partymember", "branches_partyorganization", "branches_area",
                                               "evaluations_organizationlifemeeting", "activities_activity",
                                               "evaluations_evaluationresult", "indicators_indicatorsnapshot")}
    print(json.dumps({"scale": scale, "wall_s": info["wall_s"], "total_rows": info["total_rows"],
                      "db_size": info["db_size"], "timings_s": info["timings_s"], **key}, ensure_ascii=False))


if __name__ == "__main__":
    main()
