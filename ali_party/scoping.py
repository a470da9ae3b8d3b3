"""Row scoping in one place: which rows a user may see, and which they may change.

Every scoped model carries an Area (directly or through a relation named by the model's
`scope_area_field`), and the user is bound to one Area node. A row is visible when its area lies
under the user's node: one prefix filter on the tree's materialized path.

Outsiders get 404 (they must not learn that a row exists); users who may see a row but whose role
is read-only get 403 when they try to change it.

Only the role and its area count: `is_superuser` and `is_staff` give no business scope here (and
/django-admin/ leaves every scoped model out, accounts.admin_site).
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    """A user's role now. GB/T 22239-2019's three administrators (三权分立) are ADMIN (系统管理员:
    accounts and the tree), SECURITY_OFFICER (安全管理员: approves every role grant and every
    one-time password code) and AUDITOR (审计管理员: reads the audit log). NONE: an account whose
    requested role is not approved yet (or was never requested) — it sees nothing."""
    ADMIN = "admin", pgettext_lazy("role", "系统管理员")
    PREFECTURE_STAFF = "prefecture_staff", pgettext_lazy("role", "地委组织部工作人员")
    PREFECTURE_VIEWER = "prefecture_viewer", pgettext_lazy("role", "地区查看人员(只读)")
    COUNTY_CLERK = "county_clerk", pgettext_lazy("role", "县委组织部录入员")
    TOWNSHIP_CLERK = "township_clerk", pgettext_lazy("role", "乡镇录入员")
    AUDITOR = "auditor", pgettext_lazy("role", "安全审计员")
    SECURITY_OFFICER = "security_officer", pgettext_lazy("role", "安全管理员")
    NONE = "none", pgettext_lazy("role", "未授权")


BUSINESS_READ_ROLES = {
    Role.PREFECTURE_STAFF, Role.PREFECTURE_VIEWER, Role.COUNTY_CLERK, Role.TOWNSHIP_CLERK,
}
BUSINESS_WRITE_ROLES = {Role.PREFECTURE_STAFF, Role.COUNTY_CLERK, Role.TOWNSHIP_CLERK}


def scope_path(user) -> str | None:
    """The tree path under which `user` may read business data, or None for no access at all.

    System admins and auditors see no business data (separation of duties).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if user.role not in BUSINESS_READ_ROLES or user.scope_area_id is None:
        return None
    return user.scope_area.path


def within_scope(queryset, user, path_lookup: str = "path"):
    """`queryset` narrowed to the rows whose tree path (`path_lookup`) lies under the user's scope:
    one prefix filter, or no rows (and no query) without a scope. The one filter behind every
    `visible_to`, of the scoped records and of the tree itself (branches.models.AreaQuerySet)."""
    path = scope_path(user)
    if path is None:
        return queryset.none()
    return queryset.filter(**{f"{path_lookup}__startswith": path})


def has_role(user, *roles: Role) -> bool:
    """True when `user` is signed in and holds one of `roles` now: every role check outside the
    business scope (system admin pages, the security officer's approvals, the auditor's log …)."""
    return bool(getattr(user, "is_authenticated", False)) and user.role in roles


def can_write(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role in BUSINESS_WRITE_ROLES


def area_visible(user, area) -> bool:
    path = scope_path(user)
    return path is not None and area is not None and area.path.startswith(path)


def require_visible(user, area) -> None:
    """Raise Http404 when `area` is outside the user's scope."""
    if not area_visible(user, area):
        raise Http404


def require_editable(*, actor, area) -> None:
    """The one check every write goes through: 404 outside the scope, 403 for read-only roles."""
    require_visible(actor, area)
    if not can_write(actor):
        raise PermissionDenied(gettext("当前角色只能查看，不能修改数据。"))


def _resolve(obj, dotted: str):
    for part in dotted.split("__"):
        obj = getattr(obj, part)
    return obj


def area_of(obj):
    """The Area a scoped object belongs to (follows the model's `scope_area_field`)."""
    return _resolve(obj, obj.scope_area_field)


class ScopedQuerySet(models.QuerySet):
    """Base queryset for every scoped model. The model names its area with `scope_area_field`."""

    def _area_lookup(self) -> str:
        return getattr(self.model, "scope_area_field", "area")

    def visible_to(self, user):
        return within_scope(self, user, f"{self._area_lookup()}__path")

    def editable_by(self, user):
        if not can_write(user):
            return self.none()
        return self.visible_to(user)

    def limit_to_areas(self, column: str, area_ids):
        """The rows of a GROUP BY on `column` (an Area id) that fall in `area_ids` (the incremental
        recompute, indicators.engine.selector_rows).

        A column reached through a foreign key (`organization__area_id`) also gets the same
        condition on the key itself (`organization_id IN (the organizations there)`), which an
        index on the big table can answer. A model may add its own such condition.
        """
        rows = self.filter(**{f"{column}__in": area_ids})
        first, _, rest = column.partition("__")
        try:
            field = self.model._meta.get_field(first)
        except FieldDoesNotExist:
            return rows
        if rest and field.many_to_one:
            keys = list(field.related_model._base_manager.filter(**{f"{rest}__in": area_ids})
                        .values_list("pk", flat=True))
            rows = rows.filter(**{f"{field.attname}__in": keys})
        return rows

    def under(self, area):
        """Rows whose area is `area` or lies under it (dashboard drill-down)."""
        return self.filter(**{f"{self._area_lookup()}__path__startswith": area.path})
