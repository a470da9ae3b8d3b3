"""The importer framework: one ImportSpec per record kind, one engine for all of them.

Each pillar declares the specs of its records in its own `exchange.py` and registers them
(dataexchange.specs.register); dataexchange imports no pillar but the organization tree
(branches.models, tests/test_layers.py).

Every row goes through the *same form and the same service* as the web page (one rule, one
place): the row's cells become the form's data, the form is built with `user=` (so its choices are
the user's scope), and a valid form's cleaned_data is handed to the pillar's service with
`actor=`, which checks `require_editable` and `full_clean()`s again.

Speed without changing the rules: every choice list a form would look up row by row (党组织, 村,
catalogues, members by ID-number hash) is loaded once per import from the prototype form's scoped
queryset and the per-row form fields are given that cache instead of a query; existing records
for the natural keys are loaded once too.

Round trip (issue 18, item 4): an export's first column, 系统编号 (RECORD_ID_HEADER), names the
stored record of each row within the user's scope; a cell that still holds what the export wrote
for that record stands for the stored value (same_cell), so masked ID numbers and phones, names
that are not unique and text the export had to quote all come back as they are stored, and an
export re-imports with no problem and no change. Files without the column are matched by natural
key, as before. Every problem of a row is reported, each with its column (process_row).

A spec may also batch its creations (`batch_creates`, the members): a new row is then checked by
the service's check-only half (`check_create`, every rule of the create service, same errors) and
kept; every `BATCH_SIZE` rows and at the end the kept rows are inserted together by the service's
bulk half (`create_batch`). Updates stay row by row. The results are those of the row-by-row path.
"""
from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Callable

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.http import Http404
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ali_party.crypto import LookupHashField
from ali_party.spreadsheets import FORMULA_PREFIXES
from branches.models import Area, PartyOrganization

from . import cells
from .reading import RefusedFile, normalize_header
from .specs import get_spec

AMBIGUOUS = object()
SCOPE_MESSAGE = gettext_noop("超出本账号的管辖范围，或当前角色不能修改数据。")
CONFLICT_MESSAGE = gettext_noop("与系统中已有的数据冲突（违反唯一性或完整性规则）。")
BATCH_SIZE = 1000
YES_NO = [(True, "是"), (False, "否")]  # the choices of a "bool" column

# The first column of every export: which stored record a row is (its pk and a check tag). A file
# that still carries it re-imports as updates of exactly those records, whatever its natural-key
# cells hold (they may be masked). The tag ties the number to this system (its SECRET_KEY) and to
# the kind: a 系统编号 from another installation or another kind's export is unknown here, and an
# unknown one, or one outside the user's scope, is a problem on its row (the lookup is the user's
# scoped records only). Template workbooks have no such column: their rows are named by natural key.
RECORD_ID_HEADER = "系统编号"
RECORD = "_record"  # values[RECORD]: the record a row names by 系统编号 (for resolve_extra)
# A column that re-imports as a problem-free extra: the problems workbook's own column.
PROBLEMS_HEADER = "问题"
MASKED_MESSAGE = gettext_noop("“%(header)s”是导出时遮盖的值（带*号），不能作为数据导入：请保留“系统编号”列并不改动"
                              "该格（即保留系统中的原值），或填写完整的值。")


def record_id(kind: str, pk: int) -> str:
    tag = salted_hmac("dataexchange.record_id", f"{kind}:{pk}").hexdigest()[:6].upper()
    return f"{pk}-{tag}"


def parse_record_id(kind: str, text: str) -> int | None:
    """The pk a 系统编号 names, or None when it is not one this system wrote for this kind."""
    number, _dash, _tag = text.partition("-")
    # ASCII digits only, and no more than a bigint holds: str.isdigit() also takes ① or Ethiopic
    # digits that int() refuses, and a 5,000-digit number is over int()'s limit (the job would crash).
    if not (number.isascii() and number.isdigit() and len(number) < 19) \
            or record_id(kind, int(number)) != text.upper():
        return None
    return int(number)


def area_path(area, names_by_path: dict[str, str]) -> str:
    if area.path not in names_by_path:  # an area added since the names were loaded
        names_by_path.update(area_names_by_path())
    step = Area.steplen
    return "/".join(names_by_path.get(area.path[:i], "") for i in range(2 * step, len(area.path) + 1, step)) \
        or area.name


def _exported_text(raw) -> str:
    """A text cell as written: only the apostrophe that safe_cell puts before formula-like text off."""
    text = str(raw)
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_PREFIXES:
        return text[1:]
    return text


