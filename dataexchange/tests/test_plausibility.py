"""The Excel import refuses what the pages refuse: each row goes through the same form and service,
so the plausibility rules of the models reach it with their messages, by row and column."""
import datetime

from django.utils import timezone

from funding.models import Expenditure, FundPurpose
from funding.tests.factories import AllocationFactory, TownshipAccountFactory, VillageLedgerFactory

from .helpers import headers_of, run

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def test_it_refuses_an_expenditure_dated_tomorrow(world):
    purpose = FundPurpose.objects.get(code="cadre_pay")
    AllocationFactory(village=world.village_a1, purpose=purpose, document_no="阿地组发〔2022〕1号")
    VillageLedgerFactory(account=TownshipAccountFactory(township=world.township_a), village=world.village_a1)
    row = ["加木村", 2022, "阿地组发〔2022〕1号", purpose.name, TOMORROW.isoformat(), "20", "记-001", ""]
    outcome = run(world.alice, "expenditures", headers_of("expenditures"), [row])
    assert not outcome.committed
    assert outcome.error_rows[0].errors == [["支出日期", "支出日期不能晚于今天。"]]
    assert not Expenditure.objects.exists()
