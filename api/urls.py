"""/api/: the read-only data API (GET only, paginated, documented at /api/docs/), and the system
admin's token pages."""
from django.contrib.auth.decorators import login_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .views import records, tokens

app_name = "api"
urlpatterns = [
    path("areas/", records.AreaListView.as_view(), name="area_list"),
    path("areas/<int:pk>/", records.AreaDetailView.as_view(), name="area_detail"),
    path("organizations/", records.OrganizationListView.as_view(), name="organization_list"),
    path("organizations/<int:pk>/", records.OrganizationDetailView.as_view(), name="organization_detail"),
    path("members/", records.MemberListView.as_view(), name="member_list"),
    path("members/<int:pk>/", records.MemberDetailView.as_view(), name="member_detail"),
    path("terms/", records.TermListView.as_view(), name="term_list"),
    path("terms/<int:pk>/", records.TermDetailView.as_view(), name="term_detail"),
    path("dues/ledgers/", records.LedgerListView.as_view(), name="ledger_list"),
    path("dues/ledgers/<int:pk>/", records.LedgerDetailView.as_view(), name="ledger_detail"),
    path("indicators/", records.IndicatorValueListView.as_view(), name="indicator_list"),
    # The schema and its documentation (Swagger UI from drf-spectacular-sidecar's static files; the
    # split view serves its start-up script as a file, so the strict CSP needs no inline script).
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path("tokens/", tokens.TokenListView.as_view(), name="token_list"),
    path("tokens/new/", tokens.TokenCreateView.as_view(), name="token_create"),
    path("tokens/<int:pk>/revoke/", tokens.TokenRevokeView.as_view(), name="token_revoke"),
]
