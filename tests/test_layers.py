"""No imports back up the layers (issue 21, item 3), read from the source with `ast`.

Bottom to top: ali_party (shared pieces), branches (the organization tree), the pillars (cadres,
activities, capacity, evaluations, funding, and branches' own organization records), then
indicators and dataexchange, which serve every pillar. Where a lower layer needs something from
the pillars, the pillars register it: their `indicators.py`, `summaries.py` (an organization's
record summary) and `exchange.py` (import/export specs) are the only modules that import the
registry above them. Imports between pillars are listed here one by one: a new one is a decision,
not an accident.
"""
from __future__ import annotations

from ali_party.pillars import RECORD_APPS
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PILLARS = RECORD_APPS
# Above the pillars: the registries the pillars register their parts with, and what reads every pillar.
PROJECT_APPS = ("accounts", "ali_party", *PILLARS, "indicators", "dataexchange", "earlywarning", "annualstats", "api")

# The organization tree (Area, PartyOrganization) is what every layer above ali_party stands on.
TREE = "branches.models"

# A registry above the pillars -> the one module of a pillar that may import it.
REGISTRATION_MODULES = {"indicators": "indicators.py", "dataexchange": "exchange.py",
                        "branches.record_summary": "summaries.py"}

# Imports of one pillar's modules by another, beyond the tree (app -> modules it may import).
PILLAR_TO_PILLAR = {
    # A branch's member counts are counted from the members (branches.selectors); to move down
    # with the rest of issue 21.
    "branches": {"cadres.models", "cadres.dates"},
    # Capacity counts the activities held under its pairings and its demo adds them; record_urls
    # (activities.views.base) is moving to ali_party.
    "capacity": {"activities", "activities.models", "activities.selectors", "activities.services",
                 "activities.views.base"},
    # A democratic evaluation rates party members.
    "evaluations": {"cadres.models", "cadres.selectors"},
    # A term's elected members are party members; its dates use the development procedure's calendar.
    "orglife": {"cadres.models", "cadres.dates"},
    # Dues are owed by party members, month by month in the branch they belonged to.
    "dues": {"cadres.models"},
    # Floating and lost-contact members are party members, counted where their organization was
    # on 31 December (the member figures' reconstruction) and away for calendar months.
    "mobility": {"cadres.models", "cadres.selectors", "cadres.dates"},
    # The 25 steps are recorded for party members, beside their stage dates and on the procedure's calendar.
    "development": {"cadres.models", "cadres.dates"},
    # The lapse warning reads who attended (meetings, activities) and who paid dues, month by month.
    "lapse": {"cadres.models", "evaluations.models", "activities.models", "dues.models"},
}


def modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def imported(path: Path) -> list[str]:
    """Every absolute module name the file imports, at the top or inside a function."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def app_of(module: str) -> str | None:
    top = module.split(".")[0]
    return top if top in PROJECT_APPS else None


def registry_of(module: str) -> str | None:
    for registry in REGISTRATION_MODULES:
        if module == registry or module.startswith(registry + "."):
            return registry
    return None


def refused(path: Path, app: str) -> list[str]:
    out = []
    for module in imported(path):
        target = app_of(module)
        if target is None or target == app or module == TREE or target in ("ali_party", "accounts"):
            continue
        registry = registry_of(module)
        if registry is not None and path.name == REGISTRATION_MODULES[registry]:
            continue
        if target in PILLARS and module in PILLAR_TO_PILLAR.get(app, ()):
            continue
        out.append(module)
    return out


@pytest.mark.parametrize("app", PILLARS)
def test_a_pillar_imports_no_other_pillar_or_registry_but_the_listed_ones(app):
    found = {str(path.relative_to(ROOT)): bad for path in modules(app) if (bad := refused(path, app))}
    assert not found, f"imports up or across the layers: {found}"


def test_the_record_summary_and_dataexchange_import_no_pillar():
    paths = [ROOT / "branches" / "record_summary.py", *modules("dataexchange")]
    found = {}
    for path in paths:
        bad = [m for m in imported(path) if app_of(m) in PILLARS and m != TREE]
        if bad:
            found[str(path.relative_to(ROOT))] = bad
    assert not found, f"the pillars register their parts instead: {found}"


def test_ali_party_imports_only_the_tree():
    found = {}
    for path in modules("ali_party"):
        bad = [m for m in imported(path) if app_of(m) not in (None, "ali_party") and m != TREE]
        if bad:
            found[str(path.relative_to(ROOT))] = bad
    assert not found, f"ali_party is the bottom layer: {found}"


def test_it_sees_a_forbidden_import(tmp_path):
    sample = tmp_path / "specs.py"
    sample.write_text("from cadres.models import PartyMember\n\ndef f():\n    from indicators import receivers\n")
    assert refused(sample, "funding") == ["cadres.models", "indicators"]
    registration = tmp_path / "exchange.py"
    registration.write_text("from dataexchange.specs import register\nfrom branches.models import Area\n")
    assert refused(registration, "funding") == []


def test_the_security_scan_covers_every_project_package():
    """`make security` (bandit, in .ci/run) scans the Makefile's PROJECT_CODE: an app left out of it
    is never scanned (the lifecycle apps were, until a finding in them failed nothing)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    start = makefile.index("PROJECT_CODE =")
    listed = set(makefile[start:makefile.index("\n\n", start)].replace("\\", " ").split()[2:])
    assert set(PROJECT_APPS) - listed == set()
