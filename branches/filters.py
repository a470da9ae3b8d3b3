import django_filters
from django.utils.translation import gettext_lazy as _

from ali_party.filters import CountyTownshipFilterSet, YesNoFilter
from ali_party.years import recent_years

from .models import (
    Assessment, Designation, DesignationKind, Measure, PartyOrganization, ProgrammeEnrollment, Rectification,
)
from .selectors import warning_condition


class AreaScopedFilterSet(CountyTownshipFilterSet):
    """Adds 县 and 乡镇 choices (limited to the user's scope; see ali_party.filters); rows are
    filtered through the model's area path."""


def _year_choices():
    return [(y, str(y)) for y in recent_years()]


class PartyOrganizationFilter(AreaScopedFilterSet):
    name = django_filters.CharFilter(label=_("名称"), lookup_expr="icontains")
    relocation = YesNoFilter(label=_("搬迁安置点党组织"), method="filter_relocation")
    has_warning = YesNoFilter(label=_("有结构预警"), method="filter_warning")

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
    passed = YesNoFilter(label=_("达标"))
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
