"""The ledger, payments and the relief workflow. Expected figures are worked out by hand from the
records each test creates."""
import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from branches.models import PartyOrganization
from cadres.models import OrganizationTransfer, PartyMember
from cadres.tests.factories import PartyMemberFactory
from dues import services
from dues.models import DuesLedgerLine, DuesPayment, DuesRelief
from dues.rules import Category

from .factories import DuesProfileFactory

D = datetime.date
M = Decimal
Stage = PartyMember.Stage


def probationary(org, admitted_on, **kw):
    return PartyMemberFactory(organization=org, stage=Stage.PROBATIONARY, admitted_on=admitted_on,
                              full_member_on=None, applied_on=D(2020, 1, 5), activist_on=D(2020, 3, 1),
                              candidate_on=D(2021, 3, 2), **kw)


def lines_of(ledger):
    return {line.member.name: line for line in ledger.lines.select_related("member")}


@pytest.fixture
def branch(world):
    """加木村党支部: 5 people — a full member in service (base 5000.01), a retiree (base 5000.00), a
    farmer (0.50 set by the branch), a probationary member admitted 2022-03-20 (student), an
    applicant (never due) — plus one who left on 2022-03-10 and one transferred away on 2022-04-15."""
    w = world
    w.worker = PartyMemberFactory(organization=w.org_a1, name="在职")
    DuesProfileFactory(member=w.worker, category=Category.IN_SERVICE, fixed_amount=None, base_income=M("5000.01"))
    w.retiree = PartyMemberFactory(organization=w.org_a1, name="退休")
    DuesProfileFactory(member=w.retiree, category=Category.RETIRED, fixed_amount=None, base_income=M("5000.00"))
    w.farmer = PartyMemberFactory(organization=w.org_a1, name="牧民")
    DuesProfileFactory(member=w.farmer, category=Category.FARMER_HERDER, fixed_amount=M("0.50"))
    w.newcomer = probationary(w.org_a1, D(2022, 3, 20), name="预备")
    DuesProfileFactory(member=w.newcomer, category=Category.STUDENT, fixed_amount=None)
    w.applicant = PartyMemberFactory(organization=w.org_a1, name="申请人", stage=Stage.APPLICANT,
                                     activist_on=None, candidate_on=None, admitted_on=None, full_member_on=None)
    w.leaver = PartyMemberFactory(organization=w.org_a1, name="转出", status=PartyMember.Status.TRANSFERRED_OUT,
                                  status_changed_on=D(2022, 3, 10))
    DuesProfileFactory(member=w.leaver)
    w.mover = PartyMemberFactory(organization=w.org_a2, name="调走")
    DuesProfileFactory(member=w.mover, fixed_amount=M("1.00"))
    OrganizationTransfer.objects.create(member=w.mover, from_organization=w.org_a1, to_organization=w.org_a2,
                                        transferred_on=D(2022, 4, 15))
    return w


def test_it_lists_the_members_due_each_month(branch):
    w = branch
    generate = lambda month, org=w.org_a1: services.ledger_generate(actor=w.alice, organization=org,  # noqa: E731
                                                                   year=2022, month=month)
    assert set(lines_of(generate(2))) == {"在职", "退休", "牧民", "转出", "调走"}
    # Admitted on 20 March: due from March. Left on 10 March: due in March, not after.
    assert set(lines_of(generate(3))) == {"在职", "退休", "牧民", "预备", "转出", "调走"}
    # Transferred on 15 April: the old branch is owed April, the new one from May.
    assert set(lines_of(generate(4))) == {"在职", "退休", "牧民", "预备", "调走"}
    assert set(lines_of(generate(5))) == {"在职", "退休", "牧民", "预备"}
    assert set(lines_of(generate(4, w.org_a2))) == set()
    assert set(lines_of(generate(5, w.org_a2))) == {"调走"}


def test_it_prices_each_line_from_the_profile(branch):
    w = branch
    lines = lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3))
    # 5000.01 × 1.5 % = 75.00015 → 75.00; 5000.00 × 0.5 % (retired) = 25.00; farmer 0.50; student 0.20.
    assert {name: line.amount_due for name, line in lines.items()} == {
        "在职": M("75.00"), "退休": M("25.00"), "牧民": M("0.50"), "预备": M("0.20"), "转出": M("0.50"),
        "调走": M("1.00")}


def test_a_member_without_a_profile_is_due_without_an_amount(branch):
    w = branch
    w.newcomer.dues_profile.delete()
    lines = lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3))
    assert lines["预备"].amount_due is None
    with pytest.raises(ValidationError) as error:
        services.payment_record(actor=w.alice, line=lines["预备"], receipt_no="R1", paid_on=D(2022, 3, 25),
                                amount="0.20")
    assert "amount" in error.value.message_dict


