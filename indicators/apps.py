from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "指标与仪表盘"

    def ready(self):
        # Each app declares its indicators in its own `indicators.py`.
        autodiscover_modules("indicators")
        from . import receivers
        receivers.connect()
        # Every page opens on the latest complete year (ali_party.years.shown_year).
        from ali_party.years import register_default_year
        from .services import latest_complete_year
        register_default_year(latest_complete_year)
