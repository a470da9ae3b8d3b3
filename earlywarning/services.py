"""The early-warning score (computed, never typed in) and the weight versions.

`scores_compute` is the one function that turns records into scores: for every organization that
existed at the end of the year, the sum of the weights (of the version in force that year) of the
signals present, with the explanation signal by signal. `scores_recompute` stores them (the
nightly task); `weight_set_create` writes a new version of the weights.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnavailable

from accounts.models import Role
from branches.models import Area, PartyOrganization

from . import signals as registry
from .models import OrganizationScore, Weight, WeightSet


@dataclass
class Score:
    organization_id: int
    year: int
    weight_set: WeightSet
    signals: list[dict] = field(default_factory=list)  # {"code", "weight", "message", "params"}

    @property
    def score(self) -> int:
        return sum(s["weight"] for s in self.signals)

    @property
    def level(self) -> str:
        return self.weight_set.level_of(self.score)


def weight_set_for(year: int) -> WeightSet | None:
    """The version in force in `year`: the newest whose first year is not after it."""
    return WeightSet.objects.filter(valid_from__lte=year).order_by("-version").first()


def weights_of(weight_set: WeightSet) -> dict[str, int]:
    return dict(weight_set.weights.values_list("signal", "weight"))


def scores_compute(year: int) -> list[Score]:
    """Every organization existing at the end of `year`, scored: one query per signal, two for the
    weights and one for the organizations, whatever their number. Empty without a weight version."""
    weight_set = weight_set_for(year)
    if weight_set is None:
        return []
    weights = weights_of(weight_set)
    org_ids = list(PartyOrganization.objects.existing_at_end_of(year).order_by("pk").values_list("pk", flat=True))
    scores = {pk: Score(pk, year, weight_set) for pk in org_ids}
    for signal in registry.all_signals():
        weight = weights.get(signal.code)
        if not weight:  # not in this version (or weighed 0): not computed
            continue
        for org_id, detail in signal.compute(year).items():
            if org_id in scores:
                scores[org_id].signals.append({"code": signal.code, "weight": weight, **detail.as_dict()})
    return list(scores.values())


@transaction.atomic
def scores_recompute(*, years) -> int:
    """Store the scores of `years` (replacing what was stored). Returns the number of rows written."""
    now = timezone.now()
    written = 0
    for year in sorted(set(years)):
        rows = [OrganizationScore(organization_id=s.organization_id, year=year, score=s.score, level=s.level,
                                  weight_set=s.weight_set, signals=s.signals, computed_at=now)
                for s in scores_compute(year)]
        OrganizationScore.objects.filter(year=year).delete()
        OrganizationScore.objects.bulk_create(rows, batch_size=500)
        written += len(rows)
    return written


def can_edit_weights(user) -> bool:
    """The weights are one table for the whole prefecture, set by the organization department that
    leads the 软弱涣散 check-up (地委组织部): prefecture staff bound to the prefecture. Not the system
    admin, who manages accounts and the tree but no business rules (三权分立), nor a county clerk,
    whose change would move every other county's scores."""
    return (getattr(user, "is_authenticated", False) and user.is_active and user.role == Role.PREFECTURE_STAFF
            and user.scope_area_id is not None and user.scope_area.level == Area.Level.PREFECTURE)


@transaction.atomic
def weight_set_create(*, actor, valid_from: int, watch_from: int, warning_from: int, note: str,
                      weights: dict[str, int]) -> WeightSet:
    """A new version of the weights (the versions before it are never changed). The stored scores of
    the years it applies to are recomputed after commit."""
    if not can_edit_weights(actor):
        raise PermissionDenied(_("只有地委组织部工作人员可以调整预警权重。"))
    unknown = set(weights) - {s.code for s in registry.all_signals()}
    if unknown:
        raise ValidationError(_("未知的预警信号：%(codes)s") % {"codes": "、".join(sorted(unknown))})
    last = WeightSet.objects.select_for_update().order_by("-version").first()
    weight_set = WeightSet(version=(last.version + 1) if last else 1, valid_from=valid_from, watch_from=watch_from,
                           warning_from=warning_from, note=note, created_by=actor)
    weight_set.full_clean(exclude=["version"])
    weight_set.save()
    rows = [Weight(weight_set=weight_set, signal=code, weight=weight) for code, weight in weights.items()]
    for row in rows:
        row.full_clean(exclude=["weight_set"])
    Weight.objects.bulk_create(rows)
    transaction.on_commit(lambda: _queue_recompute(valid_from))
    return weight_set


def _queue_recompute(valid_from: int) -> None:
    from .tasks import recompute_scores

    years = [y for y in stored_years() if y >= valid_from]
    if years:
        try:
            recompute_scores.delay(years=years, then_indicators=True)
        except BrokerUnavailable:  # the nightly run recomputes every year anyway
            pass


def stored_years() -> list[int]:
    from indicators.services import default_years

    return default_years()
