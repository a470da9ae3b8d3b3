from django.urls import path
from django.utils.translation import gettext_lazy as _

from ali_party.records import record_urls

from . import filters, forms, models, services, tables
from .views import appraisals, terms

app_name = "orglife"
urlpatterns = [
    path("terms/overdue/", terms.OverdueTermListView.as_view(), name="term_overdue"),
    path("terms/due-soon/", terms.DueSoonTermListView.as_view(), name="term_due_soon"),
    path("terms/<int:pk>/delete/", terms.TermDeleteView.as_view(), name="term_delete"),
    path("terms/<int:parent_pk>/members/new/", terms.TermMemberCreateView.as_view(), name="term_member_create"),
    path("term-members/<int:pk>/edit/", terms.TermMemberUpdateView.as_view(), name="term_member_update"),
    path("appraisals/<int:pk>/delete/", appraisals.AppraisalDeleteView.as_view(), name="appraisal_delete"),
    path("term-members/<int:pk>/delete/", terms.TermMemberDeleteView.as_view(), name="term_member_delete"),
]
urlpatterns += record_urls(
    app=app_name, prefix="term", model=models.Term, form_class=forms.TermForm, filterset_class=filters.TermFilter,
    create_service=services.term_create, update_service=services.term_update, instance_kwarg="term",
    title=_("换届"), select_related=("organization__area",), detail_view=terms.TermDetailView,
    table_class=tables.TermTable,
)
urlpatterns += record_urls(
    app=app_name, prefix="appraisal", model=models.SecretaryAppraisal, form_class=forms.SecretaryAppraisalForm,
    filterset_class=filters.SecretaryAppraisalFilter, create_service=services.appraisal_create,
    update_service=services.appraisal_update, instance_kwarg="appraisal", title=_("述职评议考核"),
    select_related=("organization__area", "secretary"), detail_view=appraisals.AppraisalDetailView,
    table_class=tables.SecretaryAppraisalTable, list_template="orglife/appraisal_list.html",
)
