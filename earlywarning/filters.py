import django_filters
from django.utils.translation import gettext_lazy as _

from ali_party.filters import CountyTownshipFilterSet, YearFilter

from .models import Level, OrganizationScore


class ScoreFilter(CountyTownshipFilterSet):
    # The year itself is applied by the view (the project's shown-year rule); the field shows it.
    year = YearFilter(label=_("年度"), method="filter_nothing")
    level = django_filters.ChoiceFilter(label=_("预警等级"), choices=Level.choices)

    class Meta:
        model = OrganizationScore
        fields = ["year", "county", "township", "level"]

    def filter_nothing(self, queryset, name, value):
        return queryset
