"""django-auditlog's middleware, with the request's address from ali_party.client_address (its own
takes the first X-Forwarded-For hop, which any client can write)."""
from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware

from .client_address import client_address


class AuditlogMiddleware(_AuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request):
        return client_address(request)
