from decimal import Decimal

from django.template import Context, Template

from funding.services import to_money
from funding.templatetags.money import percent, wan_yuan, yuan


def test_it_shows_yuan_and_wan_yuan():
    assert yuan(Decimal("1234567.5")) == "1,234,567.50 元"
    assert wan_yuan(Decimal("20000000")) == "2,000.00 万元"
    assert wan_yuan(Decimal("40000.00")) == "4.00 万元"
    assert wan_yuan(Decimal("12345")) == "1.23 万元"
    assert wan_yuan(Decimal("12355")) == "1.24 万元"  # half up, never binary floats
    assert percent(Decimal("80.5312")) == "80.53%"
    assert yuan(None) == "—" and wan_yuan("abc") == "—" and percent(None) == "—"


def test_it_works_in_templates():
    html = Template("{% load money %}{{ v|yuan }} / {{ v|wan_yuan }}").render(Context({"v": Decimal("150000")}))
    assert html == "150,000.00 元 / 15.00 万元"


def test_it_reads_money_exactly():
    assert to_money("1,234.5") == Decimal("1234.50")
    assert to_money(0.1) == Decimal("0.10")
    assert to_money(Decimal("3")) == Decimal("3.00")
