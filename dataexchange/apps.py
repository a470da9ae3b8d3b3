from django.apps import AppConfig


class DataexchangeConfig(AppConfig):
    name = "dataexchange"
    verbose_name = "数据导入导出"
