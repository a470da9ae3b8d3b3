"""The pillar's landing page: its sections with counts in the user's scope."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from ali_party.scoping import can_write, scope_path

from .. import selectors


@login_required
def index_view(request):
    if scope_path(request.user) is None:
        raise PermissionDenied
    try:
        year = int(request.GET["year"])
    except (KeyError, ValueError):
        year = selectors.latest_year(request.user)
    return render(request, "branches/index.html", {
        "summary": selectors.pillar_summary(request.user, year), "can_write": can_write(request.user)})
