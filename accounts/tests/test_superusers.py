"""Superusers and /django-admin/ (issue 17 item 14): `createsuperuser` made a county clerk (the old
default role) that skipped the second factor and saw every county's members in /django-admin/. Now a
superuser gets no business scope from the flag, is asked for the second factor, and /django-admin/
shows catalogues only, to system admins only, and is not mounted in production unless turned on."""
import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import clear_url_caches, reverse
from django.utils import timezone

from accounts.models import User
from ali_party.scoping import Role
from branches.models import PartyOrganization
from cadres.models import PartyMember

ROOT = Path(__file__).resolve().parents[2]


def superuser(username="root", **fields) -> User:
    call_command("createsuperuser", interactive=False, username=username, email=f"{username}@example.org",
                 verbosity=0)
    User.objects.filter(username=username).update(must_change_password=False, password_changed_at=timezone.now(),
                                                   **fields)
    return User.objects.get(username=username)


def test_createsuperuser_makes_a_system_admin_not_a_clerk(client_for, world):
    root = superuser()
    assert (root.role, root.scope_area, root.is_superuser) == (Role.ADMIN, None, True)
    client = client_for(root)
    for name in ("cadres:member_list", "branches:organization_list", "dataexchange:index"):
        assert client.get(reverse(name)).status_code == 403, name
    assert not PartyOrganization.objects.visible_to(root).exists()


def test_the_superuser_flag_adds_no_scope_to_a_business_role(world):
    clerk = superuser(role=Role.COUNTY_CLERK, scope_area=world.county_a)
    assert set(PartyOrganization.objects.visible_to(clerk)) == {world.org_a1, world.org_a2}
    assert not PartyOrganization.objects.editable_by(clerk).filter(pk=world.org_b1.pk).exists()


def test_django_admin_shows_catalogues_and_no_business_record(client_for, world):
    client = client_for(superuser())
    assert client.get("/django-admin/").status_code == 200
    assert client.get("/django-admin/activities/activitykind/").status_code == 200
    for path in ("cadres/partymember", "evaluations/hearttohearttalk", "evaluations/organizationlifemeeting",
                 "auditlog/logentry", "otp_totp/totpdevice", "axes/accessattempt"):
        assert client.get(f"/django-admin/{path}/").status_code == 404, path
    registered = set(admin.site._registry)
    assert PartyMember not in registered
    assert not [m for m in registered if hasattr(m, "scope_area_field")]


def test_django_admin_is_for_system_admins_only(client_for, world):
    clerk = superuser(role=Role.COUNTY_CLERK, scope_area=world.county_a)
    response = client_for(clerk).get("/django-admin/")
    assert response.status_code == 302 and response.url.startswith("/django-admin/login/")
    assert client_for(world.sam).get("/django-admin/").status_code == 302  # an admin, but not staff


def test_superusers_need_the_second_factor_whatever_their_role(client_for, world, settings):
    settings.OTP_REQUIRED = True
    clerk = superuser(role=Role.COUNTY_CLERK, scope_area=world.county_a)
    for path in ("/django-admin/", reverse("cadres:member_list")):
        response = client_for(clerk).get(path)
        assert response.status_code == 302 and response.url == reverse("accounts:otp_verify"), path
    assert client_for(world.alice).get(reverse("cadres:member_list")).status_code == 200  # a clerk still does not


@pytest.fixture
def urls_reloaded(settings):
    """Reload the URLconf after changing DJANGO_ADMIN_ENABLED; put it back afterwards."""
    import ali_party.urls

    def reload(enabled):
        settings.DJANGO_ADMIN_ENABLED = enabled
        importlib.reload(ali_party.urls)
        clear_url_caches()

    yield reload
    reload(True)


def test_django_admin_is_not_mounted_when_the_setting_is_off(client_for, world, urls_reloaded):
    client = client_for(superuser())
    urls_reloaded(False)
    assert client.get("/django-admin/").status_code == 404
    assert client.get("/django-admin/activities/activitykind/").status_code == 404
    urls_reloaded(True)
    assert client.get("/django-admin/").status_code == 200


PRODUCTION = dict(DJANGO_SETTINGS_MODULE="ali_party.settings.production", SECRET_KEY="x" * 60 + "Yz9!",
                  ALLOWED_HOSTS="party.example", FIELD_ENCRYPTION_KEY="k1:" + "A" * 43 + "=",
                  FIELD_LOOKUP_KEY="B" * 43 + "=", DATABASE_URL="sqlite:///:memory:")
RESOLVES = ("from django.urls import Resolver404, resolve\n"
            "try:\n    resolve('/django-admin/'); print('mounted')\nexcept Resolver404:\n    print('absent')")


@pytest.mark.parametrize("value,expected", [(None, "absent"), ("0", "absent"), ("1", "mounted")])
def test_production_mounts_django_admin_only_when_turned_on(value, expected):
    env = dict(os.environ, **PRODUCTION)
    env.pop("DJANGO_ADMIN_ENABLED", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if value is not None:
        env["DJANGO_ADMIN_ENABLED"] = value
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", RESOLVES], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected
