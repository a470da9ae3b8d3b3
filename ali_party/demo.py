"""Pieces the pillars' demo loaders share (indicators.demo runs them in order): spreading a total
over villages, a random day of a year, each village's organizing party organization."""
from __future__ import annotations

import random
from datetime import date, timedelta

from branches.models import Area, PartyOrganization


def split(total: int, parts: int, rng: random.Random, minimum: int = 0) -> list[int]:
    """`parts` integers ≥ minimum adding up to exactly `total`."""
    out = [minimum] * parts
    for _ in range(total - minimum * parts):
        out[rng.randrange(parts)] += 1
    return out


def random_day(year: int, rng: random.Random, start: date | None = None) -> date:
    first = max(date(year, 1, 1), start) if start else date(year, 1, 1)
    span = (date(year, 12, 31) - first).days
    return first + timedelta(days=rng.randint(0, max(span, 0)))


def villages() -> list[Area]:
    return list(Area.objects.filter(level=Area.Level.VILLAGE).order_by("path"))


def organization_by_village(village_list: list[Area]) -> dict[int, PartyOrganization]:
    """Each village's own branch, else the closest organization above it, else one in its county."""
    orgs = list(PartyOrganization.objects.filter(status=PartyOrganization.Status.ACTIVE).select_related("area"))
    if not orgs:
        raise RuntimeError("没有党组织：请先载入基本组织的演示数据（每村一个党支部）。")
    by_path: dict[str, PartyOrganization] = {}
    for org in sorted(orgs, key=lambda o: (o.kind != PartyOrganization.Kind.BRANCH, o.pk)):
        by_path.setdefault(org.area.path, org)
    step = Area.steplen
    out = {}
    for village in village_list:
        found = None
        for end in range(len(village.path), step, -step):
            found = by_path.get(village.path[:end])
            if found:
                break
        if found is None:
            county = village.path[: 2 * step]
            found = next((o for o in orgs if o.area.path.startswith(county)), orgs[0])
        out[village.pk] = found
    return out
