import django_filters
from django.utils.translation import gettext_lazy as _

from activities.filters import AreaScopedFilterSet

from .models import (
    CoBuildingPairing, CollectiveEconomyDemoVillage, DisputeCase, DisputeScreening, EcologyTeam,
    IncomeTeam, StrongWeakPairing,
)


class CoBuildingPairingFilter(AreaScopedFilterSet):
    garrison_unit = django_filters.CharFilter(label=_("驻军单位"), lookup_expr="icontains")

    class Meta:
        model = CoBuildingPairing
        fields = ["garrison_unit", "area"]


class DisputeScreeningFilter(AreaScopedFilterSet):
    date_field = "screened_on"

    class Meta:
        model = DisputeScreening
        fields = ["year", "area"]


class DisputeCaseFilter(AreaScopedFilterSet):
    date_field = "found_on"

    class Meta:
        model = DisputeCase
        fields = ["handled", "outcome", "year", "area"]


class CollectiveEconomyDemoVillageFilter(AreaScopedFilterSet):
    class Meta:
        model = CollectiveEconomyDemoVillage
        fields = ["designated_year", "area"]


class IncomeTeamFilter(AreaScopedFilterSet):
    class Meta:
        model = IncomeTeam
        fields = ["kind", "area"]


class StrongWeakPairingFilter(AreaScopedFilterSet):
    class Meta:
        model = StrongWeakPairing
        fields = ["area"]


class EcologyTeamFilter(AreaScopedFilterSet):
    name = django_filters.CharFilter(label=_("队伍名称"), lookup_expr="icontains")

    class Meta:
        model = EcologyTeam
        fields = ["name", "area"]
