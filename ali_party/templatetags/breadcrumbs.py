"""Breadcrumbs of a record's page: the places above it, from the user's own node down, then the
record itself (issue 18, item 6). Every page with an `object` in its context gets them from
base.html; one query (the area's ancestors), whatever the data's size."""
from django import template
from django.urls import reverse

from ali_party.scoping import area_of, scope_path

register = template.Library()


@register.inclusion_tag("_breadcrumbs.html", takes_context=True)
def breadcrumbs(context, obj):
    from branches.models import Area

    scope = scope_path(context["request"].user)
    if scope is None or obj is None or getattr(obj, "pk", None) is None:
        return {"crumbs": []}
    if isinstance(obj, Area):
        area, places = obj, list(Area.objects.get_ancestors(obj))
    elif getattr(obj, "scope_area_field", None):
        area = area_of(obj)
        places = list(Area.objects.get_ancestors(area)) + [area] if area is not None else []
    else:
        return {"crumbs": []}
    # Only the places the user may open (a township clerk's county is above their scope).
    crumbs = [(place.name, reverse("branches:area_detail", args=[place.pk]))
              for place in places if place.path.startswith(scope)]
    crumbs.append((str(obj), ""))  # the page itself, not a link
    return {"crumbs": crumbs}
