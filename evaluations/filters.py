import django_filters
from django.utils.translation import gettext_lazy as _

from ali_party.filters import AreaFilterSet, YearFilter, YesNoFilter
from ali_party.widgets import DateInput

from .models import (
    EvaluationCampaign, FiveGoals, FollowUp, HeartToHeartTalk, MeetingKind, OrganizationLifeMeeting,
    RecordBookIssue, Reminder,
)


class AreaScopedFilterSet(AreaFilterSet):
    """Adds a county / township filter (the user's part of the tree; see ali_party.filters) and an
    organization-name filter."""

    organization_name = django_filters.CharFilter(label=_("党组织"), method="filter_organization_name")
    organization_lookup = "organization"

    def filter_organization_name(self, queryset, name, value):
        return queryset.filter(**{f"{self.organization_lookup}__name__icontains": value}) if value else queryset


class MeetingFilter(AreaScopedFilterSet):
    year = YearFilter(label=_("年度"), field_name="held_on", lookup_expr="year")
    kind = django_filters.ModelChoiceFilter(label=_("类型"), queryset=MeetingKind.objects.all())
    nine_ones = YesNoFilter(label=_("“九个一”活动"), field_name="kind__is_nine_ones")

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
    year = YearFilter(label=_("评议年度"), field_name="result__year")

    class Meta:
        model = FollowUp
        fields = ["year", "status", "organization_name", "area"]


class TalkFilter(AreaScopedFilterSet):
    year = YearFilter(label=_("年度"), field_name="held_on", lookup_expr="year")

    class Meta:
        model = HeartToHeartTalk
        fields = ["year", "organization_name", "area"]


class ReminderFilter(AreaScopedFilterSet):
    period_end_after = django_filters.DateFilter(label=_("周期结束不早于"), field_name="period_end",
                                                 lookup_expr="gte",
                                                 widget=DateInput)

    class Meta:
        model = Reminder
        fields = ["period_end_after", "organization_name", "area"]