# A row named by 系统编号 whose cell still holds what the export wrote for that record stands for the
# stored value, whatever the cell's type: so a masked ID number or phone keeps the stored one, a
# related record exported by a name that is not unique (two 加木村党支部 in different villages)
# stays that record, a full-width ｘ stays full-width. A changed cell is read as a new value.
def same_cell(raw, exported) -> bool:
    """Whether an uploaded cell still holds what the export wrote for a record (as Excel gives it
    back: a date as a datetime, 1000.50 as 1000.5, an empty cell as None)."""
    if exported in (None, ""):
        return raw is None or cells.clean_text(raw) == ""
    if isinstance(exported, datetime.date):
        if isinstance(raw, datetime.datetime):
            raw = raw.date()
        return raw == exported
    if isinstance(exported, (int, float, Decimal)) and not isinstance(exported, bool):
        try:
            return Decimal(str(raw).replace(",", "")) == Decimal(str(exported))
        except (InvalidOperation, ValueError):
            return False
    if raw is None:
        return False
    return _exported_text(raw) == str(exported) or cells.clean_text(raw) == cells.clean_text(exported)


def export_value(column: "Column", obj, names_by_path: dict[str, str]):
    """The cell an export writes for `obj` in `column` (before safe_cell)."""
    if column.export is not None:
        value = column.export(obj)
    else:
        value = getattr(obj, column.field, None)
        if column.type == "choice":
            value = getattr(obj, f"get_{column.field}_display")()
        elif column.type == "bool":
            value = "是" if value else "否"
        elif column.type == "idnumber":
            value = ""  # never exported in full; specs export the masked value
    if value is None:
        return ""
    if hasattr(value, "pk"):
        return area_path(value, names_by_path) if isinstance(value, Area) else str(value)
    return value


@dataclass
class Column:
    """One spreadsheet column mapped to one form field (or to a spec-level value)."""

    header: str
    field: str
    type: str = "text"  # text, date, int, decimal, bool, choice, fk, idnumber
    required: bool = False
    choices: list | None = None  # (value, label) for "choice"
    example: Any = ""
    width: int = 14
    note: str = ""
    export: Callable | None = None  # obj -> cell value; default derived from the model field
    form_field: bool = True  # False: used by the spec (natural key, parent lookup), not sent to the form
    # The export writes a masked value (an ID number, a phone): never read back as data. A cell that
    # still holds the record's masked export value keeps the stored value; a masked value anywhere
    # else is refused with an explanation.
    masked: bool = False
    # obj -> the stored value a cell stands for when it still holds what the export wrote for the
    # record (the round trip, see same_cell); for a spec-level column (form_field=False).
    stored: Callable | None = None

    def choice_labels(self) -> list[str]:
        return [str(label) for _value, label in (self.choices or [])]


class ChoiceCache:
    """A scoped queryset loaded once: objects by pk and by every label a person may write."""

    def __init__(self, objects, labeler):
        self.model = getattr(objects, "model", None)
        self.by_pk = {}
        self.by_label = {}
        self.labels = []
        for obj in objects:
            self.by_pk[obj.pk] = obj
            names = labeler(obj)
            if names:
                self.labels.append(names[0])
            for name in dict.fromkeys(names):
                key = cells.clean_text(name)
                self.by_label[key] = AMBIGUOUS if key in self.by_label and self.by_label[key] is not obj else obj

    def resolve(self, text: str, what: str):
        obj = self.by_label.get(cells.clean_text(text))
        if obj is None:
            raise cells.CellError(_("找不到%(what)s“%(text)s”，或它不在您的管辖范围内。") % {"what": what, "text": text})
        if obj is AMBIGUOUS:
            raise cells.CellError(_("“%(text)s”对应多个%(what)s，请写完整（如“县/乡镇/村”或“组织名称（所在村）”）。") % {"what": what, "text": text})
        return obj

    def to_python_for(self, form_field):
        """A replacement for ModelChoiceField.to_python that looks in this cache (no query)."""
        by_pk = self.by_pk

        def to_python(value):
            if value in form_field.empty_values:
                return None
            try:
                return by_pk[int(value)]
            except (KeyError, TypeError, ValueError):
                raise ValidationError(form_field.error_messages["invalid_choice"], code="invalid_choice",
                                      params={"value": value}) from None
        return to_python


def area_names_by_path() -> dict[str, str]:
    return dict(Area.objects.values_list("path", "name"))


