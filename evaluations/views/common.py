"""Small helpers shared by the pillar's function views."""
from datetime import date

from django.utils import timezone

from ali_party.params import parse_id
from ali_party.scoping import scope_path
from ali_party.years import parse_year, shown_year
from branches.models import Area


def scope_root(user) -> Area:
    return Area.objects.get(path=scope_path(user))


def chosen_area(request) -> Area:
    """The ?area= node when it lies in the user's scope, else the user's own node."""
    root = scope_root(request.user)
    area_id = parse_id(request.GET.get("area"))
    if area_id is not None:
        found = Area.objects.visible_to(request.user).filter(pk=area_id).first()
        if found is not None:
            return found
    return root


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


def area_choices(user):
    return Area.objects.visible_to(user).exclude(
        level=Area.Level.VILLAGE).order_by("path")
