"""Thin generic views and a form base that every pillar app uses, so scoping is never re-implemented.

- `ScopedModelForm` limits every choice of a related row (organization, member, area …) to the
  user's scope.
- `ScopedListView` / `ScopedDetailView` read through `Model.objects.visible_to(user)` (404 outside);
  a list shows its rows as a django-tables2 table (`table_class`, ali_party/tables.py).
- `ScopedCreateView` / `ScopedUpdateView` call a service function: the service does the writing,
  the checks (`require_editable`) and `full_clean()`; its ValidationError shows on the form.
- `ScopedDeleteView` likewise calls a delete service.
- The create, edit and delete pages go back to `?return_url=` when it stays on this site (NetBox's
  `GetReturnURLMixin`), else to the object's own page, else to the view's default (the list);
  templates/generic/object_form.html and object_confirm_delete.html are their one form and one
  delete page.
- `NestedCreateView` creates a record under a parent from the URL (a post under an organization, a
  ledger under an account): parent in the user's scope (404 outside), then the role (403).
- `ScopedFileView` downloads a record's stored file, found through the same scoped queryset as the
  record's detail page (ali_party/files.py: `file_response`).
- For function views: `reader_required` (the business-role check) and `get_editable_or_404` (the
  object the user may change).
"""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page
from django.db.models import Model, QuerySet
from django.forms import ModelChoiceField, ModelForm, ModelMultipleChoiceField, Select, SelectMultiple
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, resolve_url
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.generic import DeleteView, DetailView, UpdateView, View
from django.views.generic.edit import CreateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from ali_party.files import file_response
from ali_party.scoping import can_write, scope_path
from ali_party.tables import DEFAULT_PER_PAGE
from ali_party.widgets import LongSelect, LongSelectMultiple
from ali_party.views import apply_validation_error


def limit_choices_to_scope(form, user) -> None:
    """Every related-row choice of `form` shows only rows in the user's scope."""
    for field in form.fields.values():
        if not isinstance(field, ModelChoiceField):
            continue
        if isinstance(field, ModelMultipleChoiceField):
            _refuse_out_of_range_keys(field)
        _render_fast(field)
        queryset = field.queryset
        if hasattr(queryset, "visible_to"):  # Area.objects too
            field.queryset = queryset.visible_to(user)


def _render_fast(field) -> None:
    """A related-row <select> can hold thousands of rows (a county's members): render it in one
    string join (ali_party.widgets) rather than one template per option. Check boxes and custom
    widgets are left as they are."""
    widget = field.widget
    swap = {Select: LongSelect, SelectMultiple: LongSelectMultiple}.get(type(widget))
    if swap is not None:
        field.widget = swap(attrs=widget.attrs)
        field.widget.is_required = widget.is_required
        field.widget.choices = field.choices


BIGINT_LIMIT = 2**63


