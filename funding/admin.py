"""Only the catalogues are in the admin site: system admins see no business records (separation
of duties); allocations, ledgers, venues and projects are kept through the scoped pages."""
from django.contrib import admin

from .models import FundPurpose, FundSource


@admin.register(FundSource, FundPurpose)
class CatalogueAdmin(admin.ModelAdmin):
    """Admins add, rename, reorder and retire entries; used entries cannot be deleted (PROTECT)."""

    list_display = ["name", "code", "order", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "code"]
