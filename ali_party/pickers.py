"""Search-driven pickers: one JSON endpoint for every kind of related row a form lets you choose
(members, organizations, areas …), so that a form renders only the chosen option(s) instead of
every row in the user's scope (445,000 members at `tibet` scale).

- Each pillar registers its kinds in its own `pickers.py` (found by `autodiscover_modules` in
  `AliPartyConfig.ready`): `register(PickerKind(...))`. A higher pillar may add a narrowing
  parameter to a lower pillar's kind with `add_param` (evaluations' `campaign=` on members).
- `pick_view` (URL `pickers:pick`, `/pick/<kind>/?q=…`) answers the first `LIMIT` rows of
  `Model.objects.visible_to(user)` whose searched fields contain `q`, in a fixed order, each with a
  label that tells namesakes apart. Only the parameters the kind lists are read; a bad value is a 400.
- `ali_party.generic.limit_choices_to_scope` gives every ModelChoiceField of a registered model a
  `SearchSelect` widget (ali_party/widgets.py) pointing here; `picker_params` tells the widget the
  form's own restriction (villages only, members on a day …) so that the picker offers what the form
  accepts. The form field's queryset stays the validation: a posted key outside it is refused.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from django.apps import apps
from django.db.models import Model, Q, QuerySet

from ali_party.params import parse_id

LIMIT = 20


class BadParam(ValueError):
    """A narrowing parameter whose value cannot be read (the view answers 400)."""


def parse_pk(value: str) -> int:
    number = parse_id(value)
    if number is None:
        raise BadParam(value)
    return number


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise BadParam(value) from error


def parse_flag(value: str) -> bool:
    if value not in ("0", "1"):
        raise BadParam(value)
    return value == "1"


@dataclass(frozen=True)
class Param:
    """One whitelisted narrowing parameter: `parse` reads the text (raises BadParam), `apply`
    narrows the already scoped queryset. `apply(queryset, value, user)`: anything it looks up
    besides the queryset itself must be looked up in the user's scope too."""

    parse: Callable[[str], Any]
    apply: Callable[[QuerySet, Any, Any], QuerySet]


@dataclass(frozen=True)
class PickerKind:
    """A kind of row a picker offers.

    `search`: the fields whose text contains the query (OR); `order_by`: a total order (ends with
    the key) so that the same question gives the same answer; `only` / `select_related`: what the
    labels read (never an encrypted field: no ID number or phone is decrypted for a picker);
    `labels(objects, user)`: one label per object, allowed one query of its own for all of them.
    """

    name: str
    model: str  # "app_label.ModelName"
    search: tuple[str, ...]
    order_by: tuple[str, ...]
    labels: Callable[[list, Any], list[str]]
    only: tuple[str, ...] = ()
    select_related: tuple[str, ...] = ()
    params: dict[str, Param] = field(default_factory=dict)

    def get_model(self) -> type[Model]:
        return apps.get_model(self.model)

    def all_params(self) -> dict[str, Param]:
        return {**self.params, **_EXTRA_PARAMS.get(self.name, {})}

    def shaped(self, queryset: QuerySet) -> QuerySet:
        """`queryset` reading only what the labels need, in the kind's order."""
        queryset = queryset.defer(None)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.only:
            queryset = queryset.only(*self.only)
        return queryset.order_by(*self.order_by)

    def narrowed(self, user, query: str, params: dict[str, str]) -> QuerySet:
        """The rows of the user's scope matching `query` and `params` (raises BadParam)."""
        queryset = self.get_model().objects.visible_to(user)
        known = self.all_params()
        for key, text in params.items():
            if key not in known:
                raise BadParam(key)
            if text == "":
                continue
            param = known[key]
            queryset = param.apply(queryset, param.parse(text), user)
        # NUL cannot be sent to PostgreSQL in a string; runs of spaces are one space.
        query = " ".join(query.replace("\x00", "").split())[:50]
        if query:
            condition = Q()
            for name in self.search:
                # Case-sensitive: the names are Chinese (no case), and LIKE is cheaper than UPPER() LIKE.
                condition |= Q(**{f"{name}__contains": query})
            queryset = queryset.filter(condition)
        return queryset

    def results(self, user, query: str, params: dict[str, str]) -> dict:
        # Two steps: the keys first, in the kind's order (a search that finds little can then be
        # answered from an index alone, members.name + id + organization), then the labelled rows.
        keys = list(self.narrowed(user, query, params).order_by(*self.order_by)
                    .values_list("pk", flat=True)[: LIMIT + 1])
        more, keys = len(keys) > LIMIT, keys[:LIMIT]
        rows = {row.pk: row for row in self.shaped(self.get_model().objects.filter(pk__in=keys))} if keys else {}
        rows = [rows[key] for key in keys if key in rows]
        return {"results": [{"value": row.pk, "text": text}
                            for row, text in zip(rows, self.labels(rows, user))],
                "more": more}


_KINDS: dict[str, PickerKind] = {}
_EXTRA_PARAMS: dict[str, dict[str, Param]] = {}


def register(kind: PickerKind) -> PickerKind:
    if kind.name in _KINDS and _KINDS[kind.name] != kind:
        raise ValueError(f"picker kind {kind.name!r} registered twice")
    _KINDS[kind.name] = kind
    return kind


def add_param(kind_name: str, name: str, param: Param) -> None:
    """A parameter that a higher pillar adds to a lower one's kind (it knows the lower one; not
    the other way round)."""
    _EXTRA_PARAMS.setdefault(kind_name, {})[name] = param


def get_kind(name: str) -> PickerKind | None:
    return _KINDS.get(name)


def kind_for_model(model) -> PickerKind | None:
    label = model._meta.label
    return next((kind for kind in _KINDS.values() if kind.model == label), None)


def all_kinds() -> list[PickerKind]:
    return list(_KINDS.values())


def picker_params(form_field, **params) -> None:
    """Tell a picker field's widget the form's own restriction, as the kind's parameters
    (`picker_params(field, level="village")`). The field's queryset is the form's validation and is
    left as it is: this only makes the picker offer the same rows. A key the kind does not know is
    an error here, not a 400 in the browser."""
    widget = form_field.widget
    kind = get_kind(getattr(widget, "kind", ""))
    if kind is None:
        return  # not a picker (a small catalogue rendered as a plain select)
    unknown = set(params) - set(kind.all_params())
    if unknown:
        raise ValueError(f"picker kind {kind.name!r} has no parameter {sorted(unknown)}")
    widget.params = {**widget.params, **{key: _text(value) for key, value in params.items()}}


def picker_narrow(form_field, *, required: bool = False, **params_to_fields) -> None:
    """Narrow the picker by the current value of another field of the same form
    (`picker_narrow(field, organization="organization")`); `required`: offer nothing until it has one."""
    widget = form_field.widget
    kind = get_kind(getattr(widget, "kind", ""))
    if kind is None:
        return
    unknown = set(params_to_fields) - set(kind.all_params())
    if unknown:
        raise ValueError(f"picker kind {kind.name!r} has no parameter {sorted(unknown)}")
    widget.narrow = {**widget.narrow, **params_to_fields}
    widget.narrow_required = required


def _text(value) -> str:
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ",".join(_text(v) for v in value)
    return str(value)
