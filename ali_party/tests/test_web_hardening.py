"""Web hardening that a deployment relies on: CSRF really enforced, CSP sent, deploy checks clean,
every form lists its fields, the language switch works."""
import os
import subprocess
import sys
from pathlib import Path

from django.test import Client
from django.urls import reverse

from branches.models import PartyOrganization

ROOT = Path(__file__).resolve().parents[2]


def test_post_without_csrf_token_is_refused(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.alice)
    response = client.post(reverse("branches:organization_create"),
                           {"name": "无令牌", "kind": "branch", "area": world.village_a1.pk, "status": "active"})
    assert response.status_code == 403
    assert not PartyOrganization.objects.filter(name="无令牌").exists()


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, db):
    policy = client.get(reverse("accounts:login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy


def test_production_settings_pass_the_deploy_checks():
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="ali_party.settings.production", SECRET_KEY="x" * 60 + "Yz9!",
               ALLOWED_HOSTS="party.example", FIELD_ENCRYPTION_KEY="k1:" + "A" * 43 + "=",
               FIELD_LOOKUP_KEY="B" * 43 + "=", DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
               CELERY_BROKER_URL="redis://127.0.0.1:1/0", CACHE_URL="redis://127.0.0.1:1/1")
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process only
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_model_form_lists_its_fields_explicitly():
    from django.forms import ModelForm

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)
    project_forms = [f for f in subclasses(ModelForm) if f.__module__.split(".")[0] in {
        "accounts", "branches", "cadres", "activities", "capacity", "evaluations", "funding", "orglife", "dues",
        "dataexchange"}]
    assert project_forms
    loose = [f"{f.__module__}.{f.__name__}" for f in project_forms
             if getattr(getattr(f, "_meta", None), "fields", None) == "__all__"
             or getattr(getattr(f, "Meta", None), "exclude", None)]
    assert not loose, loose


def test_language_switch_to_english_and_back(client_for, world):
    client = client_for(world.alice)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.get(reverse("home"))["Content-Language"] == "en"
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert client.get(reverse("home"))["Content-Language"] == "zh-hans"
