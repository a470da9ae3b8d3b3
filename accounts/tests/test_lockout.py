"""Login lock-out by user name and address (issue 17 item 15): failures from one address lock the
name there only, so nobody can lock `admin` out by typing its name; a higher per-name ceiling (all
addresses together) still stops a guess spread over many addresses; an admin can unlock."""
from django.urls import reverse

from accounts.models import AccessEvent

LOGIN = "/accounts/login/"
RIGHT = "Passw0rd!x"


def login(client, username, password, address):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, address, times):
    """Wrong passwords; the answer to the one that locks is already the lock-out page."""
    return [login(client, username, "wrong", address).status_code for _ in range(times)]


def test_failures_from_one_address_do_not_lock_the_name_elsewhere(client, world):
    assert fail(client, "sam", "10.1.1.1", 5) == [200, 200, 200, 200, 429]
    assert login(client, "sam", RIGHT, "10.1.1.1").status_code == 429  # locked there
    client.logout()
    assert login(client, "sam", RIGHT, "10.2.2.2").status_code == 302  # not here


def test_the_per_name_ceiling_locks_the_name_everywhere(client, world, settings):
    assert (settings.AXES_FAILURE_LIMIT, settings.AXES_FAILURE_LIMIT_PER_USERNAME) == (5, 20)
    for i in range(4):  # 4 × 4 + 3 = 19: under the ceiling, and under the limit at each address
        assert fail(client, "sam", f"10.0.0.{i}", 4) == [200] * 4
    assert fail(client, "sam", "10.0.0.9", 3) == [200] * 3
    assert login(client, "sam", RIGHT, "10.9.9.9").status_code == 302
    client.logout()
    assert fail(client, "sam", "10.0.0.9", 1) == [429]  # the 20th locks
    response = login(client, "sam", RIGHT, "10.9.9.8")
    assert response.status_code == 429 and "已被锁定30分钟" in response.content.decode()
    assert login(client, "bob", RIGHT, "10.9.9.8").status_code == 302  # other names are not locked


def lock_alice(client):
    fail(client, "alice", "10.3.3.3", 5)
    assert login(client, "alice", RIGHT, "10.3.3.3").status_code == 429


def test_an_admin_unlocks_a_name(client, client_for, world):
    lock_alice(client)
    admin = client_for(world.sam)
    body = admin.get(reverse("accounts:user_list")).content.decode()
    assert "已锁定" in body and "失败6次" in body  # 5, and the refused right password
    url = reverse("accounts:user_unlock", args=[world.alice.pk])
    assert admin.get(url).status_code == 405
    assert admin.post(url).status_code == 302
    event = AccessEvent.objects.get(kind="unlock")
    assert (event.username, event.success) == ("sam", True) and "alice" in event.target
    admin.logout()
    assert login(client, "alice", RIGHT, "10.3.3.3").status_code == 302


def test_only_admins_unlock(client, client_for, world):
    lock_alice(client)
    for persona in (world.bob, world.carol, world.erin):
        assert client_for(persona).post(reverse("accounts:user_unlock", args=[world.alice.pk])).status_code == 403
        client.logout()
    assert login(client, "alice", RIGHT, "10.3.3.3").status_code == 429
    assert not AccessEvent.objects.filter(kind="unlock").exists()
