"""Tokens: only their SHA-256 stored, the key shown once; revoked, expired, unknown keys and keys of
deactivated accounts refused (401) and logged; last_used_at updated; made and revoked only by the
system admin, only for business accounts, each a security event."""
import datetime
import hashlib

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessEvent
from api.models import ApiToken
from api.services import token_create, token_revoke

from .conftest import auth

ORGS = "/api/organizations/"


def test_only_the_hash_of_the_key_is_stored(world):
    new = token_create(actor=world.sam, user=world.alice, name="大屏", valid_days=30)
    token = ApiToken.objects.get()
    assert token.key_hash == hashlib.sha256(new.key.encode()).hexdigest()
    assert token.prefix == new.key[:8]
    assert len(new.key) >= 43  # 32 random bytes, base64
    stored = [str(v) for v in ApiToken.objects.values_list(flat=False).get()]
    assert new.key not in stored


def test_a_token_reads_as_its_user(client, world, token_for):
    key = token_for(world.alice)
    response = client.get(ORGS, **auth(key))
    assert response.status_code == 200
    assert {row["name"] for row in response.json()["results"]} == {"加木村党支部", "昆莎一村党支部"}
    assert client.get(f"{ORGS}{world.org_b1.pk}/", **auth(key)).status_code == 404


def test_last_used_is_recorded(client, world, token_for):
    key = token_for(world.alice)
    assert ApiToken.objects.get().last_used_at is None
    before = timezone.now()
    client.get(ORGS, **auth(key))
    used = ApiToken.objects.get().last_used_at
    assert used is not None and used >= before
    # Within the minute it is not written again; after it, it is.
    client.get(ORGS, **auth(key))
    assert ApiToken.objects.get().last_used_at == used
    ApiToken.objects.update(last_used_at=timezone.now() - datetime.timedelta(minutes=5))
    client.get(ORGS, **auth(key))
    assert ApiToken.objects.get().last_used_at >= before


@pytest.mark.parametrize("spoil", ["revoke", "expire", "deactivate", "wrong"])
def test_refused_keys_get_401_and_a_security_event(client, world, token_for, spoil):
    key = token_for(world.alice)
    token = ApiToken.objects.get()
    if spoil == "revoke":
        token_revoke(actor=world.sam, token=token)
    elif spoil == "expire":
        ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    elif spoil == "deactivate":
        type(world.alice).objects.filter(pk=world.alice.pk).update(is_active=False)
    else:
        key = key[:-1] + ("A" if key[-1] != "A" else "B")
    response = client.get(ORGS, **auth(key))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    event = AccessEvent.objects.get(kind=AccessEvent.Kind.API_TOKEN_REFUSED)
    assert event.success is False and event.remote_addr == "127.0.0.1"
    assert key not in event.target  # only the prefix
    assert event.target.endswith(f"（{key[:8]}…）")
    expected = {"revoke": "令牌已吊销", "expire": "令牌已过期", "deactivate": "账户已停用", "wrong": "无此令牌"}
    assert event.target.startswith(expected[spoil])
    assert event.username == ("" if spoil == "wrong" else "alice")


def test_a_malformed_header_is_401(client, world):
    assert client.get(ORGS, HTTP_AUTHORIZATION="Token").status_code == 401
    assert client.get(ORGS, HTTP_AUTHORIZATION="Token a b").status_code == 401
    assert client.get(ORGS).status_code == 401  # nobody at all


def test_tokens_only_for_business_accounts_and_only_by_the_admin(world, officer):
    for user in (world.sam, world.erin, officer):
        with pytest.raises(ValidationError) as refused:
            token_create(actor=world.sam, user=user, name="x", valid_days=30)
        assert "user" in refused.value.error_dict
    for actor in (world.alice, world.carol, world.erin, officer):
        with pytest.raises(PermissionDenied):
            token_create(actor=actor, user=world.alice, name="x", valid_days=30)
    with pytest.raises(ValidationError) as refused:
        token_create(actor=world.sam, user=world.alice, name=" ", valid_days=400)
    assert set(refused.value.error_dict) == {"name", "valid_days"}
    assert not ApiToken.objects.exists() and not AccessEvent.objects.exists()


def test_creation_and_revocation_are_security_events(world):
    new = token_create(actor=world.sam, user=world.alice, name="大屏", valid_days=30)
    token_revoke(actor=world.sam, token=new.token)
    events = list(AccessEvent.objects.order_by("pk").values_list("kind", "username", "success"))
    assert events == [("api_token_create", "sam", True), ("api_token_revoke", "sam", True)]
    assert all(new.key not in e.target for e in AccessEvent.objects.all())
    with pytest.raises(ValidationError):
        token_revoke(actor=world.sam, token=new.token)  # once


