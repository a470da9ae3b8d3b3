"""The one JSON endpoint of the search-driven pickers (ali_party/pickers.py): `/pick/<kind>/?q=…`."""
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from ali_party.generic import reader_required
from ali_party.pickers import BadParam, get_kind

RESERVED = {"q"}


@require_GET
@reader_required
def pick_view(request, kind):
    """At most `pickers.LIMIT` rows of `kind` in the user's scope whose name contains `q`, narrowed
    by the kind's whitelisted parameters: {"results": [{"value": pk, "text": label}], "more": bool}.
    403 without a business role (reader_required), 404 for an unknown kind, 400 for a parameter the
    kind does not know or cannot read."""
    picker = get_kind(kind)
    if picker is None:
        raise Http404
    query = request.GET.get("q", "")
    params = {key: request.GET.get(key, "") for key in request.GET if key not in RESERVED}
    try:
        payload = picker.results(request.user, query, params)
    except BadParam:
        return JsonResponse({"error": "bad parameter"}, status=400)
    response = JsonResponse(payload)
    return response
