from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class BranchesConfig(AppConfig):
    name = "branches"
    verbose_name = "基本组织"

    def ready(self):
        # Each pillar writes its block of an organization's record summary in its own `summaries.py`.
        autodiscover_modules("summaries")
