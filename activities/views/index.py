from django.shortcuts import render

from ali_party.generic import reader_required
from ali_party.scoping import can_write
from ali_party.years import index_year

from .. import selectors
from ..models import Activity


@reader_required
def index_view(request):
    """Landing page of the pillar: its sections with record counts, and one year's activities by kind
    (the latest year with activities unless ?year= says otherwise)."""
    year = index_year(request, Activity.objects.visible_to(request.user), "held_on")
    return render(request, "activities/index.html", {
        "counts": selectors.section_counts(request.user),
        "kind_counts": selectors.kind_counts(request.user, year),
        "year": year, "can_write": can_write(request.user),
    })