def test_the_token_pages_are_the_admins(client_for, world, officer):
    for user in (world.alice, world.carol, world.dave, world.erin, officer):
        client = client_for(user)
        for url in (reverse("api:token_list"), reverse("api:token_create")):
            assert client.get(url).status_code == 403
            assert client.post(url, {"user": world.alice.pk, "name": "x", "valid_days": "30"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_the_admin_makes_a_token_sees_the_key_once_and_revokes_it(client_for, world):
    client = client_for(world.sam)
    form = client.get(reverse("api:token_create"))
    offered = {u.username for u in form.context["form"].fields["user"].queryset}
    assert offered == {"alice", "bob", "tess", "carol", "dave"}
    response = client.post(reverse("api:token_create"), {"user": world.alice.pk, "name": "大屏", "valid_days": "30"})
    assert response.status_code == 200
    key = response.context["key"]
    assert key in response.content.decode()
    listing = client.get(reverse("api:token_list")).content.decode()
    assert key not in listing and f"{key[:8]}…" in listing
    token = ApiToken.objects.get()
    assert client.get(reverse("api:token_revoke", args=[token.pk])).status_code == 200
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 302
    assert ApiToken.objects.get().revoked_at is not None


def test_a_bad_form_shows_chinese_messages_and_writes_nothing(client_for, world):
    client = client_for(world.sam)
    response = client.post(reverse("api:token_create"), {"user": world.sam.pk, "name": "", "valid_days": "0"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"user", "name", "valid_days"}
    assert not ApiToken.objects.exists()


def test_the_token_pages_read_in_english(client_for, world):
    from django.conf import settings
    import re
    token_create(actor=world.sam, user=world.alice, name="screen", valid_days=30)
    client = client_for(world.sam)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    token = ApiToken.objects.get()
    for url in (reverse("api:token_list"), reverse("api:token_create"), reverse("api:token_revoke", args=[token.pk])):
        body = client.get(url).content.decode()
        main = body[body.index("<main"):body.index("</main>")]  # the navigation holds the user's area (data)
        from branches.models import Area
        names = sorted(Area.objects.values_list("name", flat=True), key=len, reverse=True)
        for data in (world.alice.username, str(world.alice), "screen", *names):
            main = main.replace(data, "")
        assert not re.search(r"[\u3400-\u9fff]", main), (url, re.findall(r"[\u3400-\u9fff]+", main))


def test_past_20_refused_keys_in_10_minutes_an_address_gets_429_and_no_more_rows(client, world, token_for):
    good = token_for(world.alice)
    for number in range(1, 21):
        assert client.get(ORGS, **auth(f"guess{number:03d}")).status_code == 401
    rows = AccessEvent.objects.filter(kind=AccessEvent.Kind.API_TOKEN_REFUSED).order_by("pk")
    assert rows.count() == 20
    assert "10分钟内已有20次被拒" in rows.last().target
    assert all("被拒，此后" not in row.target for row in rows[:19])
    # Past the limit: a refused key gets 429, with the seconds the window has left, and no row.
    for number in range(21, 26):
        response = client.get(ORGS, **auth(f"guess{number:03d}"))
        assert response.status_code == 429
        assert 590 <= int(response["Retry-After"]) <= 600
        assert "令牌过多" in response.json()["detail"]
    assert rows.count() == 20
    # A good key from the same address still reads (a display behind the same NAT keeps working),
    # and so does a signed-in user's session.
    assert client.get(ORGS, **auth(good)).status_code == 200
    client.force_login(world.alice)
    assert client.get(ORGS).status_code == 200
    client.logout()
    # Another address is counted on its own.
    assert client.get(ORGS, REMOTE_ADDR="10.1.2.3", **auth("guess026")).status_code == 401
    # When the window ends, the address starts again at 401.
    cache.delete_many(["api-token-refusals:127.0.0.1", "api-token-refusals:127.0.0.1:until"])
    assert client.get(ORGS, **auth("guess027")).status_code == 401


def test_behind_the_proxy_each_client_is_counted_and_a_forged_header_frames_nobody(client, world, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    # The proxy appends the address it saw; a client may write anything to the left of it.
    for number in range(20):
        assert client.get(ORGS, HTTP_X_FORWARDED_FOR="10.0.0.5", **auth(f"a{number}")).status_code == 401
    assert client.get(ORGS, HTTP_X_FORWARDED_FOR="10.0.0.5", **auth("a20")).status_code == 429
    # The same client naming another address on the left is still itself: 429.
    assert client.get(ORGS, HTTP_X_FORWARDED_FOR="10.0.0.6, 10.0.0.5", **auth("a21")).status_code == 429
    # The other client is not held back by what was done under its name.
    assert client.get(ORGS, HTTP_X_FORWARDED_FOR="10.0.0.6", **auth("b0")).status_code == 401
    assert set(AccessEvent.objects.filter(kind=AccessEvent.Kind.API_TOKEN_REFUSED)
               .values_list("remote_addr", flat=True)) == {"10.0.0.5", "10.0.0.6"}
