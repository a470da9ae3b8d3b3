"""The dues pages: each write goes through its service; another county's clerk gets 404, the
read-only viewer 403; list and ledger pages keep a flat query count."""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from cadres.tests.factories import PartyMemberFactory
from dues import services
from dues.models import DuesLedger, DuesPayment, DuesProfile, DuesRelief
from dues.rules import Category

from .factories import DuesProfileFactory

D = datetime.date


@pytest.fixture
def ledger(world):
    for n in range(2):
        DuesProfileFactory(member=PartyMemberFactory(organization=world.org_a1, name=f"牧民{n}"))
    return services.ledger_generate(actor=world.alice, organization=world.org_a1, year=2022, month=3)


def line_of(ledger, name):
    return ledger.lines.get(member__name=name)


def test_it_generates_a_ledger_from_the_form(world, client_for):
    DuesProfileFactory(member=PartyMemberFactory(organization=world.org_a1, name="卓玛"))
    client = client_for(world.alice)
    assert client.get(reverse("dues:ledger_create")).status_code == 200
    response = client.post(reverse("dues:ledger_create"), {"organization": world.org_a1.pk, "year": 2022, "month": 3})
    ledger = DuesLedger.objects.get()
    assert response.status_code == 302 and response.url == ledger.get_absolute_url()
    # The same month again: brought up to date, not refused as a duplicate.
    response = client.post(reverse("dues:ledger_create"), {"organization": world.org_a1.pk, "year": 2022, "month": 3})
    assert response.status_code == 302 and DuesLedger.objects.count() == 1
    page = client.get(ledger.get_absolute_url()).content.decode()
    assert "卓玛" in page and "0.50" in page


def test_it_refuses_another_countys_branch_in_the_form(world, client_for):
    response = client_for(world.bob).post(reverse("dues:ledger_create"),
                                          {"organization": world.org_a1.pk, "year": 2022, "month": 3})
    assert response.status_code == 200 and not DuesLedger.objects.exists()  # not a choice for bob


def test_it_marks_a_line_paid(world, client_for, ledger):
    line = line_of(ledger, "牧民0")
    url = reverse("dues:payment_create", args=[line.pk])
    client = client_for(world.alice)
    page = client.get(url).content.decode()
    assert 'value="0.50"' in page
    response = client.post(url, {"receipt_no": "2022-03-001", "paid_on": "2022-04-02", "amount": "0.50",
                                 "months": 1, "paid_by": "儿子 次仁"})
    assert response.status_code == 302
    payment = DuesPayment.objects.get()
    assert (payment.receipt_no, payment.amount, payment.is_back_payment, payment.paid_by) == (
        "2022-03-001", Decimal("0.50"), True, "儿子 次仁")
    # The same receipt number again in this branch is shown on the form, not a 500.
    other = line_of(ledger, "牧民1")
    response = client.post(reverse("dues:payment_create", args=[other.pk]),
                           {"receipt_no": "2022-03-001", "paid_on": "2022-03-02", "amount": "0.50", "months": 1})
    assert response.status_code == 200 and "相同收据号" in response.content.decode()
    assert DuesPayment.objects.count() == 1


def test_pages_answer_404_to_another_county_and_403_to_read_only(world, client_for, ledger):
    line = line_of(ledger, "牧民0")
    profile = DuesProfile.objects.first()
    relief = services.relief_request(actor=world.alice, member=line.member, kind="exempt",
                                     from_month=D(2022, 3, 1), to_month=D(2022, 3, 1), reason="困难")
    payment = services.payment_record(actor=world.alice, line=line_of(ledger, "牧民1"), receipt_no="9",
                                      paid_on=D(2022, 3, 3), amount="0.50")
    writes = [
        ("post", reverse("dues:payment_create", args=[line.pk]), {"receipt_no": "X", "paid_on": "2022-03-03",
                                                                  "amount": "0.50", "months": 1}),
        ("post", reverse("dues:ledger_update", args=[ledger.pk]), {}),
        ("post", reverse("dues:profile_update", args=[profile.pk]), {"category": "student", "frequency": "monthly"}),
        ("post", reverse("dues:relief_decide", args=[relief.pk]), {"decision": "approved"}),
        ("post", reverse("dues:payment_delete", args=[payment.pk]), {}),
    ]
    for method, url, data in writes:
        assert getattr(client_for(world.bob), method)(url, data).status_code == 404, url
        assert getattr(client_for(world.dave), method)(url, data).status_code == 403, url
    assert client_for(world.bob).get(ledger.get_absolute_url()).status_code == 404
    assert client_for(world.dave).get(ledger.get_absolute_url()).status_code == 200
    for url in (reverse("dues:ledger_create"), reverse("dues:profile_create"), reverse("dues:relief_create")):
        assert client_for(world.dave).post(url, {}).status_code == 403
    profile.refresh_from_db()
    relief.refresh_from_db()
    assert profile.category == Category.FARMER_HERDER and relief.status == DuesRelief.Status.REQUESTED
    assert DuesPayment.objects.count() == 1 and line_of(ledger, "牧民0").payment_id is None


