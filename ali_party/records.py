"""Generic record pages (list / detail / create / edit) built on ali_party.generic, so every simple
record type (service halls, dispute cases, income teams …) gets the same scoped, service-backed pages
from a short declaration: `urlpatterns += record_urls(...)` in the pillar's urls.py."""
from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView


class RecordListView(ScopedListView):
    template_name = "records/list.html"
    title = ""
    create_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=self.title, create_url_name=self.create_url_name)
        return context


class RecordDetailView(ScopedDetailView):
    template_name = "records/detail.html"
    update_url_name = ""
    list_url_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(update_url_name=self.update_url_name, list_url_name=self.list_url_name)
        return context


def record_urls(*, app: str, prefix: str, model, form_class, filterset_class, create_service, update_service,
                instance_kwarg: str, table_class, title, select_related=(), list_template=None,
                detail_template=None, detail_view=None):
    """URL patterns `<prefix>_list/_create/_detail/_update` for one record type; the list shows
    `table_class` (an ali_party.tables.BaseTable, declared in the pillar's tables.py)."""
    segment = prefix.replace("_", "-")
    names = {k: f"{prefix}_{k}" for k in ("list", "create", "detail", "update")}
    list_view = type(f"{model.__name__}ListView", (RecordListView,), {
        "model": model, "filterset_class": filterset_class, "select_related": tuple(select_related),
        "table_class": table_class, "title": title, "create_url_name": f"{app}:{names['create']}",
        **({"template_name": list_template} if list_template else {}),
    })
    detail = detail_view or type(f"{model.__name__}DetailView", (RecordDetailView,), {
        "model": model, "select_related": tuple(select_related),
        "update_url_name": f"{app}:{names['update']}", "list_url_name": f"{app}:{names['list']}",
        **({"template_name": detail_template} if detail_template else {}),
    })
    common = {"model": model, "form_class": form_class}
    create_view = type(f"{model.__name__}CreateView", (ScopedCreateView,), {
        **common, "service": create_service, "extra_context": {"title": format_lazy("{}{}", _("新建"), title)},
    })
    update_view = type(f"{model.__name__}UpdateView", (ScopedUpdateView,), {
        **common, "service": update_service, "instance_kwarg": instance_kwarg,
        "extra_context": {"title": format_lazy("{}{}", _("编辑"), title)},
    })
    return [
        path(f"{segment}/", list_view.as_view(), name=names["list"]),
        path(f"{segment}/new/", create_view.as_view(), name=names["create"]),
        path(f"{segment}/<int:pk>/", detail.as_view(), name=names["detail"]),
        path(f"{segment}/<int:pk>/edit/", update_view.as_view(), name=names["update"]),
    ]