def area_labeler(names_by_path: dict[str, str]):
    step = Area.steplen

    def labels(area):
        chain = [names_by_path.get(area.path[:i], "") for i in range(2 * step, len(area.path) + 1, step)]
        full = "/".join(chain)
        return [full, "/".join(chain[-2:]), area.name]
    return labels


def organization_labels(org) -> list[str]:
    return [f"{org.name}（{org.area.name}）", org.name]


def default_labels(obj) -> list[str]:
    names = [str(obj)]
    if getattr(obj, "name", None):
        names.append(obj.name)
    return names


@lru_cache(maxsize=None)
def lookup_hash_field(model) -> LookupHashField | None:
    """The model's lookup hash (a party member's ID number): a "member" column names its record
    by the value it hashes."""
    return next((f for f in model._meta.concrete_fields if isinstance(f, LookupHashField)), None)


def member_labels(member) -> list[str]:
    return [getattr(member, lookup_hash_field(type(member)).attname)]


@lru_cache(maxsize=None)
def _model_field(model, name: str):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


class NaturalKey:
    """What names one record in a file, declared once per spec: a row whose key is stored already
    updates that record instead of adding another. The key of a stored record and the key of a row
    are both read from this one declaration.

    Each part is a field name: the row's value of that field (a record found by a lookup column
    stands for its pk; a text is taken without surrounding blanks) and the stored record's
    attribute of that name (a foreign key's id), or the attribute path given in `paths`
    ("ledger.village"). A part naming a LookupHashField is the hash of its source field's value
    (the row gives an ID number, the record keeps its hash). A tuple of names is the first of them
    that has a value, with its name (a 两委 member is named by the party member, else by name). A
    row that lacks a part listed in `required` names no record (its key is None).
    """

    def __init__(self, *parts, paths: dict[str, str] | None = None, required: tuple[str, ...] = ()):
        self.parts, self.paths, self.required = parts, paths or {}, required

    def fields(self, model) -> set[str]:
        """The fields whose cells make the key (a lookup hash stands for its source field)."""
        names = set()
        for part in self.parts:
            for name in part if isinstance(part, tuple) else (part,):
                field = _model_field(model, name)
                names.add(field.source if isinstance(field, LookupHashField) else name)
        return names

    def of_row(self, spec: "ImportSpec", values: dict):
        def value(name):
            field = _model_field(spec.model, name)
            if isinstance(field, LookupHashField):
                return field.hash_of(values.get(field.source))
            found = values.get(name)
            column = spec.column_for_field(name)
            kind = column.type if column is not None else None
            if kind in ("fk", "member") or hasattr(found, "pk"):
                return getattr(found, "pk", None)
            if kind == "text" or isinstance(found, str):
                return (found or "").strip()
            return found

        if any(value(name) is None for name in self.required):
            return None
        return self._key(value)

    def of_object(self, obj):
        def value(name):
            target, *path = [obj, *self.paths.get(name, name).split(".")]
            for attribute in path[:-1]:
                target = getattr(target, attribute)
            field = _model_field(type(target), path[-1])
            found = getattr(target, field.attname if field is not None and field.is_relation else path[-1])
            return found.strip() if isinstance(found, str) else found

        return self._key(value)

    def _key(self, value) -> tuple:
        key = []
        for part in self.parts:
            if isinstance(part, tuple):
                name = next((name for name in part if value(name) not in (None, "")), part[-1])
                key.append((name, value(name)))
            else:
                key.append(value(part))
        return tuple(key)