def test_generating_again_changes_nothing_but_what_changed(branch):
    w = branch
    first = services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3)
    before = {(line.pk, line.member_id, line.amount_due) for line in first.lines.all()}
    again = services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3)
    assert again.pk == first.pk
    assert {(line.pk, line.member_id, line.amount_due) for line in again.lines.all()} == before
    # A paid line stays as it was when the profile changes; an unpaid one is re-priced.
    lines = lines_of(again)
    services.payment_record(actor=w.alice, line=lines["在职"], receipt_no="001", paid_on=D(2022, 3, 28),
                            amount="75.00")
    profile = w.worker.dues_profile
    services.profile_update(actor=w.alice, profile=profile, base_income="10000.01", category=Category.IN_SERVICE)
    retiree = w.retiree.dues_profile
    services.profile_update(actor=w.alice, profile=retiree, base_income="5000.01", category=Category.RETIRED)
    lines = lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3))
    assert lines["在职"].amount_due == M("75.00")
    assert lines["退休"].amount_due == M("50.00")  # 5000.01 × 1 % = 50.0001
    assert DuesLedgerLine.objects.filter(ledger=again).count() == 6


def test_it_records_a_payment_a_back_payment_and_a_proxy(branch):
    w = branch
    march = lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3))
    on_time = services.payment_record(actor=w.alice, line=march["在职"], receipt_no="2022-001",
                                      paid_on=D(2022, 3, 31), amount="80.00")  # paying more is fine
    late = services.payment_record(actor=w.alice, line=march["退休"], receipt_no="2022-002",
                                   paid_on=D(2022, 4, 1), amount="25.00", paid_by="女儿 卓玛")
    assert (on_time.is_back_payment, on_time.amount, on_time.paid_by) == (False, M("80.00"), "")
    assert (late.is_back_payment, late.is_proxy, late.paid_by) == (True, True, "女儿 卓玛")
    with pytest.raises(ValidationError) as error:
        services.payment_record(actor=w.alice, line=march["牧民"], receipt_no="2022-003",
                                paid_on=D(2022, 3, 31), amount="0.49")
    assert "amount" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.payment_record(actor=w.alice, line=march["在职"], receipt_no="2022-009",
                                paid_on=D(2022, 3, 31), amount="75.00")  # already paid


def test_a_receipt_number_is_unique_per_branch(branch):
    w = branch
    march = lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3))
    services.payment_record(actor=w.alice, line=march["在职"], receipt_no="001", paid_on=D(2022, 3, 5),
                            amount="75.00")
    with pytest.raises(ValidationError):
        services.payment_record(actor=w.alice, line=march["牧民"], receipt_no="001", paid_on=D(2022, 3, 5),
                                amount="0.50")
    assert march["牧民"].payment_id is None and DuesPayment.objects.count() == 1
    other = lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a2, year=2022, month=5))
    services.payment_record(actor=w.alice, line=other["调走"], receipt_no="001", paid_on=D(2022, 5, 5),
                            amount="1.00")  # another branch's receipt book
    assert DuesPayment.objects.filter(receipt_no="001").count() == 2


def test_a_receipt_saved_meanwhile_by_someone_else_is_a_form_error_not_a_500(branch, monkeypatch):
    """Two clerks saving the same receipt number at once both pass full_clean; the database's unique
    constraint then refuses the second. Simulated: the check before saving sees nothing."""
    w = branch
    march = lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3))
    services.payment_record(actor=w.alice, line=march["在职"], receipt_no="001", paid_on=D(2022, 3, 5),
                            amount="75.00")
    monkeypatch.setattr(DuesPayment, "full_clean", lambda self, *a, **k: None)
    with pytest.raises(ValidationError) as error:
        services.payment_record(actor=w.alice, line=march["牧民"], receipt_no="001", paid_on=D(2022, 3, 5),
                                amount="0.50")
    assert error.value.message_dict == {"receipt_no": ["本支部已有相同收据号的党费交纳记录。"]}
    march["牧民"].refresh_from_db()
    assert march["牧民"].payment_id is None and DuesPayment.objects.count() == 1


def test_a_farmer_pays_a_quarter_ahead_with_one_receipt(branch):
    w = branch
    march = lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3))
    with pytest.raises(ValidationError):  # 3 × 0.50 = 1.50 is due
        services.payment_record(actor=w.alice, line=march["牧民"], receipt_no="Q1", paid_on=D(2022, 3, 2),
                                amount="1.49", months=3)
    payment = services.payment_record(actor=w.alice, line=march["牧民"], receipt_no="Q1",
                                      paid_on=D(2022, 3, 2), amount="1.50", months=3)
    paid = DuesLedgerLine.objects.filter(payment=payment).values_list("ledger__month", flat=True)
    assert sorted(paid) == [3, 4, 5]
    # The mover is not due in May at this branch: paying ahead past the transfer is refused.
    with pytest.raises(ValidationError) as error:
        services.payment_record(actor=w.alice, line=march["调走"], receipt_no="Q2", paid_on=D(2022, 3, 2),
                                amount="3.00", months=3)
    assert "months" in error.value.message_dict
    assert not DuesPayment.objects.filter(receipt_no="Q2").exists()


