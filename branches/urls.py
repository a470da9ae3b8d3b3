from django.urls import path

from .views import areas, organizations

app_name = "branches"
urlpatterns = [
    path("", organizations.OrganizationListView.as_view(), name="index"),
    path("organizations/", organizations.OrganizationListView.as_view(), name="organization_list"),
    path("organizations/new/", organizations.OrganizationCreateView.as_view(), name="organization_create"),
    path("organizations/<int:pk>/", organizations.OrganizationDetailView.as_view(), name="organization_detail"),
    path("organizations/<int:pk>/edit/", organizations.OrganizationUpdateView.as_view(),
         name="organization_update"),
    path("areas/", areas.area_tree_view, name="area_tree"),
    path("areas/<int:pk>/", areas.area_detail_view, name="area_detail"),
    path("areas/<int:pk>/add/", areas.area_add_child_view, name="area_add_child"),
    path("areas/<int:pk>/edit/", areas.area_update_view, name="area_update"),
]
