import django_filters
from django.utils.translation import gettext_lazy as _

from ali_party.filters import CountyTownshipFilterSet, YearFilter, YesNoFilter
from branches.models import PartyOrganization

from .models import Term


class TermFilter(CountyTownshipFilterSet):
    kind = django_filters.ChoiceFilter(label=_("组织类型"), field_name="organization__kind",
                                       choices=PartyOrganization.Kind.choices)
    current = YesNoFilter(label=_("本届在任"), method="filter_current")
    due_year = YearFilter(label=_("届满年度"), field_name="due_on", lookup_expr="year")

    class Meta:
        model = Term
        fields = ["county", "township", "kind", "current", "due_year"]

    def filter_current(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(ended_on__isnull=value)


class OverdueTermFilter(CountyTownshipFilterSet):
    kind = django_filters.ChoiceFilter(label=_("组织类型"), field_name="organization__kind",
                                       choices=PartyOrganization.Kind.choices)

    class Meta:
        model = Term
        fields = ["county", "township", "kind"]
