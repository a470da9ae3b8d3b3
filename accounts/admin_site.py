"""/django-admin/: this project's catalogues (activity kinds, meeting kinds, fund sources …), for
system admins only, and never a business record.

- Models with a scope (`scope_area_field`, ali_party.scoping) are left out even when an app's
  admin.py registers them: their rows are seen and changed only through the scoped pages, so a
  superuser (whose Django permissions are all True) gets no business scope here either.
- Only the project's own apps' models are shown: not the change log (the auditor's), the second
  factor devices (their keys), the lock-out records (unlocked on the accounts page) or groups.
- Only an active staff account whose role is system admin may enter (OTP applies as everywhere).
The site is mounted only when settings.DJANGO_ADMIN_ENABLED is on (ali_party/urls.py)."""
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.db.models.base import ModelBase
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import Role

PROJECT_APPS = {"accounts", "branches", "cadres", "activities", "capacity", "evaluations", "funding",
                "orglife", "dues", "indicators", "dataexchange"}


def is_business_model(model) -> bool:
    return hasattr(model, "scope_area_field")


def belongs_on_site(model) -> bool:
    return model._meta.app_label in PROJECT_APPS and not is_business_model(model)


class AdminSite(admin.AdminSite):
    site_header = _("阿里党建标准化 · 目录维护")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.left_out = []  # models an admin.py registered that this site does not show

    def register(self, model_or_iterable, admin_class=None, **options):
        models = [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else list(model_or_iterable)
        kept = [model for model in models if belongs_on_site(model)]
        self.left_out += [model for model in models if not belongs_on_site(model)]
        if kept:
            super().register(kept, admin_class, **options)

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and user.role == Role.ADMIN


class AdminConfig(DjangoAdminConfig):
    default_site = "accounts.admin_site.AdminSite"
