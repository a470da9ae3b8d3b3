"""Local development and the `make run` demo: SQLite, in-process Celery, DEBUG on unless told otherwise."""
import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("OTP_REQUIRED", "0")  # the demo has no authenticator app; production requires it

from .base import *  # noqa: E402,F403
from .base import env_bool  # noqa: E402

DEBUG = env_bool("DEBUG", True)
# Only for the local demo; production refuses to start without a real SECRET_KEY.
SECRET_KEY = SECRET_KEY or "local-demo-key-not-for-production-" + "x" * 20  # noqa: F405
