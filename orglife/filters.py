import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.filters import CountyTownshipFilterSet, YearFilter, YesNoFilter
from branches.models import PartyOrganization

from .models import AppraisalGrade, SecretaryAppraisal, Term


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


class SecretaryAppraisalFilter(CountyTownshipFilterSet):
    year = YearFilter(label=_("考核年度"), field_name="year")
    grade = django_filters.ChoiceFilter(label=_("考核等次"), choices=AppraisalGrade.choices)
    overdue = YesNoFilter(label=_("整改逾期"), method="filter_overdue")

    class Meta:
        model = SecretaryAppraisal
        fields = ["county", "township", "year", "grade", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = SecretaryAppraisal.objects.follow_ups_overdue(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)
