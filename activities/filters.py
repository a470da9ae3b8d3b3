import django_filters
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import scope_path
from branches.models import Area

from .models import Activity, ActivityKind, ContactCardIssue, ProxyMatter, ServiceHall


class AreaScopedFilterSet(django_filters.FilterSet):
    """Adds "区域" (a county or township in the user's scope: rows under it) and "年度"."""

    area = django_filters.ModelChoiceFilter(label=_("县/乡镇"), queryset=Area.objects.none(), method="filter_area")
    year = django_filters.NumberFilter(label=_("年度"), method="filter_year")
    date_field = None

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        path = scope_path(request.user) if request else None
        self.filters["area"].queryset = Area.objects.filter(path__startswith=path or "\x00").exclude(
            level=Area.Level.VILLAGE).order_by("path")
        if self.date_field is None:
            del self.filters["year"]

    def filter_area(self, queryset, name, value):
        return queryset.under(value) if value else queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__year": int(value)}) if value else queryset


class ActivityFilter(AreaScopedFilterSet):
    date_field = "held_on"
    kind = django_filters.ModelChoiceFilter(label=_("活动类型"), queryset=ActivityKind.objects.all())
    under_pairing = django_filters.BooleanFilter(label=_("军地共建活动"), field_name="pairing",
                                                 lookup_expr="isnull", exclude=True)

    class Meta:
        model = Activity
        fields = ["kind", "year", "area", "under_pairing"]


class ServiceHallFilter(AreaScopedFilterSet):
    name = django_filters.CharFilter(label=_("名称"), lookup_expr="icontains")

    class Meta:
        model = ServiceHall
        fields = ["name", "area"]


class ContactCardIssueFilter(AreaScopedFilterSet):
    date_field = "issued_on"

    class Meta:
        model = ContactCardIssue
        fields = ["year", "area"]


class ProxyMatterFilter(AreaScopedFilterSet):
    date_field = "accepted_on"

    class Meta:
        model = ProxyMatter
        fields = ["kind", "outcome", "year", "area"]
