from django.urls import path

from .views import overdue, records

app_name = "development"
urlpatterns = [
    path("overdue/", overdue.overdue_view, name="overdue"),
    path("members/<int:pk>/", records.member_record_view, name="member_record"),
    path("members/<int:pk>/register.docx", records.member_register_view, name="member_register"),
    path("members/<int:pk>/steps/create/", records.step_create_view, name="step_create"),
    path("members/<int:pk>/contacts/create/", records.contact_create_view, name="contact_create"),
    path("members/<int:pk>/reports/create/", records.report_create_view, name="report_create"),
    path("members/<int:pk>/attachments/create/", records.attachment_create_view, name="attachment_create"),
    path("steps/<int:pk>/delete/", records.step_delete_view, name="step_delete"),
    path("contacts/<int:pk>/delete/", records.contact_delete_view, name="contact_delete"),
    path("reports/<int:pk>/delete/", records.report_delete_view, name="report_delete"),
    path("attachments/<int:pk>/", records.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("attachments/<int:pk>/delete/", records.attachment_delete_view, name="attachment_delete"),
]
