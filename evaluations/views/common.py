"""Small helpers shared by the pillar's function views."""
from datetime import date

from django.utils import timezone

from ali_party.years import parse_year, shown_year


def chosen_year(request, default: int | None = None) -> int:
    return shown_year(request, fallback=lambda: default)


def chosen_date(request) -> date:
    """?on= as a date whose year the one year parser accepts (0001-01-01 or 9999-12-31 would
    overflow the period arithmetic), else today."""
    value = request.GET.get("on", "")
    try:
        on = date.fromisoformat(value)
    except ValueError:
        return timezone.localdate()
    return on if parse_year(on.year) else timezone.localdate()


