import django_filters
from django.utils.translation import gettext_lazy as _

from ali_party.filters import CountyTownshipFilterSet

from .models import Kind, LapseWarning

LEVEL_CHOICES = [("3", _("3个月及以上")), ("5", _("5个月及以上"))]  # rules.LEVELS


class LapseWarningFilter(CountyTownshipFilterSet):
    kind = django_filters.ChoiceFilter(label=_("预警类型"), choices=Kind.choices)
    level = django_filters.ChoiceFilter(label=_("连续月数"), choices=LEVEL_CHOICES, method="filter_level")

    class Meta:
        model = LapseWarning
        fields = ["county", "township", "kind", "level"]

    def filter_level(self, queryset, name, value):
        return queryset.filter(months__gte=int(value)) if value else queryset
