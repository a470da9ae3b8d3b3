"""Review: a 系统编号 that is not one this system wrote is a problem on its row, whatever its
characters (never an exception that fails the whole import)."""
import pytest

from dataexchange.importer import parse_record_id, record_id


@pytest.mark.parametrize("text", ["\u1369-ABCDEF", "\u2460-ABCDEF", "1" * 5000 + "-ABCDEF", "9" * 30 + "-ABCDEF",
                                  "-ABCDEF", "", "12"])
def test_a_record_id_not_written_here_reads_as_none(text):
    assert parse_record_id("members", text) is None


def test_a_record_id_written_here_reads_back():
    assert parse_record_id("members", record_id("members", 42)) == 42
    assert parse_record_id("members", record_id("members", 42).lower()) == 42
    assert parse_record_id("terms", record_id("members", 42)) is None
