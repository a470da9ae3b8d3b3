import django_filters
from django.utils.translation import gettext_lazy as _

from ali_party.filters import AreaFilterSet as ScopedAreaFilterSet
from ali_party.filters import YearFilter, YesNoFilter
from branches.models import Area

from .models import (
    VENUE_STANDARD_MIN_INVESTMENT, Allocation, CollectiveEconomyProject, Expenditure, Status,
    TownshipAccount, VenueUpgrade,
)


class AreaFilterSet(ScopedAreaFilterSet):
    """Adds an 区域 filter (a county or township in the user's scope; rows under it; see
    ali_party.filters)."""

    area = django_filters.ModelChoiceFilter(label=_("区域"), queryset=Area.objects.none(),
                                            method="filter_area")


class AllocationFilter(AreaFilterSet):
    class Meta:
        model = Allocation
        fields = ["year", "source", "purpose", "area"]


class ExpenditureFilter(AreaFilterSet):
    year = YearFilter(label=_("年度"), field_name="spent_on", lookup_expr="year")
    voucher_no = django_filters.CharFilter(label=_("凭证号"), lookup_expr="icontains")

    class Meta:
        model = Expenditure
        fields = ["year", "purpose", "voucher_no", "area"]


class TownshipAccountFilter(AreaFilterSet):
    class Meta:
        model = TownshipAccount
        fields = ["area"]


class VenueUpgradeFilter(AreaFilterSet):
    below_standard = YesNoFilter(label=_("总投入低于15万元"), method="filter_below")

    class Meta:
        model = VenueUpgrade
        fields = ["status", "is_demonstration", "below_standard", "area"]

    def filter_below(self, queryset, name, value):
        if value is None:
            return queryset
        lookup = {"total_investment__lt": VENUE_STANDARD_MIN_INVESTMENT}
        return queryset.filter(**lookup) if value else queryset.exclude(**lookup)


class CollectiveEconomyProjectFilter(AreaFilterSet):
    name = django_filters.CharFilter(label=_("项目名称"), lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Status.choices)

    class Meta:
        model = CollectiveEconomyProject
        fields = ["name", "start_year", "status", "area"]
