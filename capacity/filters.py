import django_filters
from django.utils.translation import gettext_lazy as _

from ali_party.filters import AreaYearFilterSet

from .models import (
    CoBuildingPairing, CollectiveEconomyDemoVillage, DisputeCase, DisputeScreening, EcologyTeam,
    IncomeTeam, StrongWeakPairing,
)


class CoBuildingPairingFilter(AreaYearFilterSet):
    garrison_unit = django_filters.CharFilter(label=_("驻军单位"), lookup_expr="icontains")

    class Meta:
        model = CoBuildingPairing
        fields = ["garrison_unit", "area"]


class DisputeScreeningFilter(AreaYearFilterSet):
    date_field = "screened_on"

    class Meta:
        model = DisputeScreening
        fields = ["year", "area"]


class DisputeCaseFilter(AreaYearFilterSet):
    date_field = "found_on"

    class Meta:
        model = DisputeCase
        fields = ["handled", "outcome", "year", "area"]


class CollectiveEconomyDemoVillageFilter(AreaYearFilterSet):
    class Meta:
        model = CollectiveEconomyDemoVillage
        fields = ["designated_year", "area"]


class IncomeTeamFilter(AreaYearFilterSet):
    class Meta:
        model = IncomeTeam
        fields = ["kind", "area"]


class StrongWeakPairingFilter(AreaYearFilterSet):
    class Meta:
        model = StrongWeakPairing
        fields = ["area"]


class EcologyTeamFilter(AreaYearFilterSet):
    name = django_filters.CharFilter(label=_("队伍名称"), lookup_expr="icontains")

    class Meta:
        model = EcologyTeam
        fields = ["name", "area"]
