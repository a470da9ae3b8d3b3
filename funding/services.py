"""Every write of the funding pillar. One transaction each; a refused write leaves nothing behind."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from ali_party.scoping import require_editable
from ali_party.services import scoped_create, scoped_update

from .models import (
    ZERO, Allocation, CollectiveEconomyProject, Expenditure, TownshipAccount, VenueUpgrade,
    VillageLedger,
)

MONEY_FIELDS = {
    Allocation: ["amount"],
    Expenditure: ["amount"],
    VenueUpgrade: ["prefecture_allocation", "total_investment"],
    CollectiveEconomyProject: ["central_support_funds", "other_funds", "income_generated"],
}


def to_money(value, *, field: str = "amount") -> Decimal:
    """An exact amount in yuan from user input; non-numbers, NaN and infinities are refused."""
    if isinstance(value, float):
        value = repr(value)  # never let binary floating point into the books
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: _("金额必须是数字（单位：元）。")}) from None
    if not amount.is_finite():
        raise ValidationError({field: _("金额必须是数字（单位：元）。")})
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: _("金额最多保留两位小数（精确到分）。")})
    return amount.quantize(Decimal("0.01"))


def _with_money(model, fields: dict) -> dict:
    """`fields` with the model's money fields read exactly (to_money)."""
    money = MONEY_FIELDS.get(model, [])
    return {name: to_money(value, field=name) if name in money and value is not None else value
            for name, value in fields.items()}


def _apply(instance, fields: dict) -> None:
    for name, value in _with_money(type(instance), fields).items():
        setattr(instance, name, value)


def _save(instance):
    instance.full_clean()
    instance.save()
    return instance


# --- allocations -------------------------------------------------------------------------------

def _allocation_village(fields: dict):
    """A grant to a project goes to the project's village."""
    project = fields.get("project")
    if project is not None and fields.get("village") is None:
        fields["village"] = project.village
    return fields


@transaction.atomic
def allocation_create(*, actor, **fields) -> Allocation:
    fields = _allocation_village(dict(fields))
    if fields.get("village") is None:
        raise ValidationError({"village": _("请选择受援村(社区)或集体经济项目。")})
    allocation = Allocation()
    _apply(allocation, fields)
    require_editable(actor=actor, area=allocation.village)
    return _save(allocation)


@transaction.atomic
def allocation_update(*, actor, allocation: Allocation, **fields) -> Allocation:
    require_editable(actor=actor, area=allocation.village)
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    fields = _allocation_village(dict(fields))
    _apply(allocation, fields)
    require_editable(actor=actor, area=allocation.village)
    spent = allocation_spent(allocation)
    errors = {}
    if spent and allocation.amount is not None and allocation.amount < spent:
        errors["amount"] = _("该拨款已支出 %(spent)s 元，拨付金额不能少于已支出金额。") % {"spent": spent}
    if spent and allocation.expenditures.exclude(purpose_id=allocation.purpose_id).exists():
        errors["purpose"] = _("该拨款已有支出，不能改为其他用途（专款专用）。")
    if spent and allocation.expenditures.exclude(ledger__village_id=allocation.village_id).exists():
        errors["village"] = _("该拨款已有支出，不能改拨给其他村。")
    if errors:
        raise ValidationError(errors)
    return _save(allocation)


def allocation_spent(allocation: Allocation) -> Decimal:
    """What has been booked against the allocation, summed by the database."""
    total = Expenditure.objects.filter(allocation_id=allocation.pk).aggregate(
        total=Coalesce(Sum("amount"), ZERO))["total"]
    return Decimal(str(total)).quantize(Decimal("0.01"))  # SQLite hands back Decimal("80")


# --- 村财乡管: accounts, ledgers, expenditures ---------------------------------------------------

@transaction.atomic
def township_account_create(*, actor, **fields) -> TownshipAccount:
    return scoped_create(TownshipAccount, actor=actor, **fields)


@transaction.atomic
def township_account_update(*, actor, account: TownshipAccount, **fields) -> TownshipAccount:
    return scoped_update(account, actor=actor, **_with_money(TownshipAccount, fields))


@transaction.atomic
def village_ledger_create(*, actor, account: TownshipAccount, village, opened_on=None) -> VillageLedger:
    require_editable(actor=actor, area=account.township)
    require_editable(actor=actor, area=village)
    return _save(VillageLedger(account=account, village=village, opened_on=opened_on))


@transaction.atomic
def expenditure_create(*, actor, allocation: Allocation, purpose, spent_on, amount, voucher_no: str,
                       description: str = "") -> Expenditure:
    """Book a payment against an allocation in the village's ledger.

    The allocation row is locked (SELECT … FOR UPDATE) before its remaining balance is summed, in
    this same transaction: a second clerk booking against the same allocation waits for the first
    to commit and then sees the first payment, so two bookings can never overspend it together.
    """
    amount = to_money(amount)
    require_editable(actor=actor, area=allocation.village)
    allocation = Allocation.objects.select_for_update().select_related("village", "purpose").get(
        pk=allocation.pk)
    ledger = VillageLedger.objects.filter(village_id=allocation.village_id).first()
    if ledger is None:
        raise ValidationError({"allocation": _("%(village)s尚未在乡镇统一账户下建立分村账簿，请先建账（村财乡管、分村核算）。")
                               % {"village": allocation.village}})
    expenditure = Expenditure(ledger=ledger, allocation=allocation, purpose=purpose, spent_on=spent_on,
                              amount=amount, voucher_no=(voucher_no or "").strip(),
                              description=description)
    expenditure.full_clean()
    spent = allocation_spent(allocation)
    remaining = allocation.amount - spent
    if amount > remaining:
        raise ValidationError({"amount": _("超出拨款余额：该拨款剩余 %(remaining)s 元，本次支出 %(amount)s 元，不能超支。")
                               % {"remaining": remaining, "amount": amount}})
    expenditure.save()
    return expenditure


# --- venues and projects -----------------------------------------------------------------------

@transaction.atomic
def venue_upgrade_create(*, actor, **fields) -> VenueUpgrade:
    return scoped_create(VenueUpgrade, actor=actor, **_with_money(VenueUpgrade, fields))


@transaction.atomic
def venue_upgrade_update(*, actor, venue: VenueUpgrade, **fields) -> VenueUpgrade:
    return scoped_update(venue, actor=actor, **_with_money(VenueUpgrade, fields))


@transaction.atomic
def project_create(*, actor, **fields) -> CollectiveEconomyProject:
    return scoped_create(CollectiveEconomyProject, actor=actor, **_with_money(CollectiveEconomyProject, fields))


@transaction.atomic
def project_update(*, actor, project: CollectiveEconomyProject, **fields) -> CollectiveEconomyProject:
    project = scoped_update(project, actor=actor, **_with_money(CollectiveEconomyProject, fields))
    # Checked on the saved row; the refusal rolls the change back with the transaction.
    if project.allocations.exclude(village_id=project.village_id).exists():
        raise ValidationError({"village": _("该项目已有拨款记入原村，不能改到其他村。")})
    return project


@transaction.atomic
def expenditure_delete(*, actor, expenditure: Expenditure) -> None:
    """Remove a wrongly booked payment (its amount returns to the allocation's balance)."""
    require_editable(actor=actor, area=expenditure.ledger.village)
    expenditure.delete()
