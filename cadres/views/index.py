from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from ali_party.scoping import scope_path

from ..selectors import index_counts


@login_required
def index_view(request):
    """The pillar's landing page: its sections with counts in the user's scope."""
    if scope_path(request.user) is None:
        raise PermissionDenied
    today = timezone.localdate()
    return render(request, "cadres/index.html", {"counts": index_counts(user=request.user, on=today),
                                                 "today": today})
