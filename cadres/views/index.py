from django.shortcuts import render
from django.utils import timezone

from ali_party.generic import reader_required

from ..selectors import index_counts


@reader_required
def index_view(request):
    """The pillar's landing page: its sections with counts in the user's scope."""
    today = timezone.localdate()
    return render(request, "cadres/index.html", {"counts": index_counts(user=request.user, on=today),
                                                 "today": today})
