"""Production: everything secret or site-specific comes from the environment.

Nothing here raises while the settings are imported: what a deployment must set (SECRET_KEY, the
field keys, PostgreSQL, the broker, a shared cache) is checked afterwards, by ali_party/checks.py,
as a system check and when gunicorn or Celery starts.
"""
import os

from .base import *  # noqa: F403
from .base import env_bool

PRODUCTION = True
DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "dataexchange": DATAEXCHANGE_STORAGE,  # noqa: F405  (import uploads, export results: never served)
}
