"""The Celery app. Without CELERY_BROKER_URL tasks run in process (settings: CELERY_TASK_ALWAYS_EAGER)."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ali_party.settings.local")

app = Celery("ali_party")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="ali_party.ping")
def ping(value: int) -> int:
    """A task with no side effects, used to prove that a real worker answers."""
    return value * 2
