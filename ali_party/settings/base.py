"""Settings shared by every environment. Everything that differs comes from the environment."""
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool = False) -> bool:
    """A yes/no environment variable. Unset or empty: the default. Anything but 1/true/yes/on or
    0/false/no/off (any case) stops the start, so that a typo never quietly means "off"."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"{name} must be one of 1/true/yes/on or 0/false/no/off; got {os.environ[name]!r}. "
        f"环境变量 {name} 只能取 1/true/yes/on 或 0/false/no/off。")


# Set by the production settings: the start-up checks (ali_party/checks.py) then require the keys,
# PostgreSQL, the broker and a shared cache.
PRODUCTION = False


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "ali_party.apps.AliPartyConfig",  # the start-up checks (ali_party/checks.py)
    "accounts.admin_site.AdminConfig",  # django.contrib.admin with this project's site (no business records)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "treebeard",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from STATIC (no CDN)
    # project apps
    "accounts",
    "branches",
    "cadres",
    "activities",
    "capacity",
    "evaluations",
    "funding",
    "orglife",
    "dues",
    "api",
    "earlywarning",
    "annualstats",
    "lapse",
    "development",
    "mobility",
    "indicators",
    "dataexchange",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ali_party.middleware.DefaultLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ali_party.middleware.NoStoreForUsersMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "ali_party.middleware_audit.AuditlogMiddleware",
    "accounts.middleware.AccountPolicyMiddleware",
    # AxesMiddleware should be the last one (django-axes docs).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ali_party.urls"
# /django-admin/ (catalogues, for system admins; business records are never on it) is mounted only
# when this is on: off unless set, on in the local and test settings.
DJANGO_ADMIN_ENABLED = env_bool("DJANGO_ADMIN_ENABLED", False)
WSGI_APPLICATION = "ali_party.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ali_party.context_processors.navigation",
            ],
        },
    },
]

# SQLite by default so `make run` needs nothing; DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT adds about a second of compilation to each indicator GROUP BY (bench/).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every process when CACHE_URL names Redis (production requires it: the
# dashboard's cached pages, import progress and rate limits must be the same in every gunicorn
# worker); otherwise a per-process memory cache, enough for `make run` and the tests.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL,
                          "KEY_PREFIX": "ali_party"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes must come first so that a locked-out user name is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login lock-out (accounts.lockout; attempts kept in the database): 5 failures of one user name from
# one address lock that name at that address for 30 minutes — not elsewhere, so nobody can lock
# another person out by typing their name — and 20 failures of the name from all addresses together
# lock it everywhere. An admin can unlock a name on the accounts page.
AXES_FAILURE_LIMIT = 5
AXES_FAILURE_LIMIT_PER_USERNAME = 20  # this project's (accounts.lockout.LockoutHandler), not django-axes'
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address for the lock-out, the change log and the security events: one function
# (ali_party.client_address), believing X-Forwarded-For only from these proxies (comma separated).
TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()]
AXES_CLIENT_IP_CALLABLE = "ali_party.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_HANDLER = "accounts.lockout.LockoutHandler"  # django-axes' database handler + the per-name ceiling

# Sessions: idle sessions end after 30 minutes (refreshed on every request).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads: attachments are capped at 10 MB each (checked by the forms); the request limits stop
# anything larger before it reaches a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"

# Every business model is audited with django-auditlog (old and new values, who, when, address);
# technical tables are not.
AUDITLOG_INCLUDE_ALL_MODELS = True
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    "sessions",
    "admin",
    "contenttypes",
    "auth.permission",
    "axes",
    "auditlog",
    "accounts.accessevent",
    "accounts.passwordsetupcode",  # one-time code hashes; each step is a security event instead
    "accounts.passwordhistory",  # old password hashes: internal, nothing an auditor reads
    "indicators",
    "lapse.lapsewarning",  # the daily job's computed snapshot, rewritten whole (as the indicators' snapshots)
)
# No secret ever reaches the change log (the auditor reads it): password hashes, the TOTP device's
# key, any key, token or session field. Field names, for every audited model; a test walks the
# registry and fails on a field that looks like a secret and is not listed here.
AUDITLOG_EXCLUDE_TRACKING_FIELDS = (
    "password", "last_login", "id_number_hash",
    "key", "secret", "token", "session_key", "session_data", "key_hash",
    # Django's own user fields that this project leaves empty (姓名 is full_name).
    "first_name", "last_name", "email",
)
AUDITLOG_MASK_CALLABLE = "ali_party.logging.mask_personal_value"
AUDITLOG_MASK_TRACKING_FIELDS = ("id_number", "phone")

# Audit rows (security events and change records) are kept this many days, then deleted by the
# daily purge (accounts.services.audit_purge). The rules ask for at least 180: a lower value stops
# the application at startup (refused, not quietly raised to 180, so that a wrong deployment setting
# is seen), and PostgreSQL refuses to delete a younger row anyway (accounts migration 0004).
try:
    AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", "365"))
except ValueError:
    AUDIT_RETENTION_DAYS = -1
if AUDIT_RETENTION_DAYS < 180:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "AUDIT_RETENTION_DAYS must be a whole number of days, at least 180 (GB/T 22239-2019); got %r. "
        "审计记录保留期必须是不少于180的整数天数。" % os.environ.get("AUDIT_RETENTION_DAYS"))



def reveal_limit_from_env() -> int:
    """REVEAL_LIMIT_PER_HOUR: how many times one user may show full personal data (the audited
    "查看完整信息") in any hour; a whole number, at least 1. Refused loudly otherwise."""
    raw = os.environ.get("REVEAL_LIMIT_PER_HOUR", "30")
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "REVEAL_LIMIT_PER_HOUR must be a whole number, at least 1; got %r. "
            "每小时查看完整个人信息的次数上限必须是不小于1的整数。" % raw)
    return value


# The audited reveal of full ID numbers and phones, per user in any hour (issue 17): past it the
# value stays masked and each refused reveal is a security event (accounts.services.reveal_record).
REVEAL_LIMIT_PER_HOUR = reveal_limit_from_env()


def env_int(name: str, default: int, low: int, high: int) -> int:
    """A whole number from the environment within [low, high]; anything else stops the start-up."""
    raw = os.environ.get(name, str(default))
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"{name} must be a whole number from {low} to {high}; got {raw!r}. "
                                   f"{name} 必须是 {low} 到 {high} 之间的整数。")
    return value


# Import uploads and export results (issue 17, items 4 and 7): in their own storage, in a folder
# outside MEDIA_ROOT that no URL serves, readable by the application's user only; file names are
# generated (never the user's). Tests keep them in memory (settings.test).
DATAEXCHANGE_FILES_ROOT = Path(os.environ.get("DATAEXCHANGE_FILES_ROOT", BASE_DIR / "private" / "dataexchange"))
DATAEXCHANGE_STORAGE = {
    "BACKEND": "dataexchange.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": DATAEXCHANGE_FILES_ROOT, "file_permissions_mode": 0o600,
                "directory_permissions_mode": 0o700},
}
STORAGES["dataexchange"] = DATAEXCHANGE_STORAGE
# A previewed import not confirmed within this many hours loses its upload (beat, hourly).
IMPORT_UPLOAD_RETENTION_HOURS = env_int("IMPORT_UPLOAD_RETENTION_HOURS", 24, 1, 24)
# An export result not downloaded within this many hours is deleted (a downloaded one at once).
EXPORT_RESULT_RETENTION_HOURS = env_int("EXPORT_RESULT_RETENTION_HOURS", 24, 1, 24)
# Exports of more rows than this are built by a background job, not inside the request.
EXPORT_INLINE_MAX_ROWS = env_int("EXPORT_INLINE_MAX_ROWS", 2000, 1, 1_000_000)
# A job still queued or running after this many hours is taken for lost (its worker died without
# a retry) and closed as failed, so that its user may start another.
DATAEXCHANGE_JOB_STALE_HOURS = env_int("DATAEXCHANGE_JOB_STALE_HOURS", 2, 1, 48)
# How many ID numbers registered outside a user's scope a member import may tell that user about
# in any 24 hours (item 8: the preview must not be an oracle for 20,000 numbers per file).
IMPORT_REGISTERED_ID_NOTICES_PER_DAY = env_int("IMPORT_REGISTERED_ID_NOTICES_PER_DAY", 20, 0, 10_000)

# Celery: with no broker configured, tasks run in process (the `make run` default).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "recompute-all-indicators-nightly": {
        "task": "indicators.tasks.recompute_all",
        "schedule": crontab(hour=2, minute=30),
    },
    # The recompute queue is the indicators_dirtymark table: marks written while Redis was
    # unreachable (or whose task was lost) are picked up here (indicators.services.process_dirty).
    "process-dirty-marks": {
        "task": "indicators.tasks.process_dirty",
        "schedule": 60.0,
    },
    "evaluations-compliance-reminders-daily": {
        "task": "evaluations.tasks.raise_compliance_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    # Audit rows past AUDIT_RETENTION_DAYS (manage.py audit_purge does the same by hand).
    "audit-purge-daily": {
        "task": "accounts.tasks.purge_audit_log",
        "schedule": crontab(hour=3, minute=15),
    },
    # Import uploads past IMPORT_UPLOAD_RETENTION_HOURS, export results past
    # EXPORT_RESULT_RETENTION_HOURS, and lost jobs (dataexchange.services.jobs_purge_stale).
    "dataexchange-purge-stale-uploads-hourly": {
        "task": "dataexchange.tasks.purge_stale_uploads",
        "schedule": crontab(minute=20),
    },
    # The lapse warnings' snapshot (lapse.services.warnings_compute; manage.py lapse_warnings by hand).
    "lapse-warnings-daily": {
        "task": "lapse.tasks.compute_lapse_warnings",
        "schedule": crontab(hour=6, minute=45),
    },
    # The early-warning scores of every year, stored before the indicators count them by level (2:30).
    "earlywarning-recompute-scores-nightly": {
        "task": "earlywarning.tasks.recompute_scores",
        "schedule": crontab(hour=2, minute=0),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Full ID numbers and phones never reach a log line or an error mail (ali_party.logging).
    "filters": {
        "personal_data": {"()": "ali_party.logging.PersonalDataFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["personal_data"]},
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR",
                        "filters": ["require_debug_false", "personal_data"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {  # replaces Django's default handlers, which would not carry the filter
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},  # one INFO line per login otherwise; lockouts still log
    },
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # otherwise Celery replaces root's handlers with unfiltered ones
DEFAULT_EXCEPTION_REPORTER_FILTER = "ali_party.logging.PersonalDataExceptionReporterFilter"
DEFAULT_EXCEPTION_REPORTER = "ali_party.logging.PersonalDataExceptionReporter"

# Personal data at rest (ali_party.crypto): AES-256-GCM; keys as "<key id>:<base64 of 32 bytes>".
FIELD_ENCRYPTION_KEY = os.environ.get("FIELD_ENCRYPTION_KEY", "")
FIELD_ENCRYPTION_OLD_KEYS = [k for k in os.environ.get("FIELD_ENCRYPTION_OLD_KEYS", "").split(",") if k.strip()]
FIELD_LOOKUP_KEY = os.environ.get("FIELD_LOOKUP_KEY", "")  # base64 of 32 bytes, the HMAC key of the lookup hash

SITE_TITLE = _("阿里地区农牧区党组织标准化规范化管理系统")

WHITENOISE_USE_FINDERS = True  # serve from static/ directly when collectstatic has not run (make run)
AXES_VERBOSE = False
# A saved record queues a recompute of the indicators it can change (debounced, after commit).
INDICATORS_AUTO_RECOMPUTE = env_bool("INDICATORS_AUTO_RECOMPUTE", True)
INDICATOR_FIRST_YEAR = 2019

# Second factor (TOTP, django-otp) for admins and prefecture staff. The local demo turns it off
# (settings.local) so that `make run` works without an authenticator app.
OTP_REQUIRED = env_bool("OTP_REQUIRED", True)
OTP_TOTP_ISSUER = "阿里党建标准化"

# Content-Security-Policy (django-csp): scripts only from this site; no inline scripts.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Bootstrap and ECharts set style attributes; inline styles carry no script.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"

# The read-only API (api/): GET only, JSON only (no browsable API: its pages carry inline scripts),
# tokens for other systems and the session for a signed-in user reading /api/docs/.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.BusinessReader"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ali party organizations: read-only API",
    "DESCRIPTION": "Read-only data of the standardization-management system of 阿里地区. "
                   "Send `Authorization: Token <key>` (a key from the system admin); every answer is "
                   "limited to the scope of the token's account, and ID numbers and phones are masked.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"persistAuthorization": False, "displayRequestDuration": True},
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
# A killed worker's unacknowledged task comes back after the visibility timeout (kombu's default is
# an hour); the connect timeout keeps an unreachable Redis from hanging a save. (A socket_timeout
# would also cut the idle pub/sub connection that worker remote control uses: pings go unanswered.)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 1800, "socket_connect_timeout": 3}
