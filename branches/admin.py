"""Django admin for the catalogues system admins maintain: designation kinds, problem categories and
the yearly standardization checklist. Business records are edited through the scoped pages."""
from django.contrib import admin

from .models import DesignationKind, ProblemCategory, StandardItem


@admin.register(DesignationKind)
class DesignationKindAdmin(admin.ModelAdmin):
    list_display = ("name", "group", "code", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("group", "is_active")


@admin.register(ProblemCategory)
class ProblemCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "order", "is_active")
    list_editable = ("order", "is_active")


@admin.register(StandardItem)
class StandardItemAdmin(admin.ModelAdmin):
    list_display = ("name", "year", "pillar", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("year", "pillar", "is_active")
    search_fields = ("name",)
