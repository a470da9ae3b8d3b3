"""Writes of the 基本能力 pillar: one transaction each, scope check, `full_clean()`, save."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ali_party.scoping import require_editable
from ali_party.services import scoped_create, scoped_update

from .models import (
    CoBuildingPairing, CollectiveEconomyDemoVillage, DisputeCase, DisputeScreening, EcologyTeam,
    IncomeTeam, StrongWeakPairing,
)


@transaction.atomic
def pairing_create(*, actor, **fields) -> CoBuildingPairing:
    return scoped_create(CoBuildingPairing, actor=actor, **fields)


@transaction.atomic
def pairing_update(*, actor, pairing: CoBuildingPairing, **fields) -> CoBuildingPairing:
    pairing = scoped_update(pairing, actor=actor, **fields)
    outside = [a for a in pairing.activities.all() if not pairing.active_on(a.held_on)]
    if outside:
        raise ValidationError({"ended_on": _("已有%(count)s项共建活动不在新的起止期间内，请先调整这些活动。") % {
            "count": len(outside)}})
    return pairing


@transaction.atomic
def screening_create(*, actor, **fields) -> DisputeScreening:
    return scoped_create(DisputeScreening, actor=actor, **fields)


@transaction.atomic
def screening_update(*, actor, screening: DisputeScreening, **fields) -> DisputeScreening:
    screening = scoped_update(screening, actor=actor, **fields)
    linked = screening.cases.count()
    if linked > screening.disputes_found:
        raise ValidationError({"disputes_found": _("已有%(count)s件纠纷登记在这次排查下，排查出纠纷数不能少于%(count)s。") % {
            "count": linked}})
    return screening


def _check_screening_capacity(case: DisputeCase) -> None:
    if case.screening_id is None:
        return
    others = case.screening.cases.exclude(pk=case.pk).count()
    if others + 1 > case.screening.disputes_found:
        raise ValidationError({"screening": _("这次排查只排查出%(found)s件纠纷，已登记%(registered)s件，不能再登记。") % {
            "found": case.screening.disputes_found, "registered": others}})


@transaction.atomic
def dispute_case_create(*, actor, **fields) -> DisputeCase:
    case = scoped_create(DisputeCase, actor=actor, **fields)
    _check_screening_capacity(case)
    return case


@transaction.atomic
def dispute_case_update(*, actor, case: DisputeCase, **fields) -> DisputeCase:
    case = scoped_update(case, actor=actor, **fields)
    _check_screening_capacity(case)
    return case


@transaction.atomic
def demo_village_create(*, actor, **fields) -> CollectiveEconomyDemoVillage:
    return scoped_create(CollectiveEconomyDemoVillage, actor=actor, **fields)


@transaction.atomic
def demo_village_update(*, actor, designation: CollectiveEconomyDemoVillage, **fields):
    return scoped_update(designation, actor=actor, **fields)


@transaction.atomic
def income_team_create(*, actor, **fields) -> IncomeTeam:
    return scoped_create(IncomeTeam, actor=actor, **fields)


@transaction.atomic
def income_team_update(*, actor, team: IncomeTeam, **fields) -> IncomeTeam:
    return scoped_update(team, actor=actor, **fields)


@transaction.atomic
def strong_weak_create(*, actor, **fields) -> StrongWeakPairing:
    pairing = StrongWeakPairing(**fields)
    # Both villages are touched by the pairing: the actor must be able to edit both.
    require_editable(actor=actor, area=pairing.weak_village)
    return scoped_create(StrongWeakPairing, actor=actor, **fields)


@transaction.atomic
def strong_weak_update(*, actor, pairing: StrongWeakPairing, **fields) -> StrongWeakPairing:
    require_editable(actor=actor, area=pairing.weak_village)
    pairing = scoped_update(pairing, actor=actor, **fields)
    require_editable(actor=actor, area=pairing.weak_village)
    return pairing


@transaction.atomic
def ecology_team_create(*, actor, **fields) -> EcologyTeam:
    return scoped_create(EcologyTeam, actor=actor, **fields)


@transaction.atomic
def ecology_team_update(*, actor, team: EcologyTeam, **fields) -> EcologyTeam:
    return scoped_update(team, actor=actor, **fields)
