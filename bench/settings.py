"""Settings for the benchmarks: production-like (DEBUG off, no debug toolbar, persistent connections),
on the PostgreSQL database named by BENCH_DB (bench_ngari, bench_ngari10, bench_tibet).

Used only by bench/generate.py and bench/run.py (and the gunicorn they start). Never by the tests.
"""
import os

os.environ.setdefault("OTP_REQUIRED", "0")  # the benchmark logs users in with force_login

from ali_party.settings.base import *  # noqa: E402,F403

BENCH_DB = os.environ.get("BENCH_DB", "bench_ngari")
if not BENCH_DB.startswith("bench_"):
    raise RuntimeError("BENCH_DB must name a bench_* database")

SECRET_KEY = "bench-secret-key-not-for-production-" + "z" * 30
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": BENCH_DB,
        "USER": "postgres",
        "HOST": "127.0.0.1",
        "PORT": "5432",
        "CONN_MAX_AGE": 600,
    }
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_BROKER_URL = ""
CELERY_TASK_ALWAYS_EAGER = True
INDICATORS_AUTO_RECOMPUTE = False   # the benchmark calls recompute itself, and times it
OTP_REQUIRED = False
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"null": {"class": "logging.NullHandler"}},
           "root": {"handlers": ["null"], "level": "WARNING"}}
# Fixed keys so generated ciphertexts decrypt on every run (bench data is synthetic).
FIELD_ENCRYPTION_KEY = "bench0:YmVuY2gtb25seS1maWVsZC1lbmNyeXB0aW9uLWstMDA="
FIELD_ENCRYPTION_OLD_KEYS = []
FIELD_LOOKUP_KEY = "YmVuY2gtb25seS1maWVsZC1sb29rdXAtaG1hYy1rLTA="
ROOT_URLCONF = "bench.urls"
# BENCH_JIT=off measures the proposed fix (PostgreSQL's JIT off for the app's connections);
# unset, the server's default (jit = on in PostgreSQL 15) applies.
if os.environ.get("BENCH_JIT") == "off":
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