@dataclass
class RowResult:
    row: int
    action: str = ""  # create, update, unchanged, error, skipped
    label: str = ""
    changes: list[str] = field(default_factory=list)
    errors: list[list[str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # kept, but worth a look (spec.row_warnings)

    def as_dict(self) -> dict:
        return {"row": self.row, "action": self.action, "label": self.label, "changes": self.changes,
                "errors": self.errors}


@dataclass
class ImportOutcome:
    kind: str
    committed: bool
    results: list[RowResult]
    warnings: list[str]

    def count(self, action: str) -> int:
        return sum(1 for r in self.results if r.action == action)

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.results if r.errors]

    def preview(self) -> dict:
        return {"rows": [r.as_dict() for r in self.results], "warnings": self.warnings}


class ImportSpec:
    """What one record kind needs; subclasses fill the class attributes and a few hooks."""

    key: str
    label: str
    model: type
    columns: list[Column]
    form_class: type
    update_form_class: type | None = None
    filterset_class: type | None = None
    export_select_related: tuple = ()
    list_url_name: str = ""
    natural_key: NaturalKey
    pillar: str  # an ali_party.pillars.Pillar: the index page lists the kinds in the pillars' order
    # Values make_form reads from `values` (resolved by resolve_extra, e.g. the campaign of a
    # result): a row that lacks one has its problems reported without building its form.
    form_needs: tuple[str, ...] = ()

    # --- hooks -------------------------------------------------------------------------------
    def form_kwargs(self, ctx: dict, values: dict) -> dict:
        return {}

    def existing_queryset(self, actor):
        """The records a row may name (by 系统编号 or natural key); with what their export reads."""
        return self.model.objects.visible_to(actor).select_related(*self.export_select_related)

    def key_of_object(self, obj):
        return self.natural_key.of_object(obj)

    def key_of_row(self, values: dict):
        return self.natural_key.of_row(self, values)

    def describe(self, values: dict) -> str:
        return " ".join(str(values.get(c.field) or "") for c in self.columns[:2]).strip()

    def create(self, *, actor, form, values, ctx):
        raise NotImplementedError

    def update(self, *, actor, obj, form, values, ctx):
        raise NotImplementedError

    def extra_context(self, actor, ctx: dict) -> None:
        """Load what the spec's own lookups need (once per import)."""

    def prepare(self, ctx: dict, raws: list[dict]) -> None:
        """Load at once what the rows' checks would otherwise query row by row (`raws`: every row's
        cells by column header, before any parsing)."""

    # Batched creations (see the module docstring): a spec that sets batch_creates implements both.
    batch_creates = False

    def check_create(self, *, actor, form, values, ctx):
        """Every check of `create`, same exceptions, nothing saved: returns the object to save."""
        raise NotImplementedError

    def create_batch(self, *, actor, objs: list, ctx) -> list[int]:
        """Save objects from check_create; returns the positions of those the database refused."""
        raise NotImplementedError

    # Whether rows may be refused because their natural key is registered outside the user's scope
    # (the members' ID numbers are unique across the whole prefecture): such answers are rationed
    # (services._check_registered_elsewhere, issue 17 item 8).
    checks_registered_elsewhere = False

    def registered_outside_scope(self, actor, headers: list[str], rows: list[tuple[int, list]]) -> int:
        """How many distinct keys of the file are registered outside the actor's scope."""
        return 0

    def row_warnings(self, obj, ctx: dict) -> list[str]:
        """Warnings about a row saved as it is (the page shows the same after a save)."""
        return []

    def resolve_extra(self, values: dict, data: dict, ctx: dict) -> None:
        """Resolve spec-level values (e.g. the campaign of a result); raise CellError to refuse.
        values[RECORD] is the stored record the row names by 系统编号, if any: where the row's cells
        still fit it, its own related records are taken (a name that names two stays the one)."""

    def make_form(self, data: dict, instance, actor, ctx: dict, values: dict):
        """The row's form: the create form, or the edit form on a copy of the existing record."""
        kwargs = self.form_kwargs(ctx, values)
        if instance is not None:
            return (self.update_form_class or self.form_class)(data, instance=instance, user=actor, **kwargs)
        return self.form_class(data, user=actor, **kwargs)

    def prototype(self, actor, ctx: dict):
        """An unbound form whose scoped choice querysets are loaded once (None: the spec loads them)."""
        return self.form_class(user=actor, **self.form_kwargs(ctx, {}))

    def before_update(self, obj, values: dict) -> None:
        """Refuse (ValidationError) a change the edit page does not allow, e.g. moving a member."""

    def export_queryset(self, actor):
        return self.model.objects.visible_to(actor).select_related(*self.export_select_related)

    # --- derived -----------------------------------------------------------------------------
    @property
    def headers(self) -> dict[str, Column]:
        return {normalize_header(c.header): c for c in self.columns}

    def column_for_field(self, name: str) -> Column | None:
        for column in self.columns:
            if column.field == name:
                return column
        return None

    def field_header(self, name: str) -> str:
        column = self.column_for_field(name)
        if column is not None:
            return column.header
        if name in (None, NON_FIELD_ERRORS):
            return "整行"
        try:
            return str(self.model._meta.get_field(name).verbose_name)
        except Exception:
            return "整行"

    def example_row(self) -> list:
        return [c.example for c in self.columns]


# ---------------------------------------------------------------------------------------------
# the engine


def bound_copy(form, data: dict):
    """The unbound `form` bound to one row's `data`, sharing its field objects.

    Django's form __init__ deep-copies every field, widget and choice list (so that one form may
    change its fields without touching another's): about half the time of a member row. A form
    built once per import with the same arguments gives the same fields and clean methods; this is
    only for a form whose fields no row changes (a create form; not an edit form, whose fields
    depend on the record). A ModelForm's copy also shares the (new, never saved) instance: rows do
    not write to it, as process_row turns off _post_clean, the one step that would.
    """
    bound = copy.copy(form)
    bound.data, bound.files, bound.is_bound = data, {}, True
    bound._errors, bound._bound_fields_cache = None, {}
    return bound


def _labeler_for(model, ctx):
    if model is Area:
        return area_labeler(ctx.setdefault("_area_names", area_names_by_path()))
    if model is PartyOrganization:
        return organization_labels
    if lookup_hash_field(model) is not None:
        return member_labels
    return default_labels


def build_context(spec: ImportSpec, actor) -> dict:
    """Everything loaded once per import: choice caches of the prototype form and the existing rows."""
    ctx: dict = {"actor": actor, "caches": {}, "choice_lookups": {}}
    spec.extra_context(actor, ctx)
    prototype = None
    for column in spec.columns:
        if column.type not in ("fk", "member") or not column.form_field or column.field in ctx["caches"]:
            continue
        prototype = prototype or spec.prototype(actor, ctx)
        form_field = prototype.fields[column.field]
        # Whole rows (a page's form may load only what its options show): labels read more fields.
        queryset = form_field.queryset.defer(None)
        if queryset.model is PartyOrganization:
            queryset = queryset.select_related("area")
        elif queryset.model._meta.label == "cadres.PartyMember":
            queryset = queryset.select_related("organization__area")
        ctx["caches"][column.field] = ChoiceCache(queryset, _labeler_for(queryset.model, ctx))
    ctx["existing"], ctx["by_pk"] = {}, {}
    for obj in spec.existing_queryset(actor):
        ctx["existing"].setdefault(spec.key_of_object(obj), obj)
        ctx["by_pk"][obj.pk] = obj
    ctx.setdefault("_area_names", {})
    return ctx


def _parse_cell(column: Column, raw, ctx):
    """(python value, form data) of one cell — the form data is text, or the date itself for a
    date; raises CellError."""
    kind = column.type
    if kind == "date":
        # The form's DateField takes the date itself (no second parse of the text).
        value = cells.parse_date(raw)
        return value, value if value else ""
    if kind == "int":
        value = cells.parse_int(raw)
        return value, "" if value is None else str(value)
    if kind == "decimal":
        text = cells.parse_decimal(raw)
        return text, text
    if kind == "bool":
        value = cells.parse_bool(raw)
        return value, "on" if value else ""
    if kind == "idnumber":
        text = cells.parse_id_number(raw)
        return text, text
    text = cells.clean_text(raw)
    if kind == "choice":
        if not text:
            return "", ""
        lookup = ctx["choice_lookups"].get(column.header)
        if lookup is None:  # label or value → value, the first choice in order wins
            lookup = ctx["choice_lookups"][column.header] = {}
            for value, label in column.choices:  # read as a cell is (NFKC: "（" is "(")
                lookup.setdefault(cells.clean_text(label), value)
                lookup.setdefault(cells.clean_text(value), value)
        if text in lookup:
            return lookup[text], str(lookup[text])
        raise cells.CellError(_("“%(text)s”不是可选项，应为：%(choices)s。") % {"text": text, "choices": "、".join(map(str, column.choice_labels()))})
    if kind == "member":
        number = cells.parse_id_number(raw)
        if not number:
            return None, ""
        members = ctx["caches"][column.field]
        obj = members.by_label.get(lookup_hash_field(members.model).hash_of(number))
        if obj is None or obj is AMBIGUOUS:
            raise cells.CellError(_("找不到身份证号码为该号码的党员，或该党员不在您的管辖范围内。"))
        return obj, str(obj.pk)
    if kind == "fk":
        if not text:
            return None, ""
        cache = ctx["caches"].get(column.field) or ctx["caches"].get(f"_{column.field}")
        if cache is None:
            return text, text
        obj = cache.resolve(text, column.header)
        return obj, str(obj.pk)
    return text, text


def _add_errors(result: RowResult, spec: ImportSpec, error, skip_fields=()) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            if name in skip_fields:
                continue
            for message in ValidationError(errors).messages:
                result.errors.append([spec.field_header(name), message])
    elif isinstance(error, ValidationError):
        for message in error.messages:
            result.errors.append(["整行", message])
    else:
        result.errors.append(["整行", str(error)])


def _form_errors(result: RowResult, spec: ImportSpec, form, skip_fields) -> None:
    for name, errors in form.errors.items():
        if name in skip_fields:
            continue
        name = None if name == NON_FIELD_ERRORS else name
        for message in errors:
            result.errors.append([spec.field_header(name), str(message)])


def _patch_choice_fields(form, ctx) -> None:
    for name, cache in ctx["caches"].items():
        form_field = form.fields.get(name)
        if getattr(form_field, "_import_cache", None) is cache:
            continue  # a field shared by the rows (bound_copy) is patched once
        if isinstance(form_field, forms.ModelChoiceField) and not isinstance(
                form_field, forms.ModelMultipleChoiceField):
            form_field.to_python = cache.to_python_for(form_field)
            form_field._import_cache = cache


def _changed_fields(spec: ImportSpec, obj, form) -> list[str]:
    changed = []
    for name, value in form.cleaned_data.items():
        column = spec.column_for_field(name)
        if column is None or not column.form_field:
            continue
        current = getattr(obj, name, None)
        if hasattr(current, "pk") or hasattr(value, "pk"):
            current, value = getattr(current, "pk", current), getattr(value, "pk", value)
        if (current in (None, "") and value in (None, "")) or current == value:
            continue
        if isinstance(value, str) and str(current) == value:
            continue
        changed.append(column.header)
    return changed


def _stored_cell(column: Column, obj):
    """(value, form data) of a cell that stands for `obj`'s stored value, as _parse_cell gives them."""
    value = column.stored(obj) if column.stored is not None else getattr(obj, column.field, None)
    if hasattr(value, "pk"):
        return value, str(value.pk)
    if value is None:
        return None, ""
    if column.type == "bool":
        return bool(value), "on" if value else ""
    if isinstance(value, datetime.date):
        return value, value
    return value, str(value)


def _keeps_stored(column: Column) -> bool:
    """Whether a cell that still holds the record's export stands for the stored value (every form
    field; a spec-level column that declares `stored`)."""
    return column.form_field or column.stored is not None


def _record_of_row(spec: ImportSpec, ctx: dict, raw: dict, result: RowResult):
    """The stored record the row's 系统编号 names (None: the row has none, or it names none)."""
    text = cells.clean_text(raw.get(RECORD_ID_HEADER))
    if not text:
        return None
    pk = parse_record_id(spec.key, text)
    obj = ctx["by_pk"].get(pk) if pk is not None else None
    if obj is None:
        result.errors.append([RECORD_ID_HEADER, _(
            "系统编号“%(text)s”不是本系统中您管辖范围内的%(kind)s记录（系统编号只在导出它的系统中有效，请勿修改；"
            "新增记录请留空）。") % {"text": text, "kind": spec.label}])
    return obj


def _parse_row(spec: ImportSpec, ctx: dict, raw: dict, record, result: RowResult):
    """Every cell of the row, each problem reported with its column: (values, form data, bad fields)."""
    values, data, bad = {}, {}, set()
    for column in spec.columns:
        if column.header not in raw:
            continue
        cell = raw[column.header]
        try:
            if (record is not None and _keeps_stored(column)
                    and same_cell(cell, export_value(column, record, ctx["_area_names"]))):
                value, text = _stored_cell(column, record)
            elif column.masked and "*" in cells.clean_text(cell):
                raise cells.CellError(_(MASKED_MESSAGE) % {"header": column.header})
            else:
                value, text = _parse_cell(column, cell, ctx)
        except cells.CellError as error:
            result.errors.append([column.header, str(error)])
            bad.add(column.field)
            continue
        values[column.field] = value
        if column.form_field:
            data[column.field] = text
    return values, data, bad


def _model_errors(result: RowResult, spec: ImportSpec, form, bad: set) -> None:
    """The model's rules (clean(), field validators, uniqueness) for a row that already has problems
    (it is never saved): what the service's full_clean() would say as well, reported in the same
    preview instead of on the next upload. The fields already refused are left out."""
    if not isinstance(form, forms.ModelForm) or not hasattr(form, "cleaned_data"):
        return
    reported = set(form.errors)
    for name in bad:
        if name in form.fields and name not in form.errors:
            form.errors[name] = form.error_class(["—"])
    form.instance = copy.copy(form.instance)  # a shared instance (bound_copy) is never written to
    type(form)._post_clean(form)
    for name, errors in form.errors.items():
        if name in reported or name in bad:
            continue
        for message in errors:
            result.errors.append([spec.field_header(None if name == NON_FIELD_ERRORS else name), str(message)])


def _dedupe(errors: list[list[str]]) -> list[list[str]]:
    seen, kept = set(), []
    for error in errors:
        if tuple(error) not in seen:
            seen.add(tuple(error))
            kept.append(error)
    return kept


def process_row(spec: ImportSpec, ctx: dict, number: int, raw: dict, seen: dict) -> RowResult:
    """One row: every cell, the record it names, its form, and (when all of that passed) its service.

    Every problem of the row is reported, each with its column (not only the first): a cell that
    cannot be read leaves its field out of the later checks, and the rest of the row still goes
    through the form and the model's rules."""
    actor = ctx["actor"]
    result = RowResult(row=number)
    record = _record_of_row(spec, ctx, raw, result)
    values, data, bad = _parse_row(spec, ctx, raw, record, result)
    if record is not None:
        values[RECORD] = record
    resolved = True
    try:
        spec.resolve_extra(values, data, ctx)
    except cells.CellError as error:
        result.errors.append(["整行", str(error)])
        resolved = False
    result.label = spec.describe(values)
    key = None
    if resolved and not bad & spec.natural_key.fields(spec.model):
        key = spec.key_of_row(values)
    existing = record
    if existing is None and key is not None and not cells.clean_text(raw.get(RECORD_ID_HEADER)):
        existing = ctx["existing"].get(key)
    # One record, one row. A row is the stored record it names (by 系统编号, or by its key) and its
    # key; a row named by 系统编号 is checked by that only (two stored records may share a key: two
    # people of one name), its key kept for the rows that follow.
    identities = [("record", existing.pk)] if existing is not None else []
    if key is not None and record is None:
        identities.append(key)
    earlier = next((seen[identity] for identity in identities if identity in seen), None)
    if earlier is not None:
        result.errors.append(["整行", _("与第%(row)d行是同一条记录，请合并后再导入。") % {"row": earlier}])
    else:
        for identity in identities:
            seen[identity] = number
        if key is not None:
            seen.setdefault(key, number)
    if not resolved or any(name not in values for name in spec.form_needs):
        result.errors = _dedupe(result.errors)
        result.action = "error"
        return result

    form = spec.make_form(data, copy.copy(existing) if existing is not None else None, actor, ctx, values)
    _patch_choice_fields(form, ctx)
    if isinstance(form, forms.ModelForm):
        # The model's rules (clean(), constraints, uniqueness) are checked once, by the service's
        # full_clean() a few lines below, in the same row; a ModelForm would run them a second time
        # (about half the queries of a row). Field cleaning and the form's clean() still run here.
        form._post_clean = lambda: None
    # What the file does not carry (a column left out, attendees, a pairing …) keeps its stored
    # value on an update and takes the page's default on a new record, as an untouched form field would;
    # so does a blank cell of a required field that has a default (职业类别 → 农牧民). A cell that
    # could not be read is left out in the same way (its problem is reported already).
    # A row with problems already: a field that no column fills and the spec could not resolve
    # (an expenditure's allocation, when its village cell was refused) is a consequence, not news.
    if result.errors:
        bad |= {name for name in form.fields if name not in data and spec.column_for_field(name) is None}
    for name, form_field in form.fields.items():
        if isinstance(form_field, forms.FileField):
            continue
        if name not in data or (data[name] in ("", None) and form_field.required):
            initial = form.get_initial_for_field(form_field, name)
            if initial not in (None, "", []) or name not in data:
                data[name] = initial
    if not form.is_valid():
        _form_errors(result, spec, form, bad)
    if result.errors:
        _model_errors(result, spec, form, bad)
        result.errors = _dedupe(result.errors)
        result.action = "error"
        return result
    try:
        if existing is not None:
            spec.before_update(existing, values)
            result.changes = _changed_fields(spec, existing, form)
            if not result.changes:
                result.action = "unchanged"
                return result
            obj = spec.update(actor=actor, obj=existing, form=form, values=values, ctx=ctx)
            result.warnings = spec.row_warnings(obj, ctx)
            result.action = "update"
        elif spec.batch_creates:
            # (Not kept in ctx["existing"]: a later row with the same key is refused by `seen`.)
            ctx["pending"].append((result, spec.check_create(actor=actor, form=form, values=values, ctx=ctx)))
            result.action = "create"
        else:
            obj = spec.create(actor=actor, form=form, values=values, ctx=ctx)
            if key is not None:
                ctx["existing"][key] = obj
            result.warnings = spec.row_warnings(obj, ctx)
            result.action = "create"
    except ValidationError as error:
        _add_errors(result, spec, error)
    except (PermissionDenied, Http404):
        result.errors.append(["整行", _(SCOPE_MESSAGE)])
    except IntegrityError:
        result.errors.append(["整行", _(CONFLICT_MESSAGE)])
    if result.errors:
        result.errors = _dedupe(result.errors)
        result.action = "error"
    return result


def _insert_pending(spec: ImportSpec, ctx: dict) -> None:
    """Insert the checked new rows kept so far; a row the database refuses gets the error the
    row-by-row path gives it."""
    pending, ctx["pending"] = ctx["pending"], []
    if not pending:
        return
    for position in spec.create_batch(actor=ctx["actor"], objs=[obj for _result, obj in pending], ctx=ctx):
        result = pending[position][0]
        result.errors.append(["整行", _(CONFLICT_MESSAGE)])
        result.action = "error"


def import_rows(*, actor, kind: str, headers: list[str], rows: list[tuple[int, list]], commit: bool,
                progress: Callable[[int, int], None] | None = None, progress_every: int = 200) -> ImportOutcome:
    """Validate (commit=False: everything is rolled back) or commit (all rows or none) an import.

    `headers` are the sheet's column titles, `rows` the (row number, values) pairs. Raises
    RefusedFile when a required column is missing (nothing is read then).
    """
    spec = get_spec(kind)
    known = spec.headers
    present = {normalize_header(h) for h in headers}
    missing = [c.header for c in spec.columns if c.required and normalize_header(c.header) not in present]
    if missing:
        raise RefusedFile(_("缺少必填列：%s。请使用本系统下载的模板，不要删除或改动列标题。") % "、".join(missing))
    warnings = []
    unknown = [h for h in headers if h and h not in known and h not in (RECORD_ID_HEADER, PROBLEMS_HEADER)]
    if unknown:
        warnings.append(_("以下列不是本模板的列，已忽略：%s。") % "、".join(unknown))
    positions = [(i, known[h]) for i, h in enumerate(headers) if h in known]
    record_position = headers.index(RECORD_ID_HEADER) if RECORD_ID_HEADER in headers else None
    # The template's example row (row 2) is skipped if left as is. Columns whose example the template
    # fills from the user's own choices (a catalogue entry) are not compared.
    example = [(c.header, cells.clean_text(c.example)) for c in spec.columns if c.example not in ("", None)]
    total = len(rows)
    results: list[RowResult] = []
    raws = []
    for done, (number, values) in enumerate(rows, start=1):
        raw = {column.header: values[i] for i, column in positions}
        if record_position is not None:
            raw[RECORD_ID_HEADER] = values[record_position]
        if all(cells.clean_text(raw.get(header)) == value for header, value in example):
            warnings.append(_("第%(row)d行是模板中的示例，已跳过。") % {"row": number})
            continue
        raws.append((done, number, raw))
    try:
        with transaction.atomic():
            ctx = build_context(spec, actor)
            ctx["pending"] = []
            spec.prepare(ctx, [raw for _done, _number, raw in raws])
            seen: dict = {}
            for done, number, raw in raws:
                results.append(process_row(spec, ctx, number, raw, seen))
                if len(ctx["pending"]) >= BATCH_SIZE:
                    _insert_pending(spec, ctx)
                if progress is not None and done % progress_every == 0:
                    progress(done, total)
            _insert_pending(spec, ctx)
            failed = any(r.errors for r in results)
            if not commit or failed:
                transaction.set_rollback(True)
    except DatabaseError as error:  # the database refused the batch itself: nothing is kept
        raise RefusedFile(_("数据库拒绝了本次导入，数据未改动：%s") % error.__class__.__name__) from None
    if progress is not None:
        progress(total, total)
    warnings += [_("第%(row)d行（%(label)s）：%(warning)s") % {"row": r.row, "label": r.label, "warning": w} for r in results if not r.errors for w in r.warnings]
    committed = commit and not any(r.errors for r in results)
    return ImportOutcome(kind=kind, committed=committed, results=results, warnings=warnings)
