"""List filters: county and township through the Area tree, plus each list's own fields."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import scope_path
from branches.models import Area, PartyOrganization

from .models import LanguageTrainingSession, OrganizationTransfer, PartyMember, SentCadre, TwoCommitteeMember


class AreaScopedFilterSet(django_filters.FilterSet):
    """Adds 县 and 乡镇 filters whose choices are the user's own part of the tree."""

    county = django_filters.ModelChoiceFilter(label=_("县"), queryset=Area.objects.none(), method="filter_under")
    township = django_filters.ModelChoiceFilter(label=_("乡镇"), queryset=Area.objects.none(),
                                                method="filter_under")

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        path = (scope_path(request.user) if request else None) or "\x00"
        areas = Area.objects.filter(path__startswith=path).order_by("path")
        self.filters["county"].queryset = areas.filter(level=Area.Level.COUNTY)
        self.filters["township"].queryset = areas.filter(level=Area.Level.TOWNSHIP)

    def filter_under(self, queryset, name, value):
        return queryset.under(value) if value else queryset


class PartyMemberFilter(AreaScopedFilterSet):
    name = django_filters.CharFilter(label=_("姓名"), lookup_expr="icontains")
    organization = django_filters.ModelChoiceFilter(label=_("党组织"), queryset=PartyOrganization.objects.none())
    stage = django_filters.ChoiceFilter(label=_("发展阶段"), choices=PartyMember.Stage.choices)
    status = django_filters.ChoiceFilter(label=_("党籍状态"), choices=PartyMember.Status.choices)
    occupation = django_filters.ChoiceFilter(label=_("职业类别"), choices=PartyMember.Occupation.choices)
    gender = django_filters.ChoiceFilter(label=_("性别"), choices=PartyMember._meta.get_field("gender").choices)

    class Meta:
        model = PartyMember
        fields = ["name", "county", "township", "organization", "stage", "status", "occupation", "gender"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user if self.request else None
        self.filters["organization"].queryset = PartyOrganization.objects.visible_to(user).order_by(
            "area__path", "name")


class TwoCommitteeMemberFilter(AreaScopedFilterSet):
    name = django_filters.CharFilter(label=_("姓名"), lookup_expr="icontains")
    committee = django_filters.ChoiceFilter(label=_("所在班子"), choices=TwoCommitteeMember.Committee.choices)
    party_member = django_filters.BooleanFilter(label=_("是否党员"), method="filter_party_member")

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
    year = django_filters.NumberFilter(label=_("年度"), field_name="started_on", lookup_expr="year")

    class Meta:
        model = LanguageTrainingSession
        fields = ["title", "county", "township", "year"]


class SentCadreFilter(AreaScopedFilterSet):
    name = django_filters.CharFilter(label=_("姓名"), lookup_expr="icontains")
    force = django_filters.ChoiceFilter(label=_("力量类别"), choices=SentCadre.Force.choices)
    year = django_filters.NumberFilter(label=_("在驻年度"), method="filter_year")

    class Meta:
        model = SentCadre
        fields = ["name", "county", "township", "force", "year"]

    def filter_year(self, queryset, name, value):
        return queryset.serving_during(int(value)) if value else queryset


class OrganizationTransferFilter(AreaScopedFilterSet):
    name = django_filters.CharFilter(label=_("姓名"), field_name="member__name", lookup_expr="icontains")
    year = django_filters.NumberFilter(label=_("年度"), field_name="transferred_on", lookup_expr="year")

    class Meta:
        model = OrganizationTransfer
        fields = ["name", "county", "township", "year"]
