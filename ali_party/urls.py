from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from . import views

urlpatterns = [
    path("", views.home_view, name="home"),
    path("accounts/", include("accounts.urls")),
    path("branches/", include("branches.urls")),
    path("cadres/", include("cadres.urls")),
    path("activities/", include("activities.urls")),
    path("capacity/", include("capacity.urls")),
    path("evaluations/", include("evaluations.urls")),
    path("funding/", include("funding.urls")),
    path("orglife/", include("orglife.urls")),
    path("dues/", include("dues.urls")),
    path("api/", include("api.urls")),
    path("early-warning/", include("earlywarning.urls")),
    path("annual-statistics/", include("annualstats.urls")),
    path("lapse/", include("lapse.urls")),
    path("development/", include("development.urls")),
    path("mobility/", include("mobility.urls")),
    path("dashboard/", include("indicators.urls")),
    path("data/", include("dataexchange.urls")),
    path("pick/", include("ali_party.picker_urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]
if settings.DJANGO_ADMIN_ENABLED:  # off in production unless DJANGO_ADMIN_ENABLED=1
    urlpatterns.append(path("django-admin/", admin.site.urls))
# No /media/ pattern, under DEBUG either: a stored file is only ever sent by a view that checks the
# user's scope on the record that owns it (ali_party/files.py, generic.ScopedFileView).
