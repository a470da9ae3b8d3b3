from django.urls import path

from .views import warnings

app_name = "lapse"
urlpatterns = [
    path("", warnings.LapseWarningListView.as_view(), name="warning_list"),
]
