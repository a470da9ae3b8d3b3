from django.urls import path

from . import views

app_name = "annualstats"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("area/<int:pk>/workbook.xlsx", views.workbook_view, name="workbook"),
]
