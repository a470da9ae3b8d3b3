from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobilityConfig(AppConfig):
    """流动党员和失联党员."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "mobility"
    verbose_name = _("流动党员和失联党员")

    def ready(self):
        from . import reminders  # noqa: F401  registers the floating and lost-contact reminders
