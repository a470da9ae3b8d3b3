"""A county clerk can neither see nor change another county's records, whatever URL they type."""
import pytest
from django.urls import reverse

from branches.models import Area, PartyOrganization


def test_clerk_lists_only_own_county(client_for, world):
    body = client_for(world.alice).get(reverse("branches:organization_list")).content.decode()
    assert "加木村党支部" in body and "昆莎一村党支部" in body
    assert "普兰一村党支部" not in body


def test_township_clerk_sees_only_own_township(client_for, world):
    body = client_for(world.tess).get(reverse("branches:organization_list")).content.decode()
    assert "加木村党支部" in body and "昆莎一村党支部" not in body


@pytest.mark.parametrize("url_name", ["branches:organization_detail", "branches:organization_update"])
def test_other_county_object_is_404(client_for, world, url_name):
    client = client_for(world.alice)
    assert client.get(reverse(url_name, args=[world.org_b1.pk])).status_code == 404


def test_post_to_other_county_object_is_404_and_changes_nothing(client_for, world):
    client = client_for(world.alice)
    response = client.post(reverse("branches:organization_update", args=[world.org_b1.pk]),
                           {"name": "被篡改", "kind": "branch", "area": world.village_b1.pk, "status": "active"})
    assert response.status_code == 404
    assert PartyOrganization.objects.get(pk=world.org_b1.pk).name == "普兰一村党支部"


def test_clerk_cannot_create_in_other_county(client_for, world):
    client = client_for(world.alice)
    response = client.post(reverse("branches:organization_create"),
                           {"name": "越权支部", "kind": "branch", "area": world.village_b1.pk, "status": "active"})
    assert response.status_code == 200  # the other county's village is not even a choice
    assert not PartyOrganization.objects.filter(name="越权支部").exists()


def test_read_only_viewer_gets_403_on_write(client_for, world):
    client = client_for(world.dave)
    assert client.get(reverse("branches:organization_detail", args=[world.org_b1.pk])).status_code == 200
    assert client.get(reverse("branches:organization_update", args=[world.org_b1.pk])).status_code == 403
    assert client.post(reverse("branches:organization_create"), {"name": "x"}).status_code == 403


@pytest.mark.parametrize("persona", ["sam", "erin"])
def test_admin_and_auditor_see_no_business_data(client_for, world, persona):
    client = client_for(getattr(world, persona))
    assert client.get(reverse("branches:organization_list")).status_code == 403
    assert client.get(reverse("branches:organization_detail", args=[world.org_a1.pk])).status_code == 403


def test_prefecture_staff_edits_any_county(client_for, world):
    client = client_for(world.carol)
    response = client.post(reverse("branches:organization_update", args=[world.org_b1.pk]),
                           {"name": "普兰一村党支部(改)", "kind": "branch", "area": world.village_b1.pk,
                            "status": "active"})
    assert response.status_code == 302
    assert PartyOrganization.objects.get(pk=world.org_b1.pk).name == "普兰一村党支部(改)"


def test_parent_in_other_county_is_refused(world):
    from django.core.exceptions import ValidationError

    from branches.services import organization_create
    with pytest.raises(ValidationError) as error:
        organization_create(actor=world.carol, name="作业组", kind="work_group_branch",
                            area=world.village_a1, parent=world.org_b1)
    assert "上级党组织必须与本组织在同一县内" in str(error.value)


def test_list_query_count_is_flat(client_for, world, django_assert_max_num_queries):
    client = client_for(world.alice)
    with django_assert_max_num_queries(10):
        client.get(reverse("branches:organization_list"))
    PartyOrganization.objects.bulk_create([
        PartyOrganization(name=f"支部{i}", kind="branch", area=world.village_a1) for i in range(40)])
    with django_assert_max_num_queries(10):
        client.get(reverse("branches:organization_list"))


def test_admin_adds_village_to_tree(client_for, world):
    client = client_for(world.sam)
    response = client.post(reverse("branches:area_add_child", args=[world.township_a.pk]), {"name": "新村"})
    assert response.status_code == 302
    village = Area.objects.get_children(world.township_a).get(name="新村")
    assert village.level == "village" and village.path.startswith(world.county_a.path)


def test_clerk_cannot_edit_tree(client_for, world):
    client = client_for(world.alice)
    assert client.post(reverse("branches:area_add_child", args=[world.township_a.pk]), {"name": "x"}).status_code == 403


def test_areas_visible_to_a_county_clerk_are_their_county_and_below(world):
    names = list(Area.objects.visible_to(world.alice).values_list("name", flat=True))
    assert names == ["噶尔县", "狮泉河镇", "加木村", "昆莎乡", "昆莎一村"]


def test_areas_visible_to_a_township_clerk_are_their_township_and_below(world):
    assert set(Area.objects.visible_to(world.tess)) == {world.township_a, world.village_a1}


def test_areas_visible_to_prefecture_staff_are_all(world):
    assert Area.objects.visible_to(world.dave).count() == Area.objects.count() == 9


@pytest.mark.parametrize("persona", ["erin", "sam"])
def test_no_areas_are_visible_without_a_business_scope(world, persona):
    assert not Area.objects.visible_to(getattr(world, persona)).exists()
