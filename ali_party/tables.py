"""The shared base of every list table (django-tables2, as NetBox does): one `tables.py` per app
declares its columns; the list view (`ali_party.generic.ScopedListView`) names its `table_class`.

- `BaseTable`: Bootstrap 5 classes, our template (templates/tables/table.html: sortable headers,
  page size choice, the pagination of templates/includes/pagination.html), empty text "无记录".
- Sorting: `?sort=<column>` (``-`` for descending) on the columns marked orderable; an unknown or
  unorderable name is ignored (django-tables2 drops it). Every ordering ends with the primary key,
  so rows that tie on the sorted column keep their place from one page to the next.
- Page size: `?per_page=` one of `PER_PAGE_CHOICES`, anything else the default
  (`DEFAULT_PER_PAGE`), so a `per_page=0` or `per_page=100000` never reaches the paginator.
- Column helpers: `LinkColumn` (the row's own page), `DateColumn` (``Y-m-d``), `YesNoColumn` (是/否),
  `NumberColumn` (right-aligned), `area_column` (a place, ordered by the tree), `EditColumn`
  (a row's edit link for users who may write).
"""
import django_tables2 as tables
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableQuerysetData

PER_PAGE_CHOICES = (20, 50, 100, 200)
DEFAULT_PER_PAGE = 50
_PK_NAMES = {"pk", "-pk", "id", "-id"}


def clean_per_page(value) -> int:
    """The page size asked for when it is one of the choices, else the default."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return DEFAULT_PER_PAGE
    return number if number in PER_PAGE_CHOICES else DEFAULT_PER_PAGE


def stable_ordering(queryset):
    """`queryset` ordered as it is, then by primary key (an ordering that ties is not a page order)."""
    ordering = list(queryset.query.order_by) if queryset.query.order_by else (
        list(queryset.model._meta.ordering) if queryset.query.default_ordering else [])
    if any(isinstance(term, str) and term in _PK_NAMES for term in ordering):
        return queryset
    return queryset.order_by(*ordering, "pk")


class BaseTable(tables.Table):
    """A list page's table. Subclasses declare columns (headers are gettext_lazy Chinese msgids)."""

    class Meta:
        template_name = "tables/table.html"
        attrs = {"class": "table table-sm table-hover bg-white mb-2", "thead": {"class": "text-nowrap"}}
        empty_text = _("无记录")
        order_by_field = "sort"
        per_page = DEFAULT_PER_PAGE

    def paginate(self, paginator_class=Paginator, per_page=None, page=1, *args, **kwargs):
        if isinstance(self.data, TableQuerysetData):
            self.data.data = stable_ordering(self.data.data)
        return super().paginate(paginator_class, clean_per_page(per_page), page, *args, **kwargs)

    @property
    def per_page_choices(self):
        return PER_PAGE_CHOICES


class LinkColumn(tables.Column):
    """A cell that links to the row's own page (`get_absolute_url`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("linkify", lambda record: record.get_absolute_url())
        super().__init__(*args, **kwargs)


class DateColumn(tables.DateColumn):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("format", "Y-m-d")
        kwargs.setdefault("attrs", {"td": {"class": "text-nowrap"}})
        super().__init__(*args, **kwargs)


class LinkDateColumn(DateColumn):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("linkify", lambda record: record.get_absolute_url())
        super().__init__(*args, **kwargs)


class YesNoColumn(tables.Column):
    def render(self, value):
        return _("是") if value else _("否")


NUMBER_ATTRS = {"th": {"class": "text-end"}, "td": {"class": "text-end"}}


class NumberColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUMBER_ATTRS)
        super().__init__(*args, **kwargs)


def area_column(verbose_name, path: str, **kwargs) -> tables.Column:
    """A place column (`path`: the accessor of an Area, e.g. "village" or "organization__area"),
    sorted in the order of the tree."""
    return tables.Column(verbose_name=verbose_name, accessor=path, order_by=(f"{path}__path",), **kwargs)


class EditColumn(tables.Column):
    """A row's edit link (`url_name` with the row's pk), shown only when the page says `can_write`."""

    def __init__(self, url_name: str, label=None, **kwargs):
        kwargs.setdefault("verbose_name", "")
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("attrs", {"td": {"class": "text-nowrap d-print-none"}, "th": {"class": "d-print-none"}})
        super().__init__(orderable=False, empty_values=(), **kwargs)
        self.url_name, self.label = url_name, label or _("编辑")

    def render(self, record, table):
        context = getattr(table, "context", None)
        if not (context and context.get("can_write")):
            return ""
        return format_html('<a href="{}">{}</a>', reverse(self.url_name, args=[record.pk]), self.label)


def paginate_table(request, table) -> list:
    """Sort and paginate `table` from the request (for function views); the records of the page shown.
    They are the very objects the table renders, so a view may attach per-page facts to them."""
    tables.RequestConfig(request, paginate={"per_page": DEFAULT_PER_PAGE}).configure(table)
    return [row.record for row in table.page.object_list]
