import django_filters
from django.utils.translation import gettext_lazy as _

from ali_party.filters import AreaYearFilterSet, YesNoFilter

from .models import Activity, ActivityKind, ContactCardIssue, ProxyMatter, ServiceHall


class ActivityFilter(AreaYearFilterSet):
    date_field = "held_on"
    kind = django_filters.ModelChoiceFilter(label=_("活动类型"), queryset=ActivityKind.objects.all())
    under_pairing = YesNoFilter(label=_("军地共建活动"), field_name="pairing", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Activity
        fields = ["kind", "year", "area", "under_pairing"]


class ServiceHallFilter(AreaYearFilterSet):
    name = django_filters.CharFilter(label=_("名称"), lookup_expr="icontains")

    class Meta:
        model = ServiceHall
        fields = ["name", "area"]


class ContactCardIssueFilter(AreaYearFilterSet):
    date_field = "issued_on"

    class Meta:
        model = ContactCardIssue
        fields = ["year", "area"]


class ProxyMatterFilter(AreaYearFilterSet):
    date_field = "accepted_on"

    class Meta:
        model = ProxyMatter
        fields = ["kind", "outcome", "year", "area"]
