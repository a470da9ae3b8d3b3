"""No page or file with personal data stays in a browser or proxy cache (issue 17, Low 16): every
response to a logged-in user says Cache-Control: no-store (a shared intranet PC's back button, a
caching proxy between the county and the server)."""
from django.test import Client
from django.urls import reverse

from tests.test_fuzz_forms import read_urls


def test_every_page_and_file_for_a_logged_in_user_is_no_store(world):
    from cadres.tests.factories import PartyMemberFactory
    member = PartyMemberFactory(organization=world.org_a1, phone="13912345678")
    client = Client()
    client.force_login(world.carol)
    urls = read_urls(world) + [member.get_absolute_url(), reverse("dataexchange:template", args=["members"])]
    answered = {}
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            answered[url] = response.get("Cache-Control", "")
    assert len(answered) >= 60  # pages, exports, reports: the check covers them
    assert {url: cc for url, cc in answered.items() if "no-store" not in cc or "private" not in cc} == {}


def test_the_reveal_the_audit_log_and_the_admin_pages_are_no_store(world, client_for):
    from cadres.tests.factories import PartyMemberFactory
    member = PartyMemberFactory(organization=world.org_a1)
    carol = client_for(world.carol)
    response = carol.post(reverse("cadres:member_reveal", args=[member.pk]))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    for user, url in ((world.erin, reverse("accounts:audit_log")), (world.sam, reverse("accounts:user_list"))):
        response = client_for(user).get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"], url

