"""The benchmark's URLconf (bench.settings only): the app's URLs unchanged, plus the bench-only
admin site and a bare view (the same middleware stack, no work) for the throughput ratio."""
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from ali_party.urls import urlpatterns as app_urlpatterns

from .admin import site


@login_required
def bare_view(request):
    """The floor of a logged-in page: the whole middleware stack, a session, no query of its own."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench-bare/", bare_view, name="bench_bare"),
    path("bench-admin/", site.urls),
    *app_urlpatterns,
]
