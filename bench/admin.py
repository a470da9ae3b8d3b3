"""A bench-only admin site: PartyMember's own ModelAdmin (cadres.admin) plus a 县 filter, so the
admin changelist can be asked the same question as the member list (county + stage + name).
Mounted only by bench/urls.py (the benchmark's URLconf), never by the app."""
from django.contrib import admin

from branches.models import Area
from cadres.admin import PartyMemberAdmin
from cadres.models import PartyMember


class CountyFilter(admin.SimpleListFilter):
    title = "县"
    parameter_name = "county"

    def lookups(self, request, model_admin):
        return [(a.pk, a.name) for a in Area.objects.filter(level=Area.Level.COUNTY).order_by("path")]

    def queryset(self, request, queryset):
        if self.value():
            area = Area.objects.get(pk=self.value())
            return queryset.filter(organization__area__path__startswith=area.path)
        return queryset


class BenchPartyMemberAdmin(PartyMemberAdmin):
    list_filter = [CountyFilter, *PartyMemberAdmin.list_filter]


class BenchAdminSite(admin.AdminSite):
    site_header = "bench"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser


site = BenchAdminSite(name="bench_admin")
site.register(PartyMember, BenchPartyMemberAdmin)
