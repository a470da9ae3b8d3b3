import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import scope_path

from .models import (
    Area, Assessment, Designation, DesignationKind, Measure, PartyOrganization, ProgrammeEnrollment, Rectification,
)
from .selectors import warning_condition


class AreaScopedFilterSet(django_filters.FilterSet):
    """Adds 县 and 乡镇 choices (limited to the user's scope); rows are filtered through the model's area path."""

    county = django_filters.ModelChoiceFilter(label=_("县"), queryset=Area.objects.none(), method="filter_under")
    township = django_filters.ModelChoiceFilter(label=_("乡镇"), queryset=Area.objects.none(), method="filter_under")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        path = (scope_path(request.user) if request else None) or "\x00"
        visible = Area.objects.filter(path__startswith=path).order_by("path")
        self.filters["county"].queryset = visible.filter(level=Area.Level.COUNTY)
        self.filters["township"].queryset = visible.filter(level=Area.Level.TOWNSHIP)

    def filter_under(self, queryset, name, value):
        return queryset.under(value) if value else queryset


def _year_choices():
    this_year = timezone.localdate().year
    return [(y, str(y)) for y in range(this_year, 2014, -1)]


class PartyOrganizationFilter(AreaScopedFilterSet):
    name = django_filters.CharFilter(label=_("名称"), lookup_expr="icontains")
    relocation = django_filters.BooleanFilter(label=_("搬迁安置点党组织"), method="filter_relocation",
                                              widget=forms.NullBooleanSelect)
    has_warning = django_filters.BooleanFilter(label=_("有结构预警"), method="filter_warning",
                                               widget=forms.NullBooleanSelect)

    class Meta:
        model = PartyOrganization
        fields = ["name", "county", "township", "kind", "status", "relocation", "has_warning"]

    def filter_relocation(self, queryset, name, value):
        if value is None:
            return queryset
        flagged = queryset.at_relocation_sites().values("pk")
        return queryset.filter(pk__in=flagged) if value else queryset.exclude(pk__in=flagged)

    def filter_warning(self, queryset, name, value):
        # The list view annotates the structure counts (selectors.with_structure) before filtering.
        if value is None:
            return queryset
        return queryset.filter(warning_condition()) if value else queryset.exclude(warning_condition())


class DesignationFilter(AreaScopedFilterSet):
    kind = django_filters.ModelChoiceFilter(label=_("类别"), queryset=DesignationKind.objects.all())
    year = django_filters.TypedChoiceFilter(label=_("命名年度"), choices=_year_choices, coerce=int)

    class Meta:
        model = Designation
        fields = ["county", "township", "kind", "year", "level"]


class ProgrammeFilter(AreaScopedFilterSet):
    class Meta:
        model = ProgrammeEnrollment
        fields = ["county", "township", "track", "status"]


class AssessmentFilter(AreaScopedFilterSet):
    year = django_filters.TypedChoiceFilter(label=_("年度"), choices=_year_choices, coerce=int)
    passed = django_filters.BooleanFilter(label=_("达标"), widget=forms.NullBooleanSelect)
    kind = django_filters.ChoiceFilter(label=_("组织类型"), field_name="organization__kind",
                                       choices=PartyOrganization.Kind.choices)

    class Meta:
        model = Assessment
        fields = ["county", "township", "year", "kind", "passed"]


class RectificationFilter(AreaScopedFilterSet):
    year = django_filters.TypedChoiceFilter(label=_("认定年度"), choices=_year_choices, coerce=int)

    class Meta:
        model = Rectification
        fields = ["county", "township", "year", "source", "status"]


class MeasureFilter(AreaScopedFilterSet):
    class Meta:
        model = Measure
        fields = ["county", "township"]
