"""The top navigation: every business user reaches the import/export page from any page (issue 18,
item 6); users without business data (admins, auditors) do not see it."""
from django.urls import reverse


def test_the_import_export_page_is_in_the_navigation_of_business_users(client_for, world):
    link = f'href="{reverse("dataexchange:index")}"'
    for user in (world.alice, world.tess, world.carol, world.dave):
        assert link in client_for(user).get(reverse("cadres:index")).content.decode(), user
    assert link not in client_for(world.sam).get(reverse("accounts:user_list")).content.decode()
