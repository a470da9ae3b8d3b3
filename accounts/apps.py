from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "账户与权限"

    def ready(self):
        from . import signals  # noqa: F401  (connects the login/logout receivers)
        from .audit import tidy_registry

        # After auditlog's ready (it comes first in INSTALLED_APPS), which registered every model.
        tidy_registry()
