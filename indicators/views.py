from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from ali_party.scoping import scope_path


@login_required
def index_view(request):
    if scope_path(request.user) is None:
        raise PermissionDenied
    return render(request, "indicators/index.html", {})
