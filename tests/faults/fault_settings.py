"""Settings for the processes the fault tests start (web server, Celery worker, scripts).

The test settings (fast hashing, no second factor), pointed by the environment at the throwaway
PostgreSQL cluster (DATABASE_URL) and Redis server (CELERY_BROKER_URL) that the test started.
Everything that decides how a fault is survived (connection ages, acks_late, reject on worker
lost, prefetch 1, the recompute services) is the project's own setting, not changed here.
"""
import os

from ali_party.settings.base import env_bool
from ali_party.settings.test import *  # noqa: F403

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = None  # nothing reads task results; a broker outage then touches only publishing
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# The production default (on): a saved record queues a recompute.
INDICATORS_AUTO_RECOMPUTE = env_bool("INDICATORS_AUTO_RECOMPUTE", True)
# Redis redelivers a message whose consumer vanished once this many seconds have passed since it
# was delivered (kombu's default is an hour), at the next sweep for such messages (by default
# every 10 s, scanning on every 10th): the worker-killed test shortens both.
if os.environ.get("FAULTS_VISIBILITY_TIMEOUT"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": int(os.environ["FAULTS_VISIBILITY_TIMEOUT"]),
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
# Beat: only the entry that processes the dirty marks left during a broker outage, every few seconds
# instead of every minute (the nightly and daily entries would only add noise).
if os.environ.get("FAULTS_BEAT_INTERVAL"):
    CELERY_BEAT_SCHEDULE = {  # noqa: F405
        name: {**entry, "schedule": float(os.environ["FAULTS_BEAT_INTERVAL"])}
        for name, entry in CELERY_BEAT_SCHEDULE.items()  # noqa: F405
        if entry["task"] == "indicators.tasks.process_dirty"
    }
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
