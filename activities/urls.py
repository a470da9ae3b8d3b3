from django.urls import path
from django.utils.translation import gettext_lazy as _

from ali_party.records import record_urls

from . import filters, forms, models, services, tables
from .views import activities, halls, index

app_name = "activities"
urlpatterns = [
    path("", index.index_view, name="index"),
    path("records/", activities.ActivityListView.as_view(), name="activity_list"),
    path("records/new/", activities.ActivityCreateView.as_view(), name="activity_create"),
    path("records/<int:pk>/", activities.ActivityDetailView.as_view(), name="activity_detail"),
    path("records/<int:pk>/edit/", activities.ActivityUpdateView.as_view(), name="activity_update"),
    path("records/<int:pk>/delete/", activities.ActivityDeleteView.as_view(), name="activity_delete"),
    path("attachments/<int:pk>/", activities.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("attachments/<int:pk>/delete/", activities.attachment_delete_view, name="attachment_delete"),
    path("halls/<int:pk>/duties/add/", halls.duty_add_view, name="duty_add"),
    path("duties/<int:pk>/delete/", halls.duty_delete_view, name="duty_delete"),
]
urlpatterns += record_urls(
    app=app_name, prefix="hall", model=models.ServiceHall, form_class=forms.ServiceHallForm,
    filterset_class=filters.ServiceHallFilter, create_service=services.service_hall_create,
    update_service=services.service_hall_update, instance_kwarg="hall", title=_("便民服务大厅"),
    select_related=("village",), detail_view=halls.ServiceHallDetailView,
    table_class=tables.ServiceHallTable,
)
urlpatterns += record_urls(
    app=app_name, prefix="card", model=models.ContactCardIssue, form_class=forms.ContactCardIssueForm,
    filterset_class=filters.ContactCardIssueFilter, create_service=services.contact_card_issue_create,
    update_service=services.contact_card_issue_update, instance_kwarg="issue", title=_("联系卡发放"),
    select_related=("village",),
    table_class=tables.ContactCardIssueTable,
)
urlpatterns += record_urls(
    app=app_name, prefix="matter", model=models.ProxyMatter, form_class=forms.ProxyMatterForm,
    filterset_class=filters.ProxyMatterFilter, create_service=services.proxy_matter_create,
    update_service=services.proxy_matter_update, instance_kwarg="matter", title=_("代办事项"),
    select_related=("village",),
    table_class=tables.ProxyMatterTable,
)
