from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualstatsConfig(AppConfig):
    """党内统计年报."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "annualstats"
    verbose_name = _("党内统计年报")
