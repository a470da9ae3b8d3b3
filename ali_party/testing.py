"""Helpers shared by the test suites (root conftest, e2e, faults)."""


# The data migrations that seed catalogues (idempotent: get_or_create / update_or_create).
CATALOGUE_SEEDS = [
    ("branches.migrations.0002_problemcategory_designationkind_rectification_and_more", "seed_catalogues"),
    ("activities.migrations.0002_activity_kind_catalogue", "seed"),
    ("evaluations.migrations.0002_meeting_kinds", "seed"),
    ("funding.migrations.0002_catalogues", "seed_catalogues"),
]


def reseed_catalogues() -> None:
    """Run the catalogue-seeding migrations again (a transactional test's flush empties tables)."""
    from importlib import import_module

    from django.apps import apps as django_apps
    for module, function in CATALOGUE_SEEDS:
        getattr(import_module(module), function)(django_apps, None)
