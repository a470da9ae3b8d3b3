"""Signals the pillars send and higher layers receive, so that a pillar need not import them."""
from django.dispatch import Signal

# Rows inserted by bulk_create (which sends no post_save): sender is the model, `objs` the rows,
# saved and with their primary keys. Sent by the service that inserted them, inside its
# transaction; indicators.receivers marks what those rows count in as stale.
bulk_saved = Signal()
