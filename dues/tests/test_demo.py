"""The dues demo: one branch per county with a year of ledgers and payments, loaded twice without
change; its indicators agree with SQL over the same rows; no other pillar's record is touched."""
from decimal import Decimal

from django.core.management import call_command
from django.db import connection

from branches import demo as branches_demo
from branches.models import Area, PartyOrganization
from branches.services import load_ngari_tree
from cadres import demo as cadres_demo
from cadres.models import PartyMember
from dues import demo
from dues.models import DuesLedger, DuesPayment, DuesProfile, DuesRelief
from indicators.engine import evaluate


def test_it_loads_a_year_of_dues_without_touching_the_members(db):
    root = load_ngari_tree()
    call_command("load_demo_accounts", stdout=None)
    branches_demo.load()
    cadres_demo.load()
    members = list(PartyMember.objects.order_by("pk").values_list("pk", "organization_id", "stage", "status"))
    organizations = PartyOrganization.objects.count()
    demo.load()
    demo.load()  # idempotent
    assert list(PartyMember.objects.order_by("pk").values_list("pk", "organization_id", "stage", "status")) == members
    assert PartyOrganization.objects.count() == organizations

    counties = Area.objects.filter(level=Area.Level.COUNTY).count()
    assert DuesLedger.objects.values("organization").distinct().count() == counties
    assert DuesLedger.objects.count() == 12 * counties
    assert DuesLedger.objects.filter(organization__area__name="加木村").exists()
    assert DuesProfile.objects.count() > 0 and DuesPayment.objects.filter(is_back_payment=True).exists()
    assert DuesPayment.objects.exclude(paid_by="").exists()
    assert set(DuesRelief.objects.values_list("status", flat=True)) == {"requested", "approved"}

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), SUM(CASE WHEN l.payment_id IS NOT NULL THEN 1 ELSE 0 END) "
                       "FROM dues_duesledgerline l JOIN dues_duesledger g ON g.id = l.ledger_id "
                       "WHERE g.year = 2022 AND (l.amount_due IS NULL OR l.amount_due <> 0)")
        due, paid = cursor.fetchone()
        cursor.execute("SELECT SUM(CAST(ROUND(amount * 100) AS INTEGER)) FROM dues_duespayment WHERE paid_on BETWEEN '2022-01-01' AND '2022-12-31'")
        collected = Decimal(cursor.fetchone()[0]) / 100  # in fen: exact on SQLite too
    rate = evaluate("dues.collection_rate", 2022, root)
    assert (rate.numerator, rate.denominator) == (paid, due) and 0 < paid < due
    assert evaluate("dues.amount_collected", 2022, root).value == collected
    # Two members per branch stop paying in October (3 months owed at the year end); a quarter paid
    # late, in January 2023, is owed on 31 December too.
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM (SELECT g.organization_id, l.member_id FROM dues_duesledgerline l "
                       "JOIN dues_duesledger g ON g.id = l.ledger_id "
                       "LEFT JOIN dues_duespayment p ON p.id = l.payment_id "
                       "WHERE g.year <= 2022 AND (l.amount_due IS NULL OR l.amount_due <> 0) "
                       "AND (p.id IS NULL OR p.paid_on > '2022-12-31') "
                       "GROUP BY g.organization_id, l.member_id HAVING COUNT(*) >= 3) owing")
        owing = cursor.fetchone()[0]
    assert owing >= 2 * counties
    assert evaluate("dues.members_in_arrears", 2022, root).value == owing
