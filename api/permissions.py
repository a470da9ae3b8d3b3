from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from ali_party.scoping import scope_path


class BusinessReader(BasePermission):
    """Business roles with a scope read; system admins, security officers, auditors and accounts
    without a role get 403 (三权分立: they see no business data), as on the pages. Every endpoint is
    read-only: other methods are 405 (the views allow GET only)."""

    message = _("当前账户无权查看业务数据。")

    def has_permission(self, request, view):
        return scope_path(request.user) is not None
