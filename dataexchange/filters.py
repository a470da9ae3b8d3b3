"""The base of the export filters of record kinds whose pillar has no list page of their own (each
pillar's exchange.py declares its filter on it)."""
import django_filters
from django.utils.translation import gettext_lazy as _

from branches.models import Area


class ExportAreaFilterSet(django_filters.FilterSet):
    area = django_filters.ModelChoiceFilter(label=_("县/乡镇"), queryset=Area.objects.none(), method="filter_area")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        areas = Area.objects.visible_to(request.user) if request else Area.objects.none()
        self.filters["area"].queryset = areas.exclude(level=Area.Level.VILLAGE).order_by("path")

    def filter_area(self, queryset, name, value):
        return queryset.under(value) if value else queryset
