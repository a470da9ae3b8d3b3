"""`{% exchange_buttons view.model %}`: the 导出 / 导入 buttons of a list page, carrying its filters."""
from django import template
from django.urls import reverse

from ali_party.scoping import can_write

register = template.Library()


@register.inclusion_tag("dataexchange/_buttons.html", takes_context=True)
def exchange_buttons(context, model=None, kind=None):
    from ..specs import SPECS

    if model is not None and not isinstance(model, type):
        model = type(model)  # the template engine calls a class it is given: we get an instance
    if kind is None and model is not None:
        kind = next((key for key, spec in SPECS.items() if spec.model is model), None)
    request = context.get("request")
    if kind is None or request is None:
        return {"kind": None}
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    suffix = f"?{query}" if query else ""
    return {
        "kind": kind,
        "xlsx_url": reverse("dataexchange:export", args=[kind, "xlsx"]) + suffix,
        "csv_url": reverse("dataexchange:export", args=[kind, "csv"]) + suffix,
        "import_url": reverse("dataexchange:import", args=[kind]),
        "can_write": can_write(request.user),
    }
