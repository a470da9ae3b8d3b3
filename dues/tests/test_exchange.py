"""Import and export of dues profiles and payments through dataexchange: the same forms and
services as the pages, re-import changes nothing, scope holds, money stays exact."""
import datetime
from decimal import Decimal

from cadres.tests.factories import PartyMemberFactory
from dataexchange.services import export_rows
from dataexchange.tests.helpers import headers_of, run
from dues import services
from dues.models import DuesPayment, DuesProfile

from .factories import DuesProfileFactory

D = datetime.date


def test_it_imports_profiles_and_updates_them(world):
    member = PartyMemberFactory(organization=world.org_a1, name="扎西")
    row = [member.id_number, "扎西", "", "在职党员", "5000.01", "", "", "按月交纳", "", ""]
    first = run(world.alice, "dues_profiles", headers_of("dues_profiles"), [row])
    assert first.committed and first.count("create") == 1, first.error_rows
    profile = DuesProfile.objects.get(member=member)
    assert profile.base_income == Decimal("5000.01") and profile.monthly_amount == Decimal("75.00")
    again = run(world.alice, "dues_profiles", headers_of("dues_profiles"), [row])
    assert again.committed and again.count("create") == 0, again.error_rows
    row[4] = "10000.00"
    assert run(world.alice, "dues_profiles", headers_of("dues_profiles"), [row]).count("update") == 1
    profile.refresh_from_db()
    assert profile.monthly_amount == Decimal("150.00")
    bad = run(world.alice, "dues_profiles", headers_of("dues_profiles"),
              [[member.id_number, "", "", "农牧民党员", "", "1.50", "", "按月交纳", "", ""]])
    assert not bad.committed and "0.2元至1元" in str(bad.error_rows[0].errors)
    outsider = run(world.bob, "dues_profiles", headers_of("dues_profiles"), [row])
    assert not outsider.committed


def test_it_imports_payments_against_the_ledger(world):
    member = PartyMemberFactory(organization=world.org_a1, name="卓玛")
    DuesProfileFactory(member=member, fixed_amount=Decimal("0.50"))
    for month in (3, 4, 5):
        services.ledger_generate(actor=world.alice, organization=world.org_a1, year=2022, month=month)
    row = ["加木村党支部", member.id_number, "卓玛", 2022, 3, 3, "2022-003", "2022-04-02", "1.50", "次仁", "", ""]
    first = run(world.alice, "dues_payments", headers_of("dues_payments"), [row])
    assert first.committed and first.count("create") == 1, first.error_rows
    payment = DuesPayment.objects.get()
    assert (payment.amount, payment.paid_by, payment.is_back_payment, payment.lines.count()) == (
        Decimal("1.50"), "次仁", True, 3)
    again = run(world.alice, "dues_payments", headers_of("dues_payments"), [row])
    assert again.committed and again.count("create") == 0 and DuesPayment.objects.count() == 1, again.error_rows
    short = ["加木村党支部", member.id_number, "", 2022, 6, 1, "2022-006", "2022-06-02", "0.50", "", "", ""]
    missing = run(world.alice, "dues_payments", headers_of("dues_payments"), [short])
    assert not missing.committed and "请先生成该月台账" in str(missing.error_rows[0].errors)
    outsider = run(world.bob, "dues_payments", headers_of("dues_payments"), [row])
    assert not outsider.committed and DuesPayment.objects.count() == 1


def test_it_exports_payments_with_masked_id_numbers(world):
    member = PartyMemberFactory(organization=world.org_a1, name="卓玛")
    DuesProfileFactory(member=member, fixed_amount=Decimal("0.50"))
    ledger = services.ledger_generate(actor=world.alice, organization=world.org_a1, year=2022, month=3)
    services.payment_record(actor=world.alice, line=ledger.lines.get(), receipt_no="R-1", paid_on=D(2022, 3, 9),
                            amount="0.80")
    _spec, headers, rows = export_rows(actor=world.alice, kind="dues_payments")
    rows = list(rows)
    assert len(rows) == 1
    record = dict(zip(headers, rows[0]))
    assert record["收据号"] == "R-1" and Decimal(str(record["实交金额(元)"])) == Decimal("0.80")
    assert record["所属年度"] == 2022 and record["所属月份"] == 3 and record["补缴"] == "否"
    assert member.id_number not in str(rows[0])
    _spec, _headers, other = export_rows(actor=world.bob, kind="dues_payments")
    assert list(other) == []
