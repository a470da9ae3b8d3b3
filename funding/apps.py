from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = "基本保障"
