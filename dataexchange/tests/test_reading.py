"""Hostile and awkward files: each refused with a clear Chinese message, the database untouched."""
import datetime
import io
import zipfile

import pytest

from cadres.models import PartyMember
from cadres.validators import make_id_number
from dataexchange.reading import RefusedFile, read_sheet
from dataexchange.services import import_rows

from .helpers import MEMBER_HEADERS, member_row, with_dimension, without_dimension, xlsx, zip_bomb

ID1 = make_id_number("542523", datetime.date(1990, 5, 1), 21, gender="M")


def _refused(content: bytes) -> str:
    with pytest.raises(RefusedFile) as caught:
        read_sheet(io.BytesIO(content))
    return str(caught.value)


def test_it_refuses_a_text_file_named_xlsx():
    assert "不是 Excel 工作簿" in _refused("姓名,身份证号码\n次仁,1\n".encode())


def test_it_refuses_an_old_xls_file():
    assert "另存为 .xlsx" in _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)


def test_it_refuses_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "不是 Excel 工作簿" in _refused(buffer.getvalue())


def test_it_refuses_a_damaged_workbook():
    content = xlsx(["姓名"], [["次仁"]])
    assert "不是 Excel" in _refused(content[:200]) or "损坏" in _refused(content[:200])


def test_it_refuses_a_zip_bomb_before_decompressing():
    content = zip_bomb(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]))
    assert len(content) < 200 * 1024
    assert "压缩炸弹" in _refused(content)


def test_it_refuses_a_million_rows_without_reading_them():
    content = with_dimension(xlsx(MEMBER_HEADERS, [member_row("次仁", ID1)]), "A1:Z1000000")
    message = _refused(content)  # refused from the declared dimension: the file holds one row
    assert "超过单次导入上限 20000 行" in message


def test_it_stops_reading_at_the_row_cap_when_the_file_hides_its_size(settings):
    settings.DATAEXCHANGE_MAX_ROWS = 5
    rows = [member_row(f"人{i}", ID1) for i in range(8)]
    content = with_dimension(xlsx(MEMBER_HEADERS, rows), "A1:B2")  # lies: claims 2 rows
    assert "超过单次导入上限 5 行" in _refused(content)
    assert "超过单次导入上限 5 行" in _refused(without_dimension(xlsx(MEMBER_HEADERS, rows)))


def test_it_refuses_merged_cells_naming_the_range():
    content = xlsx(MEMBER_HEADERS, [member_row("次仁", ID1), member_row("卓玛", ID1)], merge="G2:G3")
    assert "合并单元格（G2:G3）" in _refused(content)


def test_it_refuses_a_missing_required_column(world):
    headers = [h for h in MEMBER_HEADERS if h != "身份证号码"]
    row = member_row("次仁", ID1)
    del row[MEMBER_HEADERS.index("身份证号码")]
    sheet = read_sheet(io.BytesIO(xlsx(headers, [row])))
    with pytest.raises(RefusedFile, match="缺少必填列：身份证号码"):
        import_rows(actor=world.alice, kind="members", headers=sheet.headers, rows=sheet.rows, commit=True)
    assert PartyMember.objects.count() == 0


def test_it_accepts_headers_with_stars_and_spaces(world):
    headers = [f" {h}* " if h == "姓名" else h for h in MEMBER_HEADERS] + ["备注（多余列）"]
    sheet = read_sheet(io.BytesIO(xlsx(headers, [member_row("次仁", ID1) + ["x"]])))
    outcome = import_rows(actor=world.alice, kind="members", headers=sheet.headers, rows=sheet.rows, commit=True)
    assert outcome.committed, outcome.error_rows
    assert any("已忽略" in w for w in outcome.warnings)


def test_it_skips_blank_rows():
    sheet = read_sheet(io.BytesIO(xlsx(["姓名"], [["次仁"], [None], ["  "], ["卓玛"]])))
    assert [number for number, _values in sheet.rows] == [2, 5]
