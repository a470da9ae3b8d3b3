from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    """发展党员纪实."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "development"
    verbose_name = _("发展党员纪实")

    def ready(self):
        from . import reminders  # noqa: F401  registers the development reminders (ali_party.reminders)
