"""Django admin: system admins maintain the activity-kind catalogue here. Business records are
entered through the scoped pages (admins see no business data), so only the catalogue is
registered."""
from django.contrib import admin

from .models import ActivityKind


@admin.register(ActivityKind)
class ActivityKindAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "pillar", "order", "active")
    list_editable = ("order", "active")
    list_filter = ("pillar", "active")
    search_fields = ("name", "code")
