from django.urls import path

from .views import campaigns, compliance, index, meetings, records, talks

app_name = "evaluations"
urlpatterns = [
    path("", index.index_view, name="index"),
    path("compliance/", compliance.compliance_view, name="compliance"),
    path("reminders/", compliance.ReminderListView.as_view(), name="reminder_list"),
    # organization life
    path("meetings/", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("meetings/new/", meetings.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/attachment/", meetings.MeetingAttachmentView.as_view(), name="meeting_attachment"),
    path("meetings/<int:pk>/edit/", meetings.MeetingUpdateView.as_view(), name="meeting_update"),
    path("meetings/<int:pk>/delete/", meetings.MeetingDeleteView.as_view(), name="meeting_delete"),
    path("meetings/<int:pk>/attendance/", meetings.meeting_attendance_view, name="meeting_attendance"),
    path("record-books/", records.RecordBookListView.as_view(), name="recordbook_list"),
    path("record-books/new/", records.RecordBookCreateView.as_view(), name="recordbook_create"),
    path("record-books/<int:pk>/edit/", records.RecordBookUpdateView.as_view(), name="recordbook_update"),
    path("five-goals/", records.FiveGoalsListView.as_view(), name="fivegoals_list"),
    path("five-goals/new/", records.FiveGoalsCreateView.as_view(), name="fivegoals_create"),
    path("five-goals/<int:pk>/edit/", records.FiveGoalsUpdateView.as_view(), name="fivegoals_update"),
    # democratic evaluation
    path("campaigns/", campaigns.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/new/", campaigns.CampaignCreateView.as_view(), name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.CampaignDetailView.as_view(), name="campaign_detail"),
    path("campaigns/<int:pk>/close/", campaigns.campaign_close_view, name="campaign_close"),
    path("campaigns/<int:pk>/reopen/", campaigns.campaign_reopen_view, name="campaign_reopen"),
    path("campaigns/<int:pk>/results/new/", campaigns.ResultCreateView.as_view(), name="result_create"),
    path("campaigns/<int:pk>/not-evaluated/new/", campaigns.NotEvaluatedCreateView.as_view(), name="not_evaluated_create"),
    path("results/<int:pk>/edit/", campaigns.result_update_view, name="result_update"),
    path("results/<int:pk>/delete/", campaigns.result_delete_view, name="result_delete"),
    path("not-evaluated/<int:pk>/delete/", campaigns.not_evaluated_delete_view, name="not_evaluated_delete"),
    path("ratings/", campaigns.rating_summary_view, name="rating_summary"),
    path("follow-ups/", campaigns.FollowUpListView.as_view(), name="followup_list"),
    path("follow-ups/<int:pk>/edit/", campaigns.FollowUpUpdateView.as_view(), name="followup_update"),
    # heart-to-heart talks
    path("talks/", talks.TalkListView.as_view(), name="talk_list"),
    path("talks/new/", talks.TalkCreateView.as_view(), name="talk_create"),
    path("talks/<int:pk>/edit/", talks.TalkUpdateView.as_view(), name="talk_update"),
]
