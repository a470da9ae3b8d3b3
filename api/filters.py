"""The API's query parameters (django-filter): each list narrows to an area of the user's scope
(`area=<id>`: rows in that area or under it; an area outside the scope is a 400, as any bad
value) and, where records have a year, to a year."""
import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from ali_party.filters import YearFilter
from branches.models import Area, PartyOrganization
from cadres.models import PartyMember
from dues.models import DuesLedger
from orglife.models import Term


def visible_areas(request):
    return Area.objects.visible_to(request.user) if request is not None else Area.objects.none()


def visible_organizations(request):
    return (PartyOrganization.objects.visible_to(request.user) if request is not None
            else PartyOrganization.objects.none())


@extend_schema_field(OpenApiTypes.INT)
class AreaIdFilter(filters.ModelChoiceFilter):
    """An area of the user's scope, by id (the rows' filter method reads the Area)."""


class UnderAreaFilterSet(filters.FilterSet):
    area = AreaIdFilter(label=_("区域（含下级）"), queryset=visible_areas, method="filter_under")

    def filter_under(self, queryset, name, value):
        return queryset.under(value) if value else queryset


class AreaFilter(filters.FilterSet):
    level = filters.ChoiceFilter(label=_("层级"), choices=Area.Level.choices)
    parent = AreaIdFilter(label=_("上级区域（只列其直接下级）"), queryset=visible_areas,
                                       method="filter_parent")
    under = AreaIdFilter(label=_("区域（含下级）"), queryset=visible_areas, method="filter_under")

    class Meta:
        model = Area
        fields = ["level", "parent", "under"]

    def filter_parent(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(path__startswith=value.path, depth=value.depth + 1)

    def filter_under(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path) if value else queryset


class OrganizationFilter(UnderAreaFilterSet):
    kind = filters.ChoiceFilter(label=_("组织类型"), choices=PartyOrganization.Kind.choices)
    status = filters.ChoiceFilter(label=_("状态"), choices=PartyOrganization.Status.choices)

    class Meta:
        model = PartyOrganization
        fields = ["area", "kind", "status"]


class MemberFilter(UnderAreaFilterSet):
    organization = filters.ModelChoiceFilter(label=_("所在党组织"), queryset=visible_organizations)
    stage = filters.TypedChoiceFilter(label=_("发展阶段"), choices=PartyMember.Stage.choices, coerce=int)
    status = filters.ChoiceFilter(label=_("党籍状态"), choices=PartyMember.Status.choices)

    class Meta:
        model = PartyMember
        fields = ["area", "organization", "stage", "status"]


class TermFilter(UnderAreaFilterSet):
    organization = filters.ModelChoiceFilter(label=_("党组织"), queryset=visible_organizations)
    current = filters.BooleanFilter(label=_("本届在任"), method="filter_current")
    due_year = YearFilter(label=_("届满年度"), field_name="due_on", lookup_expr="year")
    election_year = YearFilter(label=_("选举年度"), field_name="election_date", lookup_expr="year")

    class Meta:
        model = Term
        fields = ["area", "organization", "current", "due_year", "election_year"]

    def filter_current(self, queryset, name, value):
        return queryset if value is None else queryset.filter(ended_on__isnull=value)


class LedgerFilter(UnderAreaFilterSet):
    organization = filters.ModelChoiceFilter(label=_("党组织"), queryset=visible_organizations)
    year = YearFilter(label=_("年度"), field_name="year")
    month = django_filters.NumberFilter(label=_("月份"), field_name="month", min_value=1, max_value=12)

    class Meta:
        model = DuesLedger
        fields = ["area", "organization", "year", "month"]
