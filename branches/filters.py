import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Area, PartyOrganization


class PartyOrganizationFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label=_("名称"), lookup_expr="icontains")
    area = django_filters.ModelChoiceFilter(label=_("区域"), queryset=Area.objects.none(), method="filter_area")

    class Meta:
        model = PartyOrganization
        fields = ["name", "kind", "status", "at_relocation_site", "at_border_resettlement_site", "area"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        from ali_party.scoping import scope_path
        path = scope_path(request.user) if request else None
        self.filters["area"].queryset = Area.objects.filter(
            path__startswith=path or "\x00").exclude(level=Area.Level.VILLAGE).order_by("path")

    def filter_area(self, queryset, name, value):
        return queryset.under(value) if value else queryset
