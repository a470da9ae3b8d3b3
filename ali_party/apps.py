from django.apps import AppConfig


class AliPartyConfig(AppConfig):
    """The project's shared package as an app, so that its system checks are registered."""

    name = "ali_party"
    verbose_name = "阿里党建标准化（公共部分）"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401  (registers the checks)
        autodiscover_modules("pickers")  # each pillar's pickers.py registers its kinds (ali_party/pickers.py)
