from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class DataexchangeConfig(AppConfig):
    name = "dataexchange"
    verbose_name = "数据导入导出"

    def ready(self):
        # Each pillar declares the import/export specs of its records in its own `exchange.py`.
        autodiscover_modules("exchange")
