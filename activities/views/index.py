from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from ali_party.scoping import can_write, scope_path

from .. import selectors


@login_required
def index_view(request):
    """Landing page of the pillar: its sections with record counts, and this year's activities by kind."""
    if scope_path(request.user) is None:
        raise PermissionDenied
    year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", year))
    except ValueError:
        pass
    return render(request, "activities/index.html", {
        "counts": selectors.section_counts(request.user),
        "kind_counts": selectors.kind_counts(request.user, year),
        "year": year, "can_write": can_write(request.user),
    })
