"""Benchmark: a 10,000-member file, validated (preview) and committed through the page's form and
service. Runs on PostgreSQL only (marker `postgres`); prints rows per second.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dx_bench \\
        .venv/bin/python -m pytest -q -s dataexchange/tests/test_benchmark.py
"""
import datetime
import io
import os
import time

import pytest
from openpyxl import Workbook

from cadres.models import PartyMember
from cadres.validators import make_id_number
from dataexchange.reading import read_sheet
from dataexchange.services import import_rows

from .helpers import MEMBER_HEADERS

ROWS = int(os.environ.get("BENCHMARK_ROWS", "10000"))


def _file(n: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("党员")
    sheet.append(MEMBER_HEADERS)
    for i in range(n):
        birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=i // 500)  # 500 numbers per day and sex
        sheet.append([f"党员{i}", "男", "藏族", birth.isoformat(), make_id_number("542523", birth, i % 500, gender="M"),
                      f"139{i:08d}", "加木村党支部", "正式党员", "2005-01-10", "2005-06-01", "2006-07-01",
                      "2006-12-01", "2007-12-01"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.postgres
def test_it_imports_ten_thousand_members_fast(world):
    content = _file(ROWS)
    started = time.perf_counter()
    sheet = read_sheet(io.BytesIO(content))
    read = time.perf_counter() - started

    started = time.perf_counter()
    preview = import_rows(actor=world.alice, kind="members", headers=sheet.headers, rows=sheet.rows, commit=False)
    validate = time.perf_counter() - started
    assert not preview.error_rows and PartyMember.objects.count() == 0

    started = time.perf_counter()
    outcome = import_rows(actor=world.alice, kind="members", headers=sheet.headers, rows=sheet.rows, commit=True)
    commit = time.perf_counter() - started
    assert outcome.committed and PartyMember.objects.count() == ROWS

    started = time.perf_counter()
    again = import_rows(actor=world.alice, kind="members", headers=sheet.headers, rows=sheet.rows, commit=True)
    reimport = time.perf_counter() - started
    assert again.count("unchanged") == ROWS

    print(f"\n{ROWS} members: read {read:.1f}s ({ROWS / read:.0f} rows/s); validate {validate:.1f}s "
          f"({ROWS / validate:.0f} rows/s); commit {commit:.1f}s ({ROWS / commit:.0f} rows/s); "
          f"re-import unchanged {reimport:.1f}s ({ROWS / reimport:.0f} rows/s)")
