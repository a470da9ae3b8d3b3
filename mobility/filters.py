import django_filters
from django.utils.translation import gettext_lazy as _

from ali_party.filters import CountyTownshipFilterSet, YearFilter, YesNoFilter

from .models import FloatingPeriod, FloatingReason, IncomingMember, LostContact, LostReason


class FloatingFilter(CountyTownshipFilterSet):
    out = YesNoFilter(label=_("仍在外出"), method="filter_out")
    reason = django_filters.ChoiceFilter(label=_("外出原因"), choices=FloatingReason.choices)
    fixed_place = YesNoFilter(label=_("有固定住所或工作单位"))
    left_year = YearFilter(label=_("外出年度"), field_name="left_on", lookup_expr="year")
    name = django_filters.CharFilter(label=_("姓名"), field_name="member__name", lookup_expr="contains")

    class Meta:
        model = FloatingPeriod
        fields = ["county", "township", "out", "reason", "fixed_place", "left_year", "name"]

    def filter_out(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(returned_on__isnull=value)


class TransferDueFilter(CountyTownshipFilterSet):
    reason = django_filters.ChoiceFilter(label=_("外出原因"), choices=FloatingReason.choices)

    class Meta:
        model = FloatingPeriod
        fields = ["county", "township", "reason"]


class LostContactFilter(CountyTownshipFilterSet):
    open = YesNoFilter(label=_("尚未恢复联系"), method="filter_open")
    reason = django_filters.ChoiceFilter(label=_("失联原因"), choices=LostReason.choices)
    name = django_filters.CharFilter(label=_("姓名"), field_name="member__name", lookup_expr="contains")

    class Meta:
        model = LostContact
        fields = ["county", "township", "open", "reason", "name"]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(found_on__isnull=value)


class IncomingFilter(CountyTownshipFilterSet):
    here = YesNoFilter(label=_("仍在本地"), method="filter_here")
    name = django_filters.CharFilter(label=_("姓名"), lookup_expr="contains")

    class Meta:
        model = IncomingMember
        fields = ["county", "township", "here", "name"]

    def filter_here(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(left_on__isnull=value)
