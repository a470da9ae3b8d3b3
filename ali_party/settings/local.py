"""Local development and the `make run` demo: SQLite, in-process Celery, DEBUG on unless told otherwise."""
import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("OTP_REQUIRED", "0")  # the demo has no authenticator app; production requires it
os.environ.setdefault("DJANGO_ADMIN_ENABLED", "1")  # /django-admin/ is off in production unless turned on

from .base import *  # noqa: E402,F403
from .base import env_bool  # noqa: E402

DEBUG = env_bool("DEBUG", True)
# Only for the local demo; production refuses to start without a real SECRET_KEY.
SECRET_KEY = SECRET_KEY or "local-demo-key-not-for-production-" + "x" * 20  # noqa: F405
# Development-only keys for the demo; production reads real ones from the environment.
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY") or "dev1:wjaWVeBFEiUcugoQO8HpwyV66EtiVxw8cXoawUeiyIM="
FIELD_LOOKUP_KEY = os.environ.get("FIELD_LOOKUP_KEY") or "pHlc62VCHKNKCf5v8C1Tt5J4OhDsgNqJBvXNGSZBFZI="
