"""Every write of the dues pillar. One transaction each; a refused write leaves nothing behind."""
from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ali_party.scoping import require_editable, scope_path
from ali_party.services import scoped_create, scoped_update
from accounts import audit
from ali_party.signals import bulk_saved

from . import selectors
from .models import DuesLedger, DuesLedgerLine, DuesPayment, DuesProfile, DuesRelief, month_end, next_month

MAX_MONTHS_AHEAD = 12  # a farmer or herder may pay up to a year ahead


def to_money(value, *, field: str = "amount") -> Decimal | None:
    """An exact amount in yuan (to the 分); non-numbers, NaN, infinities and more than two decimals
    are refused. Floats never reach the books."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: _("金额必须是数字（单位：元）。")}) from None
    if not amount.is_finite():
        raise ValidationError({field: _("金额必须是数字（单位：元）。")})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: _("金额最多保留两位小数（精确到分）。")})
    return amount.quantize(Decimal("0.01"))


MONEY_FIELDS = ("base_income", "fixed_amount", "voluntary_amount", "reduced_amount", "amount")


def _with_money(fields: dict) -> dict:
    return {name: to_money(value, field=name) if name in MONEY_FIELDS else value for name, value in fields.items()}


# --- profiles ------------------------------------------------------------------------------------

@transaction.atomic
def profile_create(*, actor, **fields) -> DuesProfile:
    return scoped_create(DuesProfile, actor=actor, **_with_money(fields))


@transaction.atomic
def profile_update(*, actor, profile: DuesProfile, **fields) -> DuesProfile:
    """Change a profile; the unpaid lines of ledgers already generated keep their amount until the
    ledger is generated again (the ledger page's 重新生成)."""
    fields.pop("member", None)  # a profile stays with its member
    return scoped_update(profile, actor=actor, **_with_money(fields))


# --- ledgers -------------------------------------------------------------------------------------

def _amount_due(profile: DuesProfile | None, relief: DuesRelief | None) -> Decimal | None:
    if profile is None:
        return None
    amount = profile.shown_amount  # None (no amount) rather than a refused month for a stale profile
    if amount is not None and relief is not None:
        amount = Decimal("0.00") if relief.kind == DuesRelief.Kind.EXEMPT else min(amount, relief.reduced_amount)
    return amount


def _check_month(year, month) -> None:
    today = timezone.localdate()
    errors = {}
    if not isinstance(month, int) or not 1 <= month <= 12:
        errors["month"] = _("月份应为1—12。")
    if not isinstance(year, int) or not 2000 <= year <= today.year + 1:
        errors["year"] = _("年度应在2000年至明年之间。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def ledger_generate(*, actor, organization, year: int, month: int) -> DuesLedger:
    """The branch's ledger for the month, made or brought up to date from the members: one line per
    member due (selectors.members_due) with the amount from their profile and any approved relief.

    Idempotent: run again, it adds the members now due, re-prices the unpaid lines, and removes the
    unpaid lines of members no longer due; paid lines are never touched.
    """
    require_editable(actor=actor, area=organization.area)
    _check_month(year, month)
    return ledger_sync(organization=organization, year=year, month=month)


def ledger_sync(*, organization, year: int, month: int) -> DuesLedger:
    """The work of ledger_generate, without its scope check: for ledger_generate itself and for the
    demo data (dues.demo), which has no user. Call it inside a transaction."""
    ledger, _created = DuesLedger.objects.get_or_create(organization=organization, year=year, month=month)
    ledger = DuesLedger.objects.select_for_update().get(pk=ledger.pk)
    members = list(selectors.members_due(organization, year, month))
    ids = [m.pk for m in members]
    profiles = {p.member_id: p for p in DuesProfile.objects.filter(member_id__in=ids)}
    reliefs = selectors.approved_reliefs(ids, year, month, organization=organization)
    existing = {line.member_id: line for line in ledger.lines.all()}
    new, changed = [], []
    for member in members:
        profile, relief = profiles.get(member.pk), reliefs.get(member.pk)
        values = {"amount_due": _amount_due(profile, relief), "relief_id": relief.pk if relief else None,
                  "category": profile.category if profile else ""}
        line = existing.get(member.pk)
        if line is None:
            new.append(DuesLedgerLine(ledger=ledger, member=member, **values))
        elif line.payment_id is None and any(getattr(line, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(line, name, value)
            changed.append(line)
    # bulk_create sends no post_save: the indicators hear of the new lines through bulk_saved. The
    # few lines changed or removed are saved one by one (their signals mark the indicators stale).
    DuesLedgerLine.objects.bulk_create(new)
    audit.log_bulk_created(new)  # bulk_create sends no post_save: the change log's entries written here
    bulk_saved.send(sender=DuesLedgerLine, objs=new)
    for line in changed:
        line.save(update_fields=["amount_due", "relief", "category"])
    due_now = set(ids)
    for member_id, line in existing.items():
        if member_id not in due_now and line.payment_id is None:
            line.delete()
    ledger.save(update_fields=["generated_at"])
    return ledger


@transaction.atomic
def ledger_regenerate(*, actor, ledger: DuesLedger) -> DuesLedger:
    return ledger_generate(actor=actor, organization=ledger.organization, year=ledger.year, month=ledger.month)


# --- payments ------------------------------------------------------------------------------------

@transaction.atomic
def payment_record(*, actor, line: DuesLedgerLine, receipt_no: str, paid_on: date, amount,
                   paid_by: str = "", months: int = 1, note: str = "") -> DuesPayment:
    """Record the member's payment for the line's month and, when `months` > 1, the months after it
    in the same branch (paying a quarter or a year ahead: those months' ledgers are generated).

    The amount must cover what is due for the months (paying more is allowed). A payment made after
    the end of the first month it covers is a 补缴; one handed in by someone else records who (代缴).
    """
    organization = line.ledger.organization
    require_editable(actor=actor, area=organization.area)
    amount = to_money(amount)
    if amount is None:
        raise ValidationError({"amount": _("请填写实交金额。")})
    if not isinstance(months, int) or not 1 <= months <= MAX_MONTHS_AHEAD:
        raise ValidationError({"months": _("一次最多交纳12个月。")})
    line = DuesLedgerLine.objects.select_for_update().select_related("ledger").get(pk=line.pk)
    lines = [line]
    year, month = line.ledger.year, line.ledger.month
    for _i in range(months - 1):
        year, month = next_month(year, month)
        ledger = ledger_generate(actor=actor, organization=organization, year=year, month=month)
        following = ledger.lines.select_for_update().filter(member_id=line.member_id).first()
        if following is None:
            raise ValidationError({"months": _("%(member)s %(year)s年%(month)s月不在本支部应交党费名单中。")
                                   % {"member": line.member, "year": year, "month": month}})
        lines.append(following)
    for each in lines:
        if each.payment_id is not None:
            raise ValidationError({"months": _("%(year)s年%(month)s月的党费已经交纳（收据号 %(receipt)s）。")
                                   % {"year": each.ledger.year, "month": each.ledger.month,
                                      "receipt": each.payment.receipt_no}})
        if each.amount_due is None:
            raise ValidationError({"amount": _("该党员尚未建立党费档案，请先填写党费档案，再重新生成台账。")})
    due = sum((each.amount_due for each in lines), Decimal("0.00"))
    if due == 0:
        raise ValidationError({"amount": _("所选月份均已批准免交，无需交纳。")})
    if amount < due:
        raise ValidationError({"amount": _("实交金额不能少于应交的 %(due)s 元（可以多交）。") % {"due": due}})
    payment = DuesPayment(organization=organization, member=line.member, receipt_no=receipt_no, paid_on=paid_on,
                          amount=amount, paid_by=paid_by or "", note=note or "",
                          is_back_payment=bool(paid_on) and paid_on > month_end(line.ledger.year, line.ledger.month))
    payment.full_clean()
    try:
        with transaction.atomic():  # a savepoint: the same receipt saved meanwhile by someone else
            payment.save()
    except IntegrityError:
        raise ValidationError({"receipt_no": _("本支部已有相同收据号的党费交纳记录。")}) from None
    for each in lines:  # one by one, so that the indicators of each line's month hear of it
        each.payment = payment
        each.save(update_fields=["payment"])
    return payment


@transaction.atomic
def payment_delete(*, actor, payment: DuesPayment) -> None:
    """Undo a wrongly recorded payment: its months are unpaid again."""
    require_editable(actor=actor, area=payment.organization.area)
    for line in payment.lines.all():
        line.payment = None
        line.save(update_fields=["payment"])
    payment.delete()


# --- reliefs -------------------------------------------------------------------------------------

@transaction.atomic
def relief_request(*, actor, member, kind: str, from_month: date, to_month: date, reason: str,
                   reduced_amount=None) -> DuesRelief:
    """The branch asks for a member's dues to be reduced or waived for some months (hardship)."""
    require_editable(actor=actor, area=member.organization.area)
    relief = DuesRelief(member=member, kind=kind, from_month=from_month, to_month=to_month, reason=reason,
                        reduced_amount=to_money(reduced_amount, field="reduced_amount"), requested_by=actor)
    relief.full_clean()
    relief.save()
    return relief


def may_decide(actor, relief: DuesRelief) -> bool:
    """One level up: the approver's scope lies strictly above the branch's area (a township or a
    county for a village branch), and nobody decides a request they made themselves."""
    path = scope_path(actor)
    area_path = relief.member.organization.area.path
    return (path is not None and area_path.startswith(path) and len(path) < len(area_path)
            and relief.requested_by_id != actor.pk)


@transaction.atomic
def relief_decide(*, actor, relief: DuesRelief, decision: str, decision_note: str = "") -> DuesRelief:
    """Approve or refuse a requested relief, recording who, when and why. An approval re-prices the
    member's unpaid lines of the months it covers in the ledgers already generated."""
    require_editable(actor=actor, area=relief.member.organization.area)
    relief = DuesRelief.objects.select_for_update().select_related("member__organization__area").get(pk=relief.pk)
    if not may_decide(actor, relief):
        raise PermissionDenied(_("减免须由支部的上一级党组织审批，不能审批本级或自己提出的申请。"))
    if relief.status != DuesRelief.Status.REQUESTED:
        raise ValidationError({"decision": _("该申请已经审批，不能重复审批。")})
    if decision not in (DuesRelief.Status.APPROVED, DuesRelief.Status.REFUSED):
        raise ValidationError({"decision": _("请选择批准或不批准。")})
    if decision == DuesRelief.Status.REFUSED and not (decision_note or "").strip():
        raise ValidationError({"decision_note": _("不批准须写明理由。")})
    relief.status = decision
    relief.decided_by = actor
    relief.decided_at = timezone.now()
    relief.decision_note = (decision_note or "").strip()
    relief.full_clean()
    relief.save()
    if decision == DuesRelief.Status.APPROVED:
        # Only the ledgers in the approver's scope: a member who moved from another county still
        # owes the old branch its months, which this approver cannot waive (selectors.approved_reliefs).
        lines = (DuesLedgerLine.objects.visible_to(actor).select_related("ledger").filter(
            member_id=relief.member_id, payment__isnull=True)
            .filter(ledger__year__gte=relief.from_month.year, ledger__year__lte=relief.to_month.year))
        profile = DuesProfile.objects.filter(member_id=relief.member_id).first()
        for line in lines:
            if relief.covers(line.ledger.year, line.ledger.month):
                line.relief = relief
                line.amount_due = _amount_due(profile, relief)
                line.save(update_fields=["relief", "amount_due"])
    return relief