def _refuse_out_of_range_keys(field) -> None:
    """A multiple choice posted as a 40-digit number is an invalid choice, not a database error:
    Django guards `pk = huge` but sends `pk IN (huge)` to the database, which overflows."""
    check_values = field._check_values

    def _check_values(value):
        for key in value or ():
            text = str(key).strip()
            if text.lstrip("-").isascii() and text.lstrip("-").isdigit() and abs(int(text)) >= BIGINT_LIMIT:
                raise ValidationError(field.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": key})
        return check_values(value)

    field._check_values = _check_values


class ScopedModelForm(ModelForm):
    """A ModelForm that takes `user` and scopes its choices. Subclasses list `fields` explicitly."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        limit_choices_to_scope(self, user)


class VillageChoicesMixin:
    """Village fields offer village-level areas only, labelled "乡镇 / 村"."""

    village_fields = ("village",)

    def limit_villages(self):
        from branches.models import Area

        for name in self.village_fields:
            field = self.fields[name]
            field.queryset = field.queryset.filter(level=Area.Level.VILLAGE).order_by("path")


def reader_required(view):
    """`login_required`, then 403 for a user without a business role and scope (admins, auditors)."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if scope_path(request.user) is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return login_required(wrapper)


def get_editable_or_404(queryset_or_model, user, **lookup):
    """The object `user` may change: 403 without a business role, 404 outside the user's scope, 403
    for a read-only role — in that order, so an outsider never learns that the row exists."""
    if scope_path(user) is None:
        raise PermissionDenied
    queryset = queryset_or_model if isinstance(queryset_or_model, QuerySet) else queryset_or_model.objects
    obj = get_object_or_404(queryset.visible_to(user), **lookup)
    if not can_write(user):
        raise PermissionDenied
    return obj


def safe_return_url(request) -> str | None:
    """`return_url` from the query string (or the posted form) when it stays on this site: same host,
    and no step down from https. Anything else (https://evil.example/, //evil.example) is ignored."""
    url = request.POST.get("return_url") or request.GET.get("return_url")
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return None


def get_return_url(request, obj=None, default=None) -> str | None:
    """Where a form's 返回 link (and, when asked for, the redirect after saving) goes: a safe
    `?return_url=`, else `obj`'s own page, else `default` (a URL or URL name), else nowhere."""
    url = safe_return_url(request)
    if url:
        return url
    if obj is not None and obj.pk is not None and hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return resolve_url(default) if default else None


class ReaderRequiredMixin(LoginRequiredMixin):
    """Business pages need a business role with a scope (admins and auditors see no records)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and scope_path(request.user) is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedQuerysetMixin(ReaderRequiredMixin):
    model: type[Model]
    select_related: tuple = ()
    prefetch_related: tuple = ()

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset


class ScopedListView(ScopedQuerysetMixin, SingleTableMixin, FilterView):
    """A filtered list in the user's scope, shown as `table_class` (ali_party.tables.BaseTable):
    sortable headers, page size choice and pagination. `page_obj` is also in the context, the
    records of the page shown (for the templates and tests that read the rows)."""

    table_class = None
    table_pagination = {"per_page": DEFAULT_PER_PAGE}
    paginate_by = None  # the table paginates

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["request"] = self.request
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_write"] = can_write(self.request.user)
        table = context["table"]
        context["page_obj"] = Page([row.record for row in table.page.object_list], table.page.number,
                                   table.paginator)
        return context


class ScopedDetailView(ScopedQuerysetMixin, DetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_write"] = can_write(self.request.user)
        return context


class _ServiceFormMixin:
    service = None  # the service function that writes
    success_message = _("已保存。")
    template_name = "generic/object_form.html"
    default_return_url: str | None = None  # URL name; None: the list named like this page (below)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def call_service(self, form):
        raise NotImplementedError

    def get_return_object(self):
        """The object whose page the 返回 link goes back to (the one edited, a nested row's parent)."""
        return getattr(self, "object", None)

    def get_default_return_url(self) -> str | None:
        if self.default_return_url:
            return reverse(self.default_return_url)
        # By the URL names' convention, `x_create` / `x_update` come from the list `x_list`.
        match = self.request.resolver_match
        if match is None or not match.url_name or not match.url_name.endswith(("_create", "_update")):
            return None
        name = match.url_name.rsplit("_", 1)[0] + "_list"
        try:
            return reverse(f"{match.namespace}:{name}" if match.namespace else name)
        except NoReverseMatch:
            return None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["return_url"] = get_return_url(self.request, self.get_return_object(),
                                               default=self.get_default_return_url())
        return context

    def form_valid(self, form):
        try:
            self.object = self.call_service(form)
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(safe_return_url(self.request) or self.get_success_url())


class ScopedCreateView(ReaderRequiredMixin, _ServiceFormMixin, CreateView):
    """Calls `service(actor=user, **form.cleaned_data)`."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_write(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def call_service(self, form):
        return type(self).service(actor=self.request.user, **form.cleaned_data)


class _EditableObjectMixin(ScopedQuerysetMixin):
    """The page's object is looked up in the user's scope first (404 outside), then the role (403),
    before any GET or POST is handled (get_editable_or_404)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = get_editable_or_404(self.get_queryset(), request.user, pk=kwargs[self.pk_url_kwarg])
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        if getattr(self, "object", None) is not None:
            return self.object
        return super().get_object(queryset)


class ScopedUpdateView(_EditableObjectMixin, _ServiceFormMixin, UpdateView):
    """Calls `service(actor=user, <instance_kwarg>=object, **form.cleaned_data)`."""

    instance_kwarg: str = "instance"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # The form edits a fresh copy, so a refused save never leaves the object half-changed.
        kwargs["instance"] = type(self.object).objects.get(pk=self.object.pk)
        return kwargs

    def call_service(self, form):
        return type(self).service(actor=self.request.user, **{self.instance_kwarg: self.object},
                                  **form.cleaned_data)


class ScopedDeleteView(_EditableObjectMixin, DeleteView):
    """Calls `service(actor=user, <instance_kwarg>=object)` on POST; then to a safe `?return_url=`,
    else to `success_url`. 取消 goes back to the return URL, else to the object's page."""

    service = None
    instance_kwarg: str = "instance"
    success_message = _("已删除。")
    template_name = "generic/object_confirm_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["return_url"] = get_return_url(self.request, self.object)
        return context

    def form_valid(self, form):
        try:
            type(self).service(actor=self.request.user, **{self.instance_kwarg: self.object})
        except ValidationError as error:
            messages.error(self.request, "；".join(error.messages))
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(safe_return_url(self.request) or self.get_success_url())


class NestedCreateView(ScopedCreateView):
    """Creates a record under a parent named in the URL (`<parent_url_kwarg>`): the parent is looked up
    in the user's scope (404 outside), then the role is checked (403 for read-only), then
    `service(actor=user, <parent_kwarg>=parent, **form.cleaned_data)`; back to the parent's page.
    `parent_form_kwarg`, when set, also hands the parent to the form (choices limited under it)."""

    parent_model: type[Model]
    parent_kwarg = ""
    parent_url_kwarg = "parent_pk"
    parent_select_related: tuple = ()
    parent_form_kwarg = ""
    extra_title = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if scope_path(request.user) is None:
                raise PermissionDenied
            queryset = self.parent_model.objects.visible_to(request.user).select_related(*self.parent_select_related)
            self.parent = get_object_or_404(queryset, pk=kwargs[self.parent_url_kwarg])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.parent_form_kwarg:
            kwargs[self.parent_form_kwarg] = self.parent
        return kwargs

    def call_service(self, form):
        return type(self).service(actor=self.request.user, **{self.parent_kwarg: self.parent},
                                  **form.cleaned_data)

    def get_return_object(self):
        return self.parent

    def get_success_url(self):
        return self.parent.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parent"] = self.parent
        context.setdefault("title", f"{self.parent} · {self.extra_title}")
        return context


class ScopedFileView(ScopedQuerysetMixin, View):
    """The download of `file_field` of one record the user may see (404 outside the scope or when
    the record has no file), named after `name_field`. Never a link to the storage's URL."""

    file_field: str = "file"
    name_field: str | None = "original_name"
    http_method_names = ["get", "head", "options"]

    def get(self, request, pk):
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        stored = getattr(obj, self.file_field)
        if not stored:
            raise Http404
        return file_response(stored, filename=getattr(obj, self.name_field) if self.name_field else "")