def test_a_payment_is_refused_outside_the_scope_and_for_read_only_roles(branch):
    w = branch
    march = lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3))
    with pytest.raises(Http404):
        services.payment_record(actor=w.bob, line=march["在职"], receipt_no="X", paid_on=D(2022, 3, 5),
                                amount="75.00")
    with pytest.raises(PermissionDenied):
        services.payment_record(actor=w.dave, line=march["在职"], receipt_no="X", paid_on=D(2022, 3, 5),
                                amount="75.00")
    with pytest.raises(Http404):
        services.ledger_generate(actor=w.bob, organization=w.org_a1, year=2022, month=3)
    assert not DuesPayment.objects.exists()


def _request(w, actor, member, **kw):
    data = dict(kind=DuesRelief.Kind.EXEMPT, from_month=D(2022, 3, 1), to_month=D(2022, 5, 1), reason="重病住院")
    data.update(kw)
    return services.relief_request(actor=actor, member=member, **data)


def test_a_relief_is_approved_one_level_up_and_applies_to_the_ledger(branch):
    w = branch
    march = services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3)
    relief = _request(w, w.tess, w.worker)
    assert relief.status == DuesRelief.Status.REQUESTED and relief.requested_by == w.tess
    with pytest.raises(PermissionDenied):  # not one's own request
        services.relief_decide(actor=w.tess, relief=relief, decision=DuesRelief.Status.APPROVED)
    with pytest.raises(Http404):
        services.relief_decide(actor=w.bob, relief=relief, decision=DuesRelief.Status.APPROVED)
    with pytest.raises(PermissionDenied):
        services.relief_decide(actor=w.dave, relief=relief, decision=DuesRelief.Status.APPROVED)
    decided = services.relief_decide(actor=w.alice, relief=relief, decision=DuesRelief.Status.APPROVED,
                                     decision_note="情况属实")
    assert (decided.status, decided.decided_by, decided.decision_note) == (DuesRelief.Status.APPROVED, w.alice,
                                                                           "情况属实")
    assert decided.decided_at is not None
    # March (already generated) is re-priced, April is generated with it, June is outside.
    assert lines_of(march)["在职"].amount_due == M("0.00")
    april = lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=4))
    june = lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=6))
    assert (april["在职"].amount_due, april["在职"].relief_id) == (M("0.00"), relief.pk)
    assert june["在职"].amount_due == M("75.00")
    with pytest.raises(ValidationError):  # decided once
        services.relief_decide(actor=w.carol, relief=relief, decision=DuesRelief.Status.REFUSED, decision_note="x")


def test_a_reduction_lowers_the_amount_and_a_refusal_needs_a_reason(branch):
    w = branch
    reduce = _request(w, w.alice, w.worker, kind=DuesRelief.Kind.REDUCE, reduced_amount="10.00")
    services.relief_decide(actor=w.carol, relief=reduce, decision=DuesRelief.Status.APPROVED)
    assert lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022,
                                             month=4))["在职"].amount_due == M("10.00")
    refused = _request(w, w.alice, w.retiree)
    with pytest.raises(ValidationError) as error:
        services.relief_decide(actor=w.carol, relief=refused, decision=DuesRelief.Status.REFUSED)
    assert "decision_note" in error.value.message_dict
    services.relief_decide(actor=w.carol, relief=refused, decision=DuesRelief.Status.REFUSED, decision_note="收入稳定")
    assert lines_of(services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022,
                                             month=4))["退休"].amount_due == M("25.00")


def test_the_branch_level_cannot_approve_its_own(branch):
    """A township's own branch (in the township's area): the township clerk is at its level, not above."""
    w = branch
    office = PartyOrganization.objects.create(name="狮泉河镇机关党支部", kind="branch", area=w.township_a)
    clerk = PartyMemberFactory(organization=office, name="镇干部")
    relief = _request(w, w.alice, clerk)
    assert not services.may_decide(w.tess, relief)
    with pytest.raises(PermissionDenied):
        services.relief_decide(actor=w.tess, relief=relief, decision=DuesRelief.Status.APPROVED)
    assert services.may_decide(w.alice, services.relief_request(
        actor=w.tess, member=clerk, kind="exempt", from_month=D(2022, 1, 1), to_month=D(2022, 1, 1), reason="困难"))


def test_money_is_exact(branch):
    w = branch
    with pytest.raises(ValidationError) as error:
        services.profile_update(actor=w.alice, profile=w.worker.dues_profile, base_income="5000.001")
    assert "base_income" in error.value.message_dict
    profile = services.profile_update(actor=w.alice, profile=w.worker.dues_profile, base_income=3000.01)
    assert profile.base_income == M("3000.01") and profile.monthly_amount == M("30.00")


def test_generating_a_ledger_takes_the_same_queries_for_2_or_30_members(world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(n, month):
        for _ in range(n):
            DuesProfileFactory(member=PartyMemberFactory(organization=world.org_a1))
        with CaptureQueriesContext(connection) as captured:
            services.ledger_generate(actor=world.alice, organization=world.org_a1, year=2022, month=month)
        return len(captured)

    few = queries(2, 1)
    many = queries(28, 2)
    assert many <= few, (few, many)  # (the first call of a test makes one more query, once)
    with django_assert_max_num_queries(few):  # and again, unchanged: no more than the first time
        services.ledger_generate(actor=world.alice, organization=world.org_a1, year=2022, month=2)
