from django.urls import path

from .views import areas, organizations

app_name = "branches"
urlpatterns = [
    path("", organizations.organization_list_view, name="index"),
    path("organizations/", organizations.organization_list_view, name="organization_list"),
    path("organizations/new/", organizations.organization_create_view, name="organization_create"),
    path("organizations/<int:pk>/", organizations.organization_detail_view, name="organization_detail"),
    path("organizations/<int:pk>/edit/", organizations.organization_update_view, name="organization_update"),
    path("areas/", areas.area_tree_view, name="area_tree"),
    path("areas/<int:pk>/", areas.area_detail_view, name="area_detail"),
    path("areas/<int:pk>/add/", areas.area_add_child_view, name="area_add_child"),
    path("areas/<int:pk>/edit/", areas.area_update_view, name="area_update"),
]
