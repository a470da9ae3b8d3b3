"""The pillar's landing page: sections with counts, balances per child node, source × purpose."""
from django.shortcuts import get_object_or_404, render

from ali_party.generic import reader_required
from ali_party.params import parse_id
from ali_party.scoping import can_write, scope_path
from ali_party.years import index_year, recent_years, year_param
from branches.models import Area

from .. import selectors
from ..models import Allocation


@reader_required
def index_view(request):
    path = scope_path(request.user)
    area = request.user.scope_area
    if request.GET.get("area"):
        area = get_object_or_404(Area.objects.visible_to(request.user), pk=parse_id(request.GET["area"]) or 0)
    year = index_year(request, Allocation.objects.under(area), "year")
    first_year = year_param(request, "first_year", 2019)
    last_year = year_param(request, "last_year", year)
    if first_year > last_year:
        first_year, last_year = last_year, first_year
    context = {
        "area": area,
        "ancestors": [a for a in Area.objects.get_ancestors(area) if a.path.startswith(path)],
        "year": year, "first_year": first_year, "last_year": last_year,
        "years": recent_years(),
        "counts": selectors.section_counts(user=request.user),
        "total": selectors.balance_total(area, year=year),
        "children": selectors.balance_by_child(area, year=year),
        "by_year": selectors.balance_by_year(area),
        "table": selectors.funds_by_source_and_purpose(area, first_year, last_year),
        "can_write": can_write(request.user),
    }
    return render(request, "funding/index.html", context)
