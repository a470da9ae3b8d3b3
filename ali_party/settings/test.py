"""Test settings: fast hashing, eager Celery unless a test starts a real worker."""
from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-" + "y" * 40
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "dataexchange": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
ALLOWED_HOSTS = ["*"]
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405
# Tests that check the automatic recompute turn it on for themselves.
INDICATORS_AUTO_RECOMPUTE = False
# The second-factor tests turn it on for themselves.
OTP_REQUIRED = False
DJANGO_ADMIN_ENABLED = True  # a test reloads the URLs with it off
FIELD_ENCRYPTION_KEY = "test1:7X3oqS3OEtFSqa0xgoWxIbyDd++t/f647x4vOIK2ZXk="
FIELD_ENCRYPTION_OLD_KEYS = []
FIELD_LOOKUP_KEY = "1DmlPFbju9BdAGBboDTBKtPX35edKA6Ey6cRokyZ+6Y="
