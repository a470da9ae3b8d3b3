"""Template helpers of the list pages: a page's links that keep the other query parameters
(filters, sort, page size), and the window of page numbers around the current page."""
from django import template

register = template.Library()

WINDOW = 2  # page numbers shown on each side of the current one


@register.simple_tag(takes_context=True)
def query_with(context, name, value, drop=""):
    """`?…` of the current request with `name` set to `value` (and `drop` removed: a new page
    size starts again at page 1)."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else {}
    if drop:
        params.pop(drop, None)
    params[name] = value
    return "?" + params.urlencode()


@register.filter
def page_window(page, size=WINDOW):
    """Page numbers around `page` (1-based), with None where numbers are left out:
    [1, None, 8, 9, 10, 11, 12, None, 212]. The first and the last page are always in."""
    last = page.paginator.num_pages
    low, high = max(1, page.number - size), min(last, page.number + size)
    numbers = list(range(low, high + 1))
    if low > 1:
        numbers[:0] = [1] + ([None] if low > 2 else [])
    if high < last:
        numbers += ([None] if high < last - 1 else []) + [last]
    return numbers


@register.filter
def filter_active(form) -> bool:
    """True when the filter form was sent with a value in one of its fields (or has errors): then
    the filters stay open on a phone too."""
    if form is None or not form.is_bound:
        return False
    if form.errors:
        return True
    return any(value for name in form.fields for value in form.data.getlist(form.add_prefix(name))
               ) if hasattr(form.data, "getlist") else any(form.data.get(form.add_prefix(name)) for name in form.fields)
