from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LapseConfig(AppConfig):
    """党员失联失管预警."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "lapse"
    verbose_name = _("党员失联失管预警")

    def ready(self):
        from . import reminders  # noqa: F401  registers the lapse reminders (ali_party.reminders)
