"""Loads the demo data set: the real tree, demo accounts, then each pillar's raw records, then the
indicator pipeline. Totals are never written: they come out of the recompute."""
from ali_party.pillars import RECORD_APPS
from importlib import import_module
from importlib.util import find_spec

from django.core.management import call_command

# Order matters: each pillar's demo may rely on the ones before it.
PILLAR_DEMOS = RECORD_APPS
# Then what is computed from the records before the indicators count it (scores, not records).
COMPUTED_DEMOS = ("earlywarning",)
# The demo's records start in 2019 (INDICATOR_FIRST_YEAR); every year from then through this one
# is computed, so every year a user can pick is complete.


def load_demo(*, seed: int = 2023, recompute: bool = True, stdout=None) -> None:
    call_command("load_tree", stdout=stdout)
    call_command("load_demo_accounts", stdout=stdout)
    for app in PILLAR_DEMOS:
        if find_spec(f"{app}.demo") is not None:
            import_module(f"{app}.demo").load(seed=seed)
    for app in COMPUTED_DEMOS:
        import_module(f"{app}.demo").load(seed=seed)
    if recompute:
        from indicators.services import default_years, recompute as run_recompute
        run_recompute(years=default_years())
