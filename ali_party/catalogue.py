"""Catalogue rows (activity and meeting kinds, fund sources and purposes, designation kinds,
problem categories) shown in the active language.

Their standard entries are seeded by data migrations with Chinese names, and admins may add
more. The seeded names are messages of the .po (msgid = the stored name), so a row is shown
through `gettext(name)` at display time: an English user reads the English name of a standard
entry, and a name an admin added (no entry in the .po) shows as typed. The stored name stays the
one key the import files and the admin pages use, so nothing is stored twice.
"""
from django.utils.translation import gettext


class TranslatedName:
    """Mixin for a catalogue model with a `name`: str() is the name in the active language."""

    name: str

    def __str__(self):
        return gettext(self.name) if self.name else ""

    @property
    def display_name(self) -> str:
        return str(self)
