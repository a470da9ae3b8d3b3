import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import User


class UserFilter(django_filters.FilterSet):
    """The admin's account list: one box that finds a user by user name or full name."""

    q = django_filters.CharFilter(label=_("用户名或姓名"), method="filter_name")

    class Meta:
        model = User
        fields = ["q"]

    def filter_name(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(username__icontains=value) | Q(full_name__icontains=value))
