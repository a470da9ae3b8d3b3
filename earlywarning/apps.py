from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlywarningConfig(AppConfig):
    """软弱涣散预警."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "earlywarning"
    verbose_name = _("软弱涣散预警")
