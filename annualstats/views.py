"""The 党内统计年报 page and its workbook download (scoped: the user's area and below)."""
from urllib.parse import quote

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.models import AccessEvent
from accounts.signals import record_access
from ali_party.areas import area_choices, chosen_area
from ali_party.generic import reader_required
from ali_party.scoping import require_visible
from ali_party.years import recent_years, shown_year
from branches.models import Area
from indicators.services import pending_for

from . import report, workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@reader_required
def index_view(request):
    area = chosen_area(request)
    year = shown_year(request)
    return render(request, "annualstats/index.html", {
        "area": area, "year": year, "areas": area_choices(request.user), "year_choices": recent_years(2018),
        "tables": report.TABLE_DESCRIPTIONS, "recompute_pending": pending_for(path=area.path, year=year),
    })


@reader_required
def workbook_view(request, pk):
    area = get_object_or_404(Area, pk=pk)
    require_visible(request.user, area)
    year = shown_year(request)
    result = report.annual_report(area, year)
    filename = workbook.file_name(result)
    record_access(request=request, kind=AccessEvent.Kind.EXPORT, user=request.user,
                  target=f"{filename} (area={area.pk})")
    response = HttpResponse(workbook.annual_workbook(result), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
