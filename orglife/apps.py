from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

class OrglifeConfig(AppConfig):
    """组织换届 (organization lifecycle): the terms of the organizations' leaderships."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "orglife"
    verbose_name = _("组织换届")

    def ready(self):
        from . import reminders  # noqa: F401  registers the term reminders (ali_party.reminders)
