from django.urls import path

from ali_party.picker_views import pick_view

app_name = "pickers"
urlpatterns = [path("<slug:kind>/", pick_view, name="pick")]
