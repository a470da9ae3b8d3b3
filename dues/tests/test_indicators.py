"""The dues indicators on hand-made records; expected numbers worked out on paper, and checked
again with SQL of the test's own."""
import datetime
from decimal import Decimal

import pytest
from django.db import connection

from cadres.tests.factories import PartyMemberFactory
from dues import services
from indicators.engine import evaluate

from .factories import DuesProfileFactory

D = datetime.date


def value(code, year, area):
    return evaluate(code, year, area)


@pytest.fixture
def books(world):
    """2022, months 1–4. 村A1: 甲 (0.50) pays Jan–Mar on time, not April; 乙 (1.00) pays nothing;
    丙 (0.20, exempt Jan–Apr) owes nothing. 村A2: 丁 (0.50) pays Jan in December 2022 (补缴) and
    Feb–Apr in January 2023 (补缴, after the year end). 村B1: 戊 (1.00) pays Jan–Apr ahead in one
    receipt on 2022-01-05 (amount 5.00: paying more)."""
    w = world
    people = {}
    for name, org, amount in [("甲", w.org_a1, "0.50"), ("乙", w.org_a1, "1.00"), ("丙", w.org_a1, "0.20"),
                              ("丁", w.org_a2, "0.50"), ("戊", w.org_b1, "1.00")]:
        people[name] = PartyMemberFactory(organization=org, name=name)
        DuesProfileFactory(member=people[name], fixed_amount=Decimal(amount))
    relief = services.relief_request(actor=w.alice, member=people["丙"], kind="exempt", from_month=D(2022, 1, 1),
                                     to_month=D(2022, 4, 1), reason="重病")
    services.relief_decide(actor=w.carol, relief=relief, decision="approved")
    for month in range(1, 5):
        for org, actor in ((w.org_a1, w.alice), (w.org_a2, w.alice), (w.org_b1, w.bob)):
            services.ledger_generate(actor=actor, organization=org, year=2022, month=month)

    def line(name, month):
        return people[name].dues_lines.get(ledger__year=2022, ledger__month=month)

    for month in (1, 2, 3):
        services.payment_record(actor=w.alice, line=line("甲", month), receipt_no=f"A{month}",
                                paid_on=D(2022, month, 10), amount="0.50")
    services.payment_record(actor=w.alice, line=line("丁", 1), receipt_no="B1", paid_on=D(2022, 12, 20),
                            amount="0.50")
    services.payment_record(actor=w.alice, line=line("丁", 2), receipt_no="B2", paid_on=D(2023, 1, 8),
                            amount="1.50", months=3)
    services.payment_record(actor=w.bob, line=line("戊", 1), receipt_no="C1", paid_on=D(2022, 1, 5),
                            amount="5.00", months=4)
    return w


def test_the_collection_rate_counts_member_months(books):
    w = books
    # Due member-months (丙 exempt): 村A1 甲 4 + 乙 4 = 8, 村A2 丁 4, 村B1 戊 4 → 16.
    # Paid: 甲 3, 丁 4 (the January 2023 補缴 counts in its months), 戊 4 → 11.
    rate = value("dues.collection_rate", 2022, w.root)
    assert (rate.numerator, rate.denominator, rate.value) == (11, 16, Decimal("68.75"))
    a1 = value("dues.collection_rate", 2022, w.village_a1)
    assert (a1.numerator, a1.denominator, a1.value) == (3, 8, Decimal("37.50"))
    county_a = value("dues.collection_rate", 2022, w.county_a)
    assert (county_a.numerator, county_a.denominator, county_a.value) == (7, 12, Decimal("58.33"))  # 58.333…
    assert value("dues.collection_rate", 2021, w.root).value is None  # no ledger: 无数据


def test_the_rate_agrees_with_sql(books):
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), SUM(CASE WHEN payment_id IS NOT NULL THEN 1 ELSE 0 END) "
                       "FROM dues_duesledgerline l JOIN dues_duesledger g ON g.id = l.ledger_id "
                       "WHERE g.year = 2022 AND (l.amount_due IS NULL OR l.amount_due <> 0)")
        due, paid = cursor.fetchone()
    rate = value("dues.collection_rate", 2022, books.root)
    assert (rate.numerator, rate.denominator) == (paid, due)


def test_the_amount_collected_is_by_the_date_paid(books):
    w = books
    # 2022: 甲 3 × 0.50 + 丁 0.50 (20 Dec) + 戊 5.00 = 7.00; 2023: 丁 1.50.
    assert value("dues.amount_collected", 2022, w.root).value == Decimal("7.00")
    assert value("dues.amount_collected", 2022, w.county_a).value == Decimal("2.00")
    assert value("dues.amount_collected", 2022, w.county_b).value == Decimal("5.00")
    assert value("dues.amount_collected", 2023, w.root).value == Decimal("1.50")
    with connection.cursor() as cursor:
        cursor.execute("SELECT SUM(CAST(ROUND(amount * 100) AS INTEGER)) FROM dues_duespayment WHERE paid_on BETWEEN '2022-01-01' AND '2022-12-31'")
        assert Decimal(cursor.fetchone()[0]) / 100 == Decimal("7.00")  # summed in fen


def test_members_in_arrears_three_months_or_more(books):
    w = books
    # On 31 Dec 2022: 甲 owes April (1 month), 乙 owes Jan–Apr (4), 丁 owes Feb–Apr (3: paid only in 2023),
    # 丙 is exempt, 戊 paid ahead → 乙 and 丁.
    assert value("dues.members_in_arrears", 2022, w.root).value == 2
    assert value("dues.members_in_arrears", 2022, w.village_a1).value == 1
    assert value("dues.members_in_arrears", 2022, w.village_a2).value == 1
    assert value("dues.members_in_arrears", 2022, w.county_b).value == 0
    # On 31 Dec 2023 丁 has paid: only 乙 (the 2022 months still unpaid).
    assert value("dues.members_in_arrears", 2023, w.root).value == 1


def test_the_stored_snapshots_agree_with_the_sql_oracle_at_every_node(books):
    from indicators import services as indicator_services
    from indicators.tests import oracle

    codes = ["dues.collection_rate", "dues.amount_collected", "dues.members_in_arrears"]
    indicator_services.recompute(years=[2021, 2022, 2023])
    assert oracle.dues_members_in_arrears(2022)[books.root.pk] == (2, 0)
    assert oracle.dues_collection_rate(2022)[books.county_a.pk] == (7, 12)
    for year in (2021, 2022, 2023):
        assert oracle.compare(year, codes=codes) == [], year


def test_an_amount_in_yuan_is_shown_to_the_fen():
    from indicators.registry import Unit
    from indicators.selectors import format_value

    assert format_value(Decimal("3166"), Unit.YUAN) == "3166.00"
    assert format_value(Decimal("0.5"), Unit.YUAN) == "0.50"
