from django.urls import path

from . import views

app_name = "dataexchange"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("<slug:kind>/template.xlsx", views.template_view, name="template"),
    path("<slug:kind>/export.<str:fmt>", views.export_view, name="export"),
    path("<slug:kind>/import/", views.import_view, name="import"),
    path("jobs/<int:pk>/", views.job_detail_view, name="job_detail"),
    path("jobs/<int:pk>/status.json", views.job_status_view, name="job_status"),
    path("jobs/<int:pk>/confirm/", views.job_confirm_view, name="job_confirm"),
    path("jobs/<int:pk>/problems.xlsx", views.job_problems_view, name="job_problems"),
    path("exports/<int:pk>/", views.export_job_detail_view, name="export_job_detail"),
    path("exports/<int:pk>/status.json", views.export_job_status_view, name="export_job_status"),
    path("exports/<int:pk>/download/", views.export_job_download_view, name="export_job_download"),
]
