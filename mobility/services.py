"""Writes of 流动党员 and 失联党员: one transaction each, the scope checked at the member's (or the
attended branch's) area before and after the change, `full_clean()`, save. Nothing here changes a
member's own record: a long absence or a lost contact is for the branch to decide on."""
from __future__ import annotations

from django.db import transaction

from ali_party.scoping import require_editable
from ali_party.services import scoped_create, scoped_update

from .models import FloatingPeriod, IncomingMember, LostContact


@transaction.atomic
def floating_create(*, actor, **fields) -> FloatingPeriod:
    return scoped_create(FloatingPeriod, actor=actor, **fields)


@transaction.atomic
def floating_update(*, actor, floating: FloatingPeriod, **fields) -> FloatingPeriod:
    """Change a period, or record the return (返回日期)."""
    return scoped_update(floating, actor=actor, **fields)


@transaction.atomic
def floating_delete(*, actor, floating: FloatingPeriod) -> None:
    require_editable(actor=actor, area=floating.member.organization.area)
    floating.delete()


@transaction.atomic
def incoming_create(*, actor, **fields) -> IncomingMember:
    return scoped_create(IncomingMember, actor=actor, **fields)


@transaction.atomic
def incoming_update(*, actor, incoming: IncomingMember, **fields) -> IncomingMember:
    return scoped_update(incoming, actor=actor, **fields)


@transaction.atomic
def incoming_delete(*, actor, incoming: IncomingMember) -> None:
    require_editable(actor=actor, area=incoming.organization.area)
    incoming.delete()


@transaction.atomic
def lost_create(*, actor, **fields) -> LostContact:
    return scoped_create(LostContact, actor=actor, **fields)


@transaction.atomic
def lost_update(*, actor, lost: LostContact, **fields) -> LostContact:
    """Change a case, or record that contact was restored (恢复联系日期 and the outcome)."""
    return scoped_update(lost, actor=actor, **fields)


@transaction.atomic
def lost_delete(*, actor, lost: LostContact) -> None:
    require_editable(actor=actor, area=lost.member.organization.area)
    lost.delete()
