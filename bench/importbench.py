"""The 10,000-row member import, through the import pillar's own entry point
(dataexchange.services.import_rows): every row through the page's form and the checks of
cadres.services.member_create (member_check_new), new members inserted 1,000 at a time with their
audit-log entries (members_bulk_create), all rows in one transaction. Measured twice: validate
(commit=False, rolled back — what the preview does) and commit. The imported members are then
deleted again with SQL, so a run leaves the benchmark database as it found it (apart from
audit-log rows).

Two more phases, on request (formerly dataexchange/tests/test_benchmark.py, moved out of the test
suite): `--file` writes the rows to an .xlsx workbook first and times reading it back
(dataexchange.reading.read_sheet, the upload's reader: container checks, openpyxl read-only), then
imports what was read; `--reimport` imports the same rows once more after the commit and times it
(every row found by its ID number and left unchanged).

Alone, without writing bench/results:  BENCH_DB=bench_ngari .venv/bin/python -m bench.importbench --rows 10000
All phases:  BENCH_DB=bench_ngari .venv/bin/python -m bench.importbench --rows 10000 --file --reimport
"""
from __future__ import annotations

import io
import random
import time
from datetime import date, timedelta

HEADERS = ["姓名", "性别", "民族", "出生日期", "身份证号码", "联系电话", "学历", "职业类别", "所在党组织", "发展阶段",
           "递交入党申请日期", "确定为积极分子日期", "确定为发展对象日期", "接收为预备党员日期", "转为正式党员日期",
           "党籍状态", "状态变更日期"]
NAMES = ["扎西", "次仁", "顿珠", "格桑", "洛桑", "尼玛", "达瓦", "普布", "旺堆", "索朗", "卓玛", "央金", "拉姆", "德吉"]


def make_rows(fx, n: int, seed: int = 10):
    from collections import Counter
    from branches.models import Area, PartyOrganization
    from cadres.validators import make_id_number
    rng = random.Random(seed)
    orgs = list(PartyOrganization.objects.filter(area__path__startswith=fx["county"].path, kind="branch",
                                                 area__level=Area.Level.VILLAGE, status="active")
                .select_related("area").order_by("pk"))
    labels = Counter(f"{o.name}（{o.area.name}）" for o in orgs)
    orgs = [o for o in orgs if labels[f"{o.name}（{o.area.name}）"] == 1]
    rows, used = [], set()
    for i in range(n):
        gender = "男" if i % 2 else "女"
        birth = date(1960, 1, 1) + timedelta(days=rng.randint(0, 365 * 38))
        # Region 549999 is no real county: these numbers cannot collide with generated members.
        sex = "M" if gender == "男" else "F"
        number = make_id_number("549999", birth, (i // 2) % 500, gender=sex)
        while number in used:
            birth += timedelta(days=1)
            number = make_id_number("549999", birth, (i // 2) % 500, gender=sex)
        used.add(number)
        applied = birth.replace(year=birth.year + 19) if not (birth.month == 2 and birth.day == 29) \
            else date(birth.year + 19, 3, 1)
        activist = applied + timedelta(days=200)
        candidate = activist + timedelta(days=400)
        admitted = candidate + timedelta(days=120)
        full = admitted + timedelta(days=400)
        org = orgs[i % len(orgs)]
        rows.append((i + 2, [rng.choice(NAMES) + rng.choice(NAMES), gender, "藏族", birth.isoformat(), number, "",
                             "初中", "农牧民", f"{org.name}（{org.area.name}）", "正式党员", applied.isoformat(),
                             activist.isoformat(), candidate.isoformat(), admitted.isoformat(), full.isoformat(),
                             "正常", ""]))
    return rows


def make_file(rows) -> bytes:
    """The rows as an .xlsx workbook, the way a clerk would upload them."""
    from openpyxl import Workbook
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("党员")
    sheet.append(HEADERS)
    for _, values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run_import(fx, n: int, *, from_file: bool = False, reimport: bool = False) -> dict:
    from django.db import connection
    from dataexchange.services import import_rows
    from cadres.models import id_number_lookup_hash
    rows = make_rows(fx, n)
    actor = fx["clerk"]
    out = {"rows": n, "actor": f"county clerk of {fx['county'].name}", "kind": "members"}
    headers = HEADERS
    if from_file:
        from dataexchange.reading import read_sheet
        content = make_file(rows)
        out["file_bytes"] = len(content)
        t = time.perf_counter()
        sheet = read_sheet(io.BytesIO(content))
        dt = time.perf_counter() - t
        out["read_s"] = round(dt, 2)
        out["read_rows_per_s"] = round(n / dt)
        headers, rows = sheet.headers, sheet.rows
    # Wall time, and this process's CPU time (the rest is PostgreSQL, or other programs on the machine).
    t, cpu = time.perf_counter(), time.process_time()
    outcome = import_rows(actor=actor, kind="members", headers=headers, rows=rows, commit=False)
    dt = time.perf_counter() - t
    errors = [r.as_dict() for r in outcome.error_rows][:3]
    out["validate_s"] = round(dt, 2)
    out["validate_cpu_s"] = round(time.process_time() - cpu, 2)
    out["validate_rows_per_s"] = round(n / dt)
    out["validate_errors"] = len(outcome.error_rows)
    if errors:
        out["first_errors"] = errors
        return out
    t, cpu = time.perf_counter(), time.process_time()
    outcome = import_rows(actor=actor, kind="members", headers=headers, rows=rows, commit=True)
    dt = time.perf_counter() - t
    out["commit_s"] = round(dt, 2)
    out["commit_cpu_s"] = round(time.process_time() - cpu, 2)
    out["rows_per_s"] = round(n / dt)
    out["committed"] = outcome.committed
    out["created"] = outcome.count("create")
    if reimport and outcome.committed:
        t = time.perf_counter()
        again = import_rows(actor=actor, kind="members", headers=headers, rows=rows, commit=True)
        dt = time.perf_counter() - t
        out["reimport_s"] = round(dt, 2)
        out["reimport_rows_per_s"] = round(n / dt)
        out["reimport_unchanged"] = again.count("unchanged")
    hashes = [id_number_lookup_hash(r[1][4]) for r in rows]
    with connection.cursor() as cur:
        cur.execute("DELETE FROM cadres_partymember WHERE id_number_hash = ANY(%s)", [hashes])
        out["cleaned_up"] = cur.rowcount
    return out


def main(argv=None) -> None:
    """The member import benchmark alone (see the module docstring); prints its result as JSON."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description="the member import benchmark alone")
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--file", action="store_true", help="write an .xlsx first and time reading it back")
    parser.add_argument("--reimport", action="store_true", help="import the same rows again after the commit")
    args = parser.parse_args(argv)
    from bench.run import personas, setup_django

    setup_django()
    result = run_import(personas(), args.rows, from_file=args.file, reimport=args.reimport)
    print(json.dumps(result, ensure_ascii=False))
    print(", ".join(f"{phase} {result[key]:,} rows/s" for phase, key in (
        ("read", "read_rows_per_s"), ("validate", "validate_rows_per_s"), ("commit", "rows_per_s"),
        ("re-import unchanged", "reimport_rows_per_s")) if key in result))


if __name__ == "__main__":
    main()
