"""The ?area= node of a summary page, in the user's scope, and the nodes its area picker offers."""
from ali_party.params import parse_id
from ali_party.scoping import scope_path


def chosen_area(request):
    """The ?area= node when it lies in the user's scope, else the user's own node."""
    from branches.models import Area

    area_id = parse_id(request.GET.get("area"))
    if area_id is not None:
        found = Area.objects.visible_to(request.user).filter(pk=area_id).first()
        if found is not None:
            return found
    return Area.objects.get(path=scope_path(request.user))


def area_choices(user):
    """The nodes above village level in the user's scope (the area picker of summary pages)."""
    from branches.models import Area

    return Area.objects.visible_to(user).exclude(level=Area.Level.VILLAGE).order_by("path")
