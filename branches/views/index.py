"""The pillar's landing page: its sections with counts in the user's scope."""
from django.shortcuts import render

from ali_party.generic import reader_required
from ali_party.scoping import can_write
from ali_party.years import index_year

from .. import selectors
from ..models import Assessment


@reader_required
def index_view(request):
    # The yearly standardization assessment is the pillar's record of a year.
    year = index_year(request, Assessment.objects.visible_to(request.user), "year")
    return render(request, "branches/index.html", {
        "summary": selectors.pillar_summary(request.user, year), "can_write": can_write(request.user)})
