from django.urls import path
from django.utils.translation import gettext_lazy as _

from ali_party.records import record_urls

from . import filters, forms, models, services, tables
from .views import records

app_name = "mobility"
MEMBER = ("member__organization__area",)
urlpatterns = [
    path("floating/transfer-due/", records.TransferDueListView.as_view(), name="floating_transfer_due"),
    path("floating/<int:pk>/delete/", records.FloatingDeleteView.as_view(), name="floating_delete"),
    path("lost/<int:pk>/delete/", records.LostContactDeleteView.as_view(), name="lost_delete"),
    path("incoming/<int:pk>/delete/", records.IncomingDeleteView.as_view(), name="incoming_delete"),
]
urlpatterns += record_urls(
    app=app_name, prefix="floating", model=models.FloatingPeriod, form_class=forms.FloatingForm,
    filterset_class=filters.FloatingFilter, create_service=services.floating_create,
    update_service=services.floating_update, instance_kwarg="floating", title=_("流动党员登记"),
    select_related=MEMBER, detail_view=records.FloatingDetailView, table_class=tables.FloatingTable,
    list_template="mobility/list.html")
urlpatterns += record_urls(
    app=app_name, prefix="lost", model=models.LostContact, form_class=forms.LostContactForm,
    filterset_class=filters.LostContactFilter, create_service=services.lost_create,
    update_service=services.lost_update, instance_kwarg="lost", title=_("失联党员"),
    select_related=MEMBER, detail_view=records.LostContactDetailView, table_class=tables.LostContactTable,
    list_template="mobility/list.html")
urlpatterns += record_urls(
    app=app_name, prefix="incoming", model=models.IncomingMember, form_class=forms.IncomingForm,
    filterset_class=filters.IncomingFilter, create_service=services.incoming_create,
    update_service=services.incoming_update, instance_kwarg="incoming", title=_("流入党员"),
    select_related=("organization__area",), detail_view=records.IncomingDetailView,
    table_class=tables.IncomingTable, list_template="mobility/list.html")
