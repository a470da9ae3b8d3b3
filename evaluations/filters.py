import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import scope_path
from branches.models import Area

from .models import (
    EvaluationCampaign, FiveGoals, FollowUp, HeartToHeartTalk, MeetingKind, OrganizationLifeMeeting,
    RecordBookIssue, Reminder,
)


class AreaScopedFilterSet(django_filters.FilterSet):
    """Adds a county / township filter (the user's part of the tree) and an organization-name filter."""

    area = django_filters.ModelChoiceFilter(label=_("县/乡镇"), queryset=Area.objects.none(), method="filter_area")
    organization_name = django_filters.CharFilter(label=_("党组织"), method="filter_organization_name")
    organization_lookup = "organization"

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        path = scope_path(request.user) if request else None
        self.filters["area"].queryset = Area.objects.filter(
            path__startswith=path or "\x00").exclude(level=Area.Level.VILLAGE).order_by("path")

    def filter_area(self, queryset, name, value):
        return queryset.under(value) if value else queryset

    def filter_organization_name(self, queryset, name, value):
        return queryset.filter(**{f"{self.organization_lookup}__name__icontains": value}) if value else queryset


class MeetingFilter(AreaScopedFilterSet):
    year = django_filters.NumberFilter(label=_("年度"), field_name="held_on", lookup_expr="year")
    kind = django_filters.ModelChoiceFilter(label=_("类型"), queryset=MeetingKind.objects.all())
    nine_ones = django_filters.BooleanFilter(label=_("“九个一”活动"), field_name="kind__is_nine_ones")

    class Meta:
        model = OrganizationLifeMeeting
        fields = ["year", "kind", "nine_ones", "organization_name", "area"]


class RecordBookFilter(AreaScopedFilterSet):
    class Meta:
        model = RecordBookIssue
        fields = ["year", "organization_name", "area"]


class FiveGoalsFilter(AreaScopedFilterSet):
    class Meta:
        model = FiveGoals
        fields = ["year", "organization_name", "area"]


class CampaignFilter(AreaScopedFilterSet):
    class Meta:
        model = EvaluationCampaign
        fields = ["year", "status", "organization_name", "area"]


class FollowUpFilter(AreaScopedFilterSet):
    organization_lookup = "result__campaign__organization"
    year = django_filters.NumberFilter(label=_("评议年度"), field_name="result__year")

    class Meta:
        model = FollowUp
        fields = ["year", "status", "organization_name", "area"]


class TalkFilter(AreaScopedFilterSet):
    year = django_filters.NumberFilter(label=_("年度"), field_name="held_on", lookup_expr="year")

    class Meta:
        model = HeartToHeartTalk
        fields = ["year", "organization_name", "area"]


class ReminderFilter(AreaScopedFilterSet):
    period_end_after = django_filters.DateFilter(label=_("周期结束不早于"), field_name="period_end",
                                                 lookup_expr="gte",
                                                 widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = Reminder
        fields = ["period_end_after", "organization_name", "area"]
