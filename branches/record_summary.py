"""One organization's record across the other five pillars, for its detail page: a fixed handful
of aggregate queries (one per pillar block), whatever the number of records.

Each pillar writes its own block, in its own `summaries.py` (`@register(Pillar.X)` on a function
of the organization and the year returning {"pillar": title, "lines": [...]}); the modules are
discovered at start-up (BranchesConfig.ready), as each app's `indicators.py` is. The page shows
the blocks in the order of the pillars.
"""
from __future__ import annotations

from typing import Callable

from ali_party.pillars import Pillar

from .models import PartyOrganization

SummaryPart = Callable[[PartyOrganization, int], dict]

_PARTS: dict[str, SummaryPart] = {}


def register(pillar: Pillar) -> Callable[[SummaryPart], SummaryPart]:
    """Register the decorated function as `pillar`'s block of an organization's record summary."""
    def decorator(part: SummaryPart) -> SummaryPart:
        if _PARTS.get(pillar, part) is not part:
            raise ValueError(f"the record summary of {pillar} is registered twice")
        _PARTS[pillar] = part
        return part
    return decorator


def organization_record_summary(organization: PartyOrganization, year: int) -> list[dict]:
    return [_PARTS[pillar](organization, year) for pillar in Pillar if pillar in _PARTS]
