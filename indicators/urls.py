from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("area/<int:pk>/", views.area_dashboard_view, name="area_dashboard"),
    path("area/<int:pk>/report.docx", views.report_docx_view, name="report_docx"),
    path("area/<int:pk>/indicators.xlsx", views.report_xlsx_view, name="report_xlsx"),
    path("recompute/", views.recompute_view, name="recompute"),
    path("runs/<int:pk>/", views.run_status_view, name="run_status"),
    path("queue/", views.queue_status_view, name="queue"),
]