def test_the_relief_workflow_through_the_pages(world, client_for, ledger):
    member = line_of(ledger, "牧民0").member
    response = client_for(world.tess).post(reverse("dues:relief_create"), {
        "member": member.pk, "kind": "reduce", "reduced_amount": "0.20", "from_month": "2022-03-01",
        "to_month": "2022-12-01", "reason": "家中遭受雪灾"})
    assert response.status_code == 302
    relief = DuesRelief.objects.get()
    url = reverse("dues:relief_decide", args=[relief.pk])
    assert "不能审批本级或自己提出的申请" in client_for(world.tess).get(url).content.decode()
    assert client_for(world.tess).post(url, {"decision": "approved"}).status_code == 403
    assert client_for(world.alice).post(url, {"decision": "approved", "decision_note": "属实"}).status_code == 302
    relief.refresh_from_db()
    assert (relief.status, relief.decided_by, relief.decision_note) == ("approved", world.alice, "属实")
    assert line_of(ledger, "牧民0").amount_due == Decimal("0.20")


def test_the_profile_page_edits_the_amount(world, client_for):
    member = PartyMemberFactory(organization=world.org_a1, name="干部")
    client = client_for(world.alice)
    response = client.post(reverse("dues:profile_create"), {"member": member.pk, "category": "in_service",
                                                           "base_income": "3000.00", "frequency": "monthly"})
    assert response.status_code == 302
    profile = DuesProfile.objects.get(member=member)
    assert profile.monthly_amount == Decimal("15.00")
    response = client.post(reverse("dues:profile_update", args=[profile.pk]),
                           {"category": "in_service", "base_income": "3000.01", "frequency": "monthly"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.monthly_amount == Decimal("30.00")
    response = client.post(reverse("dues:profile_update", args=[profile.pk]),
                           {"category": "in_service", "base_income": "3000.01", "voluntary_amount": "29.99",
                            "frequency": "monthly"})
    assert response.status_code == 200 and "不能少于" in response.content.decode()


@pytest.mark.parametrize("name", ["dues:ledger_list", "dues:payment_list", "dues:profile_list", "dues:relief_list"])
def test_list_query_count_is_flat(world, client_for, django_assert_max_num_queries, name):
    client = client_for(world.alice)

    def add(n, start):
        for i in range(n):
            member = PartyMemberFactory(organization=world.org_a1, name=f"党员{start + i}")
            DuesProfileFactory(member=member)
            services.relief_request(actor=world.alice, member=member, kind="exempt", from_month=D(2022, 1, 1),
                                    to_month=D(2022, 1, 1), reason="困难")
        for month in range(1, 1 + n):
            ledger = services.ledger_generate(actor=world.alice, organization=world.org_a1, year=2021, month=month)
            for line in ledger.lines.filter(payment__isnull=True)[:1]:
                services.payment_record(actor=world.alice, line=line, receipt_no=f"{month}-{start}",
                                        paid_on=D(2021, month, 2), amount="0.50")

    add(2, 0)
    with django_assert_max_num_queries(14):
        assert client.get(reverse(name)).status_code == 200
    add(10, 100)
    with django_assert_max_num_queries(14):
        assert client.get(reverse(name)).status_code == 200


def test_ledger_page_query_count_is_flat(world, client_for, django_assert_max_num_queries):
    client = client_for(world.alice)
    for _n in range(2):
        DuesProfileFactory(member=PartyMemberFactory(organization=world.org_a1))
    ledger = services.ledger_generate(actor=world.alice, organization=world.org_a1, year=2022, month=3)
    with django_assert_max_num_queries(12):
        client.get(ledger.get_absolute_url())
    for _n in range(30):
        DuesProfileFactory(member=PartyMemberFactory(organization=world.org_a1))
    services.ledger_generate(actor=world.alice, organization=world.org_a1, year=2022, month=3)
    for line in ledger.lines.all()[:5]:
        services.payment_record(actor=world.alice, line=line, receipt_no=f"R{line.pk}", paid_on=D(2022, 3, 9),
                                amount="0.50")
    with django_assert_max_num_queries(12):
        response = client.get(ledger.get_absolute_url())
    assert response.content.decode().count("登记交纳") == 27


def test_the_ledger_page_reads_in_english(world, client_for, ledger):
    client = client_for(world.alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    try:
        page = client.get(ledger.get_absolute_url()).content.decode()
        assert "Record payment" in page and ">Dues<" in page and "Regenerate" in page
        assert "dues ledger 2022-3" in page
    finally:
        client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
        from django.utils import translation
        translation.activate("zh-hans")


def test_the_ledger_shows_a_quarter_paid_at_once(world, client_for, ledger):
    services.payment_record(actor=world.alice, line=line_of(ledger, "牧民0"), receipt_no="Q-1",
                            paid_on=D(2022, 3, 3), amount="1.50", months=3)
    april = DuesLedger.objects.get(organization=world.org_a1, year=2022, month=4)
    page = client_for(world.alice).get(april.get_absolute_url()).content.decode()
    assert "Q-1" in page and "（3个月）" in page and page.count("登记交纳") == 1  # 牧民1 still owes April
