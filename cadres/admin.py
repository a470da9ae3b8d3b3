from django.contrib import admin

from .models import (
    CadreWorkLog,
    LanguageAssessment,
    LanguageTrainingSession,
    OrganizationTransfer,
    PartyMember,
    SentCadre,
    TwoCommitteeMember,
)


@admin.register(PartyMember)
class PartyMemberAdmin(admin.ModelAdmin):
    list_display = ["name", "gender", "organization", "stage", "status"]
    list_filter = ["stage", "status", "occupation", "gender"]
    search_fields = ["name"]
    raw_id_fields = ["organization"]
    # The full ID number and phone are personal information: not shown in the admin list.
    exclude = ["id_number", "phone"]
    readonly_fields = ["masked_id_number", "masked_phone"]


@admin.register(OrganizationTransfer)
class OrganizationTransferAdmin(admin.ModelAdmin):
    list_display = ["member", "from_organization", "to_organization", "transferred_on"]
    raw_id_fields = ["member", "from_organization", "to_organization"]


class LanguageAssessmentInline(admin.TabularInline):
    model = LanguageAssessment
    extra = 0


@admin.register(TwoCommitteeMember)
class TwoCommitteeMemberAdmin(admin.ModelAdmin):
    list_display = ["name", "village", "committee", "post", "term_start", "term_end"]
    list_filter = ["committee"]
    search_fields = ["name"]
    raw_id_fields = ["member", "village"]
    inlines = [LanguageAssessmentInline]


@admin.register(LanguageTrainingSession)
class LanguageTrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "area", "started_on", "attendance"]
    raw_id_fields = ["area"]


class CadreWorkLogInline(admin.TabularInline):
    model = CadreWorkLog
    extra = 0


@admin.register(SentCadre)
class SentCadreAdmin(admin.ModelAdmin):
    list_display = ["name", "force", "sending_unit", "village", "started_on", "ended_on"]
    list_filter = ["force"]
    search_fields = ["name", "sending_unit"]
    raw_id_fields = ["village"]
    exclude = ["phone"]
    inlines = [CadreWorkLogInline]
