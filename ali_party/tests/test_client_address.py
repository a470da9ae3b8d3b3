"""One client address (issue 17 Medium 6): a forged X-Forwarded-For is never believed; behind a
trusted proxy the change log, the security events and the lock-out all record the real client."""
from auditlog.models import LogEntry
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import AccessEvent
from ali_party.client_address import client_address
from branches.models import PartyOrganization

FORGED = "198.51.100.66"
CLIENT = "203.0.113.7"


def request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request(CLIENT, FORGED)) == CLIENT


def test_behind_a_trusted_proxy_the_last_untrusted_hop_is_the_client(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "127.0.0.2"]
    assert client_address(request("127.0.0.1", f"{FORGED}, {CLIENT}")) == CLIENT  # the client wrote FORGED
    assert client_address(request("127.0.0.1", f"{FORGED}, {CLIENT}, 127.0.0.2")) == CLIENT
    assert client_address(request("127.0.0.1", f"{CLIENT}:51234")) == CLIENT
    assert client_address(request("127.0.0.1", "not-an-address")) == "127.0.0.1"
    assert client_address(request("127.0.0.1")) == "127.0.0.1"
    assert client_address(request("127.0.0.9", CLIENT)) == "127.0.0.9"  # not a trusted proxy


def test_the_change_log_and_security_events_ignore_a_forged_header(client, world, settings):
    settings.TRUSTED_PROXIES = []
    client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"},
                REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR=FORGED)
    failed = AccessEvent.objects.filter(username="alice", success=False).latest("pk")
    assert failed.remote_addr == CLIENT
    client.force_login(world.alice)
    client.post(reverse("branches:organization_create"), {"name": "新党支部", "kind": "branch",
                                                          "area": world.village_a1.pk},
                REMOTE_ADDR=CLIENT, HTTP_X_FORWARDED_FOR=FORGED)
    org = PartyOrganization.objects.get(name="新党支部")
    entry = LogEntry.objects.get_for_object(org).latest("pk")
    assert entry.remote_addr == CLIENT


def test_behind_the_proxy_both_logs_record_the_real_client(client, world, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    client.post(reverse("accounts:login"), {"username": "alice", "password": "wrong"},
                REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"{FORGED}, {CLIENT}")
    assert AccessEvent.objects.filter(username="alice", success=False).latest("pk").remote_addr == CLIENT
    client.force_login(world.alice)
    client.post(reverse("branches:organization_create"), {"name": "新党支部", "kind": "branch",
                                                          "area": world.village_a1.pk},
                REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"{FORGED}, {CLIENT}")
    entry = LogEntry.objects.get_for_object(PartyOrganization.objects.get(name="新党支部")).latest("pk")
    assert entry.remote_addr == CLIENT
