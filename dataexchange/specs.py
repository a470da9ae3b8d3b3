"""The registry of import/export specs: which record kinds can be imported and exported.

Each pillar declares the spec of each of its record kinds (columns, natural key, which form,
filter set and service to use) in its own `exchange.py`, registered with `@register`; those
modules are discovered at start-up (DataexchangeConfig.ready), as each app's `indicators.py` is.
SPECS lists the kinds in the order of the pillars (then in the order each app registers them).

Lookups for existing records go through `visible_to(actor)`: a row naming another county's
record is not found there and, as on the web page, is refused by the form or the service.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from ali_party.pillars import Pillar

if TYPE_CHECKING:  # the spec class is in importer.py, which reads this registry
    from .importer import ImportSpec

SPECS: dict[str, ImportSpec] = {}

_PILLAR_ORDER = {pillar: position for position, pillar in enumerate(Pillar)}


def register(spec_class: type[ImportSpec]) -> type[ImportSpec]:
    """Class decorator: add the spec of one record kind (an ImportSpec subclass) to SPECS."""
    spec = spec_class()
    if spec.key in SPECS and type(SPECS[spec.key]) is not spec_class:
        raise ValueError(f"the import/export spec {spec.key} is registered twice")
    SPECS[spec.key] = spec
    ordered = sorted(SPECS.values(), key=lambda s: _PILLAR_ORDER[s.pillar])  # stable: an app's own order
    SPECS.clear()
    SPECS.update((s.key, s) for s in ordered)
    return spec_class


def get_spec(kind: str) -> ImportSpec:
    try:
        return SPECS[kind]
    except KeyError:
        raise Http404 from None
