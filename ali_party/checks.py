"""What a production deployment must have, checked after the settings are loaded, never while they
are being imported: as a system check (`manage.py check --deploy` and every management command run
under the production settings) and when gunicorn (ali_party/wsgi.py) or a Celery worker or beat
(ali_party/celery.py) starts, which then refuse to start.

The production settings set `PRODUCTION = True`; local, test and bench settings leave it False.
"""
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

SHARED_CACHE_BACKENDS = ("django.core.cache.backends.redis.RedisCache",)


def production_problems() -> list[str]:
    """Every missing or wrong production setting, each as one sentence saying what to set."""
    from ali_party import crypto

    problems = []
    try:
        secret_key = settings.SECRET_KEY  # Django raises when it is empty
    except ImproperlyConfigured:
        secret_key = ""
    if not secret_key:
        problems.append("SECRET_KEY is not set (环境变量 SECRET_KEY 未设置).")
    for check_key in (crypto.check_encryption_key, crypto.check_lookup_key):
        try:
            check_key()
        except ImproperlyConfigured as error:
            problems.append(f"{error} (个人信息加密密钥未正确设置)")
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        problems.append("DATABASE_URL must name a PostgreSQL database (生产环境须设置 DATABASE_URL 为 PostgreSQL).")
    if not settings.CELERY_BROKER_URL:
        problems.append("CELERY_BROKER_URL is not set: tasks would run inside web requests "
                        "(生产环境须设置 CELERY_BROKER_URL 指向 Redis).")
    if settings.CACHES["default"]["BACKEND"] not in SHARED_CACHE_BACKENDS:
        problems.append("CACHE_URL is not set: every gunicorn worker would keep its own cache "
                        "(生产环境须设置 CACHE_URL 指向 Redis).")
    return problems


@checks.register(checks.Tags.security)
def production_configuration(app_configs=None, **kwargs):
    if not getattr(settings, "PRODUCTION", False):
        return []
    return [checks.Error(problem, id="ali_party.E001") for problem in production_problems()]


def refuse_to_start_if_misconfigured() -> None:
    """Called by the WSGI application and the Celery worker/beat at start-up."""
    if getattr(settings, "PRODUCTION", False):
        problems = production_problems()
        if problems:
            raise ImproperlyConfigured("Refusing to start: " + " ".join(problems))
