import django_filters
from django.utils.translation import gettext_lazy as _

from ali_party.filters import AreaFilterSet, YearFilter, YesNoFilter

from .models import Activity, ActivityKind, ContactCardIssue, ProxyMatter, ServiceHall


class AreaScopedFilterSet(AreaFilterSet):
    """Adds "县/乡镇" (a county or township in the user's scope: rows under it; see ali_party.filters)
    and "年度"."""

    year = YearFilter(label=_("年度"), method="filter_year")
    date_field = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.date_field is None:
            del self.filters["year"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__year": value}) if value else queryset


class ActivityFilter(AreaScopedFilterSet):
    date_field = "held_on"
    kind = django_filters.ModelChoiceFilter(label=_("活动类型"), queryset=ActivityKind.objects.all())
    under_pairing = YesNoFilter(label=_("军地共建活动"), field_name="pairing", lookup_expr="isnull", exclude=True)

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
