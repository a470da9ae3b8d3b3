"""Widgets shared by forms and filters."""
from __future__ import annotations

from django import forms
from django.db.models.fields.files import FieldFile
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext


class DateInput(forms.DateInput):
    """The one date widget: the browser's date picker. It reads and sends ISO dates whatever the
    locale's DATE_INPUT_FORMATS, so the value is always rendered as %Y-%m-%d."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class LongSelect(forms.Select):
    """A <select> for hundreds of options (a county's organizations), rendered in one string join.

    Django's Select renders every <option> through its own template include, about 0.1 ms each: a
    county clerk's 党组织 filter (≈400 organizations at region scale) cost half of the member list's
    time. Same HTML, same attributes (crispy's classes, id, required) and the same selected option.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join("", '<option value="{}"{}>{}</option>', (
            (str(option), mark_safe(" selected") if str(option) in chosen else "", label)  # nosec B308 B703
            for option, label in self.choices))
        # Attributes in Django's order and form (django/forms/widgets/attrs.html).
        rendered = format_html_join("", "{}", (
            (format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value),)
            for key, value in final_attrs.items() if value is not False))
        return format_html('<select name="{}"{}>{}</select>', name, rendered, options)


class LongSelectMultiple(LongSelect, forms.SelectMultiple):
    """LongSelect for a multiple choice (reads the submitted list as SelectMultiple does)."""


class SearchSelect(forms.Select):
    """A related-row choice searched on the server (ali_party/pickers.py): renders only the chosen
    option — or none — and the data the page's script (static/js/pickers.js, Tom Select) needs to
    ask `/pick/<kind>/` as the user types. Without the script it is a select holding the current
    value, so a re-rendered form (errors) and an edit page keep what was chosen.

    `kind`: the picker kind; `params`: the form's fixed restriction (`pickers.picker_params`);
    `narrow`: parameter → the name of another field of the form whose current value narrows the
    search (`pickers.picker_narrow`), `narrow_required`: offer nothing while that field is empty.
    """

    def __init__(self, attrs=None, *, kind: str, params=None, narrow=None, narrow_required=False):
        super().__init__(attrs)
        self.kind = kind
        self.params = dict(params or {})
        self.narrow = dict(narrow or {})
        self.narrow_required = narrow_required

    def __deepcopy__(self, memo):
        obj = super().__deepcopy__(memo)
        obj.params, obj.narrow = dict(self.params), dict(self.narrow)
        return obj

    def chosen(self, value) -> list[tuple[str, str]]:
        """(value, label) of the chosen rows that the field's queryset holds, in the kind's labels."""
        from ali_party.pickers import get_kind

        keys = [str(v) for v in value if v not in (None, "")]
        keys = [key for key in keys if key.isascii() and key.isdigit() and len(key) < 19]
        queryset = getattr(self.choices, "queryset", None)
        if not keys or queryset is None:
            return []
        kind = get_kind(self.kind)
        rows = list(kind.shaped(queryset.filter(pk__in=keys)))
        order = {key: i for i, key in enumerate(keys)}
        rows.sort(key=lambda row: order.get(str(row.pk), 0))
        user = getattr(self.choices.field, "picker_user", None)
        return [(str(row.pk), text) for row, text in zip(rows, kind.labels(rows, user))]

    def optgroups(self, name, value, attrs=None):
        options = [] if self.allow_multiple_selected else [("", self.choices.field.empty_label or "")]
        options += self.chosen(value)
        chosen = {key for key, _ in options if key}
        return [(None, [self.create_option(name, key, label, key in chosen, index)], index)
                for index, (key, label) in enumerate(options)]

    def get_context(self, name, value, attrs):
        from django.urls import reverse
        from django.utils.http import urlencode

        context = super().get_context(name, value, attrs)
        prefix = name.rpartition("-")[0]
        extra = {
            "data-picker-url": reverse("pickers:pick", args=[self.kind]),
            "data-picker-params": urlencode(sorted(self.params.items())),
            "data-picker-narrow": urlencode(sorted(
                (param, f"{prefix}-{field}" if prefix else field) for param, field in self.narrow.items())),
            "data-picker-placeholder": gettext("输入姓名或名称搜索"),
            "data-picker-no-results": gettext("没有找到"),
            "data-picker-loading": gettext("正在搜索…"),
        }
        if self.narrow_required:
            extra["data-picker-narrow-required"] = "1"
            extra["data-picker-narrow-first"] = gettext("请先选择上面的党组织")
        context["widget"]["attrs"].update(extra)
        return context


class SearchSelectMultiple(SearchSelect, forms.SelectMultiple):
    """SearchSelect for a multiple choice (reads the submitted list as SelectMultiple does)."""


class _ShownFile:
    """What a file input shows of the current file: a name and the link to download it."""

    def __init__(self, name: str, url: str):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class StoredFileInput(forms.ClearableFileInput):
    """A file input whose "current file" is shown by its original name and linked to the record's
    scoped download view (`download_url`), never to the storage's URL: /media/ is not served
    (ali_party/files.py). The form sets `display_name` and `download_url` from its instance; crispy's
    file template is overridden to use them (templates/bootstrap5/layout/field_file.html)."""

    display_name = ""
    download_url = ""

    def is_initial(self, value):
        return isinstance(value, FieldFile) and bool(value)

    def format_value(self, value):
        if self.is_initial(value):
            return _ShownFile(self.display_name or gettext("当前附件"), self.download_url)
        return None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["download_url"] = self.download_url if self.is_initial(value) else ""
        return context
