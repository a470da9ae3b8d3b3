"""Settings that fail safe (issue 17 "Also", issue 21 item 1): the production keys and services are
checked after the settings are loaded — as a system check and when gunicorn or Celery starts —
never while they are imported; servers default to the production settings; a yes/no variable with a
typo is an error."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from ali_party.settings.base import env_bool

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"SECRET_KEY": "x" * 60 + "Yz9!", "ALLOWED_HOSTS": "party.example",
        "FIELD_ENCRYPTION_KEY": "k1:" + "A" * 43 + "=", "FIELD_LOOKUP_KEY": "B" * 43 + "=",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "CELERY_BROKER_URL": "redis://127.0.0.1:1/0", "CACHE_URL": "redis://127.0.0.1:1/1"}
SETTING_NAMES = ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", *KEYS, "DEBUG", "OTP_REQUIRED")


def run(args, **env):
    base = {k: v for k, v in os.environ.items() if k not in SETTING_NAMES}
    return subprocess.run(args, cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("raw, expected", [("1", True), ("TRUE", True), (" yes ", True), ("on", True),
                                           ("0", False), ("False", False), ("no", False), ("OFF", False)])
def test_yes_no_words(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_SWITCH", raw)
    assert env_bool("SOME_SWITCH", not expected) is expected


def test_unset_or_empty_takes_the_default(monkeypatch):
    monkeypatch.delenv("SOME_SWITCH", raising=False)
    assert env_bool("SOME_SWITCH", True) is True
    monkeypatch.setenv("SOME_SWITCH", "")
    assert env_bool("SOME_SWITCH", False) is False


@pytest.mark.parametrize("typo", ["ture", "flase", "2", "enabled", "o"])
def test_a_typo_is_an_error_not_false(monkeypatch, typo):
    monkeypatch.setenv("SOME_SWITCH", typo)
    with pytest.raises(ImproperlyConfigured, match="SOME_SWITCH"):
        env_bool("SOME_SWITCH", True)


def test_a_typo_in_a_real_switch_stops_manage_py():
    result = run([sys.executable, "manage.py", "check"], DJANGO_SETTINGS_MODULE="ali_party.settings.test",
                 OTP_REQUIRED="flase")
    assert result.returncode != 0
    assert "OTP_REQUIRED" in result.stderr and "flase" in result.stderr


def test_missing_production_keys_are_named_by_check_deploy():
    """Before: check_keys() ran inside the settings import, and `check --deploy` ran on half-built
    settings, printing warnings about cookies and static files instead of the missing key."""
    env = {k: v for k, v in KEYS.items() if k not in {"FIELD_ENCRYPTION_KEY", "CACHE_URL"}}
    result = run([sys.executable, "manage.py", "check", "--deploy"],
                 DJANGO_SETTINGS_MODULE="ali_party.settings.production", **env)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY is not set" in output
    assert "CACHE_URL is not set" in output
    assert "FIELD_LOOKUP_KEY" not in output  # it is set: only what is missing is named
    # the settings were the production ones, whole: no warning about insecure cookies or DEBUG
    assert "SESSION_COOKIE_SECURE" not in output and "security.W018" not in output


@pytest.mark.parametrize("missing, message", [
    ("DATABASE_URL", "DATABASE_URL must name a PostgreSQL database"),
    ("CELERY_BROKER_URL", "CELERY_BROKER_URL is not set"),
    ("CACHE_URL", "CACHE_URL is not set"),
    ("SECRET_KEY", "SECRET_KEY is not set"),
    ("FIELD_LOOKUP_KEY", "FIELD_LOOKUP_KEY is not set"),
])
def test_gunicorn_refuses_to_start_without_each_production_setting(missing, message):
    """ali_party.wsgi with no DJANGO_SETTINGS_MODULE: the production settings, checked at start."""
    env = {k: v for k, v in KEYS.items() if k != missing}
    result = run([sys.executable, "-c", "import ali_party.wsgi"], **env)
    assert result.returncode != 0
    assert "Refusing to start" in result.stderr and message in result.stderr


def test_gunicorn_without_a_settings_module_gets_production_not_debug():
    result = run([sys.executable, "-c",
                  "import ali_party.wsgi; from django.conf import settings; "
                  "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.SESSION_COOKIE_SECURE)"], **KEYS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ali_party.settings.production", "False", "True"]


def test_celery_worker_refuses_to_start_without_the_production_settings():
    """A receiver's exception is swallowed by Celery's signals; the check must still stop the worker."""
    env = {k: v for k, v in KEYS.items() if k != "FIELD_ENCRYPTION_KEY"}
    celery = str(Path(sys.executable).with_name("celery"))
    result = run([celery, "-A", "ali_party", "worker", "--pool", "solo", "-l", "warning"], **env)
    assert result.returncode != 0
    assert "Refusing to start" in result.stderr and "FIELD_ENCRYPTION_KEY is not set" in result.stderr


def test_manage_py_still_defaults_to_the_local_settings():
    result = run([sys.executable, "manage.py", "shell", "-c",
                  "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.PRODUCTION)"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["ali_party.settings.local", "False"]


def test_demo_data_is_refused_under_production_settings_unless_a_trial():
    result = run([sys.executable, "manage.py", "load_demo", "--no-recompute"],
                 DJANGO_SETTINGS_MODULE="ali_party.settings.production", **KEYS)
    assert result.returncode != 0
    assert "--trial" in result.stderr
