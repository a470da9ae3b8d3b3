from django.conf import settings

from ali_party.scoping import BUSINESS_READ_ROLES, Role


def navigation(request):
    user = getattr(request, "user", None)
    role = getattr(user, "role", None) if user is not None and user.is_authenticated else None
    return {
        "SITE_TITLE": settings.SITE_TITLE,
        "nav_business": role in BUSINESS_READ_ROLES,
        "nav_admin": role == Role.ADMIN,
        "nav_auditor": role == Role.AUDITOR,
        "nav_security": role == Role.SECURITY_OFFICER,
    }
