"""Writes of the 基本能力 pillar: one transaction each, scope check, `full_clean()`, save."""
from django.core.exceptions import ValidationError
from django.db import transaction

from ali_party.scoping import area_of, require_editable

from .models import (
    CoBuildingPairing, CollectiveEconomyDemoVillage, DisputeCase, DisputeScreening, EcologyTeam,
    IncomeTeam, StrongWeakPairing,
)


def _create(model, actor, fields):
    obj = model(**fields)
    require_editable(actor=actor, area=area_of(obj))
    obj.full_clean()
    obj.save()
    return obj


def _update(obj, actor, fields):
    require_editable(actor=actor, area=area_of(obj))
    for name, value in fields.items():
        setattr(obj, name, value)
    require_editable(actor=actor, area=area_of(obj))
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def pairing_create(*, actor, **fields) -> CoBuildingPairing:
    return _create(CoBuildingPairing, actor, fields)


@transaction.atomic
def pairing_update(*, actor, pairing: CoBuildingPairing, **fields) -> CoBuildingPairing:
    pairing = _update(pairing, actor, fields)
    outside = [a for a in pairing.activities.all() if not pairing.active_on(a.held_on)]
    if outside:
        raise ValidationError({"ended_on": f"已有{len(outside)}项共建活动不在新的起止期间内，请先调整这些活动。"})
    return pairing


@transaction.atomic
def screening_create(*, actor, **fields) -> DisputeScreening:
    return _create(DisputeScreening, actor, fields)


@transaction.atomic
def screening_update(*, actor, screening: DisputeScreening, **fields) -> DisputeScreening:
    screening = _update(screening, actor, fields)
    linked = screening.cases.count()
    if linked > screening.disputes_found:
        raise ValidationError({"disputes_found": f"已有{linked}件纠纷登记在这次排查下，排查出纠纷数不能少于{linked}。"})
    return screening


def _check_screening_capacity(case: DisputeCase) -> None:
    if case.screening_id is None:
        return
    others = case.screening.cases.exclude(pk=case.pk).count()
    if others + 1 > case.screening.disputes_found:
        raise ValidationError({"screening": f"这次排查只排查出{case.screening.disputes_found}件纠纷，"
                                            f"已登记{others}件，不能再登记。"})


@transaction.atomic
def dispute_case_create(*, actor, **fields) -> DisputeCase:
    case = _create(DisputeCase, actor, fields)
    _check_screening_capacity(case)
    return case


@transaction.atomic
def dispute_case_update(*, actor, case: DisputeCase, **fields) -> DisputeCase:
    case = _update(case, actor, fields)
    _check_screening_capacity(case)
    return case


@transaction.atomic
def demo_village_create(*, actor, **fields) -> CollectiveEconomyDemoVillage:
    return _create(CollectiveEconomyDemoVillage, actor, fields)


@transaction.atomic
def demo_village_update(*, actor, designation: CollectiveEconomyDemoVillage, **fields):
    return _update(designation, actor, fields)


@transaction.atomic
def income_team_create(*, actor, **fields) -> IncomeTeam:
    return _create(IncomeTeam, actor, fields)


@transaction.atomic
def income_team_update(*, actor, team: IncomeTeam, **fields) -> IncomeTeam:
    return _update(team, actor, fields)


@transaction.atomic
def strong_weak_create(*, actor, **fields) -> StrongWeakPairing:
    pairing = StrongWeakPairing(**fields)
    # Both villages are touched by the pairing: the actor must be able to edit both.
    require_editable(actor=actor, area=pairing.weak_village)
    return _create(StrongWeakPairing, actor, fields)


@transaction.atomic
def strong_weak_update(*, actor, pairing: StrongWeakPairing, **fields) -> StrongWeakPairing:
    require_editable(actor=actor, area=pairing.weak_village)
    pairing = _update(pairing, actor, fields)
    require_editable(actor=actor, area=pairing.weak_village)
    return pairing


@transaction.atomic
def ecology_team_create(*, actor, **fields) -> EcologyTeam:
    return _create(EcologyTeam, actor, fields)


@transaction.atomic
def ecology_team_update(*, actor, team: EcologyTeam, **fields) -> EcologyTeam:
    return _update(team, actor, fields)
