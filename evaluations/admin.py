from django.contrib import admin

from .models import (
    CampaignReopening, EvaluationCampaign, EvaluationResult, FiveGoals, FollowUp, HeartToHeartTalk,
    MeetingAttendance, MeetingKind, NotEvaluated, OrganizationLifeMeeting, RecordBookIssue, Reminder,
)


@admin.register(MeetingKind)
class MeetingKindAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order", "is_active", "is_nine_ones", "is_three_meetings_one_lecture",
                    "required_period", "required_count")
    list_editable = ("order", "is_active")
    list_filter = ("is_active", "is_nine_ones", "required_period")


class MeetingAttendanceInline(admin.TabularInline):
    model = MeetingAttendance
    raw_id_fields = ("member",)
    extra = 0


@admin.register(OrganizationLifeMeeting)
class OrganizationLifeMeetingAdmin(admin.ModelAdmin):
    list_display = ("held_on", "organization", "kind", "topic", "expected_count", "present_count")
    list_filter = ("kind",)
    date_hierarchy = "held_on"
    raw_id_fields = ("organization",)
    list_select_related = ("organization", "kind")
    # The attachment is uploaded and downloaded through the scoped pages only (ali_party/files.py):
    # the admin's file widget would link to /media/, which is not served.
    exclude = ("attachment",)
    inlines = [MeetingAttendanceInline]


@admin.register(RecordBookIssue)
class RecordBookIssueAdmin(admin.ModelAdmin):
    list_display = ("organization", "year", "books", "boards")
    list_filter = ("year",)
    raw_id_fields = ("organization",)


@admin.register(FiveGoals)
class FiveGoalsAdmin(admin.ModelAdmin):
    list_display = ("organization", "year", "has_plan", "has_bulletin", "has_records", "has_attendance_register",
                    "has_notes")
    list_filter = ("year",)
    raw_id_fields = ("organization",)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("organization", "item_name", "period_start", "period_end", "required", "done", "created_at")
    raw_id_fields = ("organization",)


class CampaignReopeningInline(admin.TabularInline):
    model = CampaignReopening
    extra = 0
    readonly_fields = ("reopened_by", "reopened_at", "reason")
    can_delete = False


@admin.register(EvaluationCampaign)
class EvaluationCampaignAdmin(admin.ModelAdmin):
    list_display = ("organization", "year", "status", "closed_at")
    list_filter = ("year", "status")
    raw_id_fields = ("organization",)
    inlines = [CampaignReopeningInline]


@admin.register(EvaluationResult)
class EvaluationResultAdmin(admin.ModelAdmin):
    list_display = ("member", "year", "rating", "campaign")
    list_filter = ("year", "rating")
    raw_id_fields = ("member", "campaign")


@admin.register(NotEvaluated)
class NotEvaluatedAdmin(admin.ModelAdmin):
    list_display = ("member", "year", "reason")
    list_filter = ("year", "reason")
    raw_id_fields = ("member", "campaign")


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("result", "measure", "status", "opened_on", "closed_on")
    raw_id_fields = ("result",)


@admin.register(HeartToHeartTalk)
class HeartToHeartTalkAdmin(admin.ModelAdmin):
    list_display = ("held_on", "organization", "topic", "initiator", "initiator_name")
    date_hierarchy = "held_on"
    raw_id_fields = ("organization", "initiator", "counterparts")
