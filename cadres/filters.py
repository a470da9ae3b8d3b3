"""List filters: county and township through the Area tree, plus each list's own fields."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ali_party.filters import ORGANIZATION_HELP, CountyTownshipFilterSet, YearFilter, YesNoFilter
from ali_party.widgets import LongSelect
from branches.models import PartyOrganization

from .models import LanguageTrainingSession, OrganizationTransfer, PartyMember, SentCadre, TwoCommitteeMember


class AreaScopedFilterSet(CountyTownshipFilterSet):
    """Adds 县 and 乡镇 filters whose choices are the user's own part of the tree (see
    ali_party.filters: a prefecture-wide user chooses a county before its townships are offered)."""


class PartyMemberFilter(AreaScopedFilterSet):
    name = django_filters.CharFilter(label=_("姓名"), lookup_expr="icontains")
    organization = django_filters.ModelChoiceFilter(
        label=_("党组织"), queryset=PartyOrganization.objects.none(), widget=LongSelect,
        error_messages={"invalid_choice": _("所选党组织不在所选县（区）或乡镇内，请重新选择。")})
    stage = django_filters.ChoiceFilter(label=_("发展阶段"), choices=PartyMember.Stage.choices)
    status = django_filters.ChoiceFilter(label=_("党籍状态"), choices=PartyMember.Status.choices)
    occupation = django_filters.ChoiceFilter(label=_("职业类别"), choices=PartyMember.Occupation.choices)
    gender = django_filters.ChoiceFilter(label=_("性别"), choices=PartyMember._meta.get_field("gender").choices)

    class Meta:
        model = PartyMember
        fields = ["name", "county", "township", "organization", "stage", "status", "occupation", "gender"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The organizations of the chosen township or county only: a prefecture-wide scope holds
        # ≈25,000 of them at region scale, far too many for one <select>.
        user = self.request.user if self.request else None
        organizations = PartyOrganization.objects.visible_to(user)
        if self.chosen_area is not None:
            organizations = organizations.under(self.chosen_area)
        elif self.spans_counties:
            organizations = organizations.none()
            self.filters["organization"].extra["help_text"] = ORGANIZATION_HELP
        self.filters["organization"].queryset = organizations.order_by("area__path", "name")


class TwoCommitteeMemberFilter(AreaScopedFilterSet):
    name = django_filters.CharFilter(label=_("姓名"), lookup_expr="icontains")
    committee = django_filters.ChoiceFilter(label=_("所在班子"), choices=TwoCommitteeMember.Committee.choices)
    party_member = YesNoFilter(label=_("是否党员"), method="filter_party_member")

    class Meta:
        model = TwoCommitteeMember
        fields = ["name", "county", "township", "committee", "party_member"]

    def filter_party_member(self, queryset, name, value):
        if value is None:
            return queryset
        is_member = Q(member__stage__gte=PartyMember.Stage.PROBATIONARY)
        return queryset.filter(is_member) if value else queryset.exclude(is_member)


class LanguageTrainingSessionFilter(AreaScopedFilterSet):
    title = django_filters.CharFilter(label=_("培训名称"), lookup_expr="icontains")
    year = YearFilter(label=_("年度"), field_name="started_on", lookup_expr="year")

    class Meta:
        model = LanguageTrainingSession
        fields = ["title", "county", "township", "year"]


class SentCadreFilter(AreaScopedFilterSet):
    name = django_filters.CharFilter(label=_("姓名"), lookup_expr="icontains")
    force = django_filters.ChoiceFilter(label=_("力量类别"), choices=SentCadre.Force.choices)
    year = YearFilter(label=_("在驻年度"), method="filter_year")

    class Meta:
        model = SentCadre
        fields = ["name", "county", "township", "force", "year"]

    def filter_year(self, queryset, name, value):
        return queryset.serving_during(value) if value else queryset


class OrganizationTransferFilter(AreaScopedFilterSet):
    name = django_filters.CharFilter(label=_("姓名"), field_name="member__name", lookup_expr="icontains")
    year = YearFilter(label=_("年度"), field_name="transferred_on", lookup_expr="year")

    class Meta:
        model = OrganizationTransfer
        fields = ["name", "county", "township", "year"]
