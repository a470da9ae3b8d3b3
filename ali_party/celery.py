"""The Celery app. Without CELERY_BROKER_URL tasks run in process (settings: CELERY_TASK_ALWAYS_EAGER).

`celery -A ali_party worker` without DJANGO_SETTINGS_MODULE runs the production settings, and a
worker or beat refuses to start when a production setting is missing (ali_party/checks.py)."""
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ali_party.settings.production")

app = Celery("ali_party")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="ali_party.ping")
def ping(value: int) -> int:
    """A task with no side effects, used to prove that a real worker answers."""
    return value * 2


@signals.worker_init.connect
@signals.beat_init.connect
def refuse_to_start_if_misconfigured(**kwargs):
    """Celery logs and swallows an exception raised by a signal receiver; SystemExit stops it."""
    from django.core.exceptions import ImproperlyConfigured

    from ali_party.checks import refuse_to_start_if_misconfigured as check

    try:
        check()
    except ImproperlyConfigured as error:
        raise SystemExit(str(error)) from None
