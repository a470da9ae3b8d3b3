"""Terms through Excel: each row through the page's form and service (due date, refusal, scope)."""
import datetime

from dataexchange.services import export_rows
from dataexchange.tests.helpers import headers_of, run

from ..models import Term

D = datetime.date


def row(org="加木村党支部", elected="2016-05-20", start=None, **extra):
    values = [org, 2, elected, start or elected, "", "", "", extra.get("by", ""), extra.get("number", ""),
              extra.get("on", ""), ""]
    return values


def test_it_imports_terms_and_refuses_what_the_page_refuses(world):
    first = run(world.alice, "terms", headers_of("terms"), [row(), row(elected="2021-05-10")])
    assert first.committed, first.error_rows
    assert first.count("create") == 2
    terms = list(Term.objects.order_by("start_date"))
    assert [t.due_on for t in terms] == [D(2021, 5, 20), D(2026, 5, 10)]
    assert terms[1].previous == terms[0] and terms[0].ended_on == D(2021, 5, 10)
    again = run(world.alice, "terms", headers_of("terms"), [row(), row(elected="2021-05-10")])
    assert again.committed and again.count("create") == 0, again.error_rows
    # Elected a year and nine days before the due date (2026-05-10), without an approval: refused, with
    # the page's message.
    early = run(world.alice, "terms", headers_of("terms"), [row(elected="2025-05-01")])
    assert not early.committed
    assert "提前超过一年，须经上级党组织批准" in str(early.error_rows[0].errors)
    approved = run(world.alice, "terms", headers_of("terms"), [row(elected="2025-05-01", by="噶尔县委组织部",
                                                                   number="噶组复〔2025〕3号", on="2025-04-01")])
    assert approved.committed, approved.error_rows
    # Another county's organization is not found.
    other = run(world.alice, "terms", headers_of("terms"), [row(org="普兰一村党支部")])
    assert not other.committed and other.error_rows[0].errors[0][0] == "党组织"
    assert Term.objects.count() == 3


def test_it_exports_the_terms_in_scope(world):
    run(world.alice, "terms", headers_of("terms"), [row()])
    run(world.bob, "terms", headers_of("terms"), [row(org="普兰一村党支部")])
    _spec, headers, rows = export_rows(actor=world.alice, kind="terms")
    rows = list(rows)
    assert headers[:4] == ["系统编号", "党组织", "届次", "选举日期"]
    assert [r[1] for r in rows] == ["加木村党支部"]  # bob's county left out
    assert str(rows[0][3]).startswith("2016-05-20")
