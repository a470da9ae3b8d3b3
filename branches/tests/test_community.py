"""村 and 社区 told apart: Area.is_community, only at the village level, through the tree admin's pages."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from branches import services
from branches.models import Area
from branches.services import load_ngari_tree


def test_it_adds_a_community_under_a_township(world):
    area = services.area_add_child(actor=world.sam, parent=world.township_a, name="狮泉河社区", is_community=True)
    area.refresh_from_db()
    assert area.level == "village" and area.is_community


def test_it_refuses_a_community_above_the_village_level_and_saves_nothing(world):
    with pytest.raises(ValidationError) as error:
        services.area_add_child(actor=world.sam, parent=world.county_a, name="新乡", is_community=True)
    assert "只有村(社区)一级的区域可以标为社区" in " ".join(error.value.message_dict["is_community"])
    assert not Area.objects.filter(name="新乡").exists()
    with pytest.raises(ValidationError):
        services.area_rename(actor=world.sam, area=world.township_a, name="狮泉河镇", is_community=True)
    assert not Area.objects.get(pk=world.township_a.pk).is_community


def test_a_community_may_also_be_a_border_village(world):
    services.area_rename(actor=world.sam, area=world.village_b1, name="普兰一村", is_border_village=True,
                         is_community=True)
    world.village_b1.refresh_from_db()
    assert world.village_b1.is_border_village and world.village_b1.is_community


def test_the_admin_marks_a_village_as_community_and_the_area_page_shows_it(client_for, world):
    client = client_for(world.sam)
    url = reverse("branches:area_update", args=[world.village_a1.pk])
    assert 'name="is_community"' in client.get(url).content.decode()
    assert client.post(url, {"name": "加木村", "is_community": "on"}).status_code == 302
    world.village_a1.refresh_from_db()
    assert world.village_a1.is_community
    body = client_for(world.alice).get(reverse("branches:area_detail", args=[world.village_a1.pk])).content.decode()
    assert "社区</span>" in body
    township = client_for(world.alice).get(reverse("branches:area_detail", args=[world.township_a.pk]))
    assert township.content.decode().count("社区</span>") == 1   # the child 加木村 in the list
    assert "社区</span>" not in client_for(world.alice).get(
        reverse("branches:area_detail", args=[world.village_a2.pk])).content.decode()


def test_the_form_shows_the_refusal_under_the_field_and_keeps_the_area(client_for, world):
    client = client_for(world.sam)
    response = client.post(reverse("branches:area_update", args=[world.township_a.pk]),
                           {"name": "狮泉河镇", "is_community": "on"})
    assert response.status_code == 200
    assert "只有村(社区)一级的区域可以标为社区" in " ".join(response.context["form"].errors["is_community"])
    assert not Area.objects.get(pk=world.township_a.pk).is_community


def test_a_clerk_cannot_mark_a_community(client_for, world):
    response = client_for(world.alice).post(reverse("branches:area_update", args=[world.village_a1.pk]),
                                            {"name": "加木村", "is_community": "on"})
    assert response.status_code == 403
    assert not Area.objects.get(pk=world.village_a1.pk).is_community


SEAT_COMMUNITIES = {"狮泉河社区", "普兰社区", "托林社区", "日土社区", "革吉社区", "改则社区", "措勤社区"}


def test_the_demo_tree_has_one_community_per_county_seat_among_its_145_units(db):
    load_ngari_tree()
    villages = Area.objects.filter(level=Area.Level.VILLAGE)
    assert villages.count() == 145
    assert set(villages.filter(is_community=True).values_list("name", flat=True)) == SEAT_COMMUNITIES
    assert villages.filter(name="加木村", is_community=False).exists()
    for name in SEAT_COMMUNITIES:   # each under its own county seat town
        town = Area.objects.get_parent(Area.objects.get(name=name))
        assert town.name == name.removesuffix("社区") + "镇"


def test_a_tree_loaded_before_communities_is_renamed_not_grown(db):
    load_ngari_tree()
    # As loaded before: 普兰镇's fourth unit was the placeholder 普兰四村, 措勤镇's third 措勤三村.
    for name, former in (("普兰社区", "普兰四村"), ("措勤社区", "措勤三村")):
        Area.objects.filter(name=name).update(name=former, is_community=False)
    Area.objects.filter(name="革吉社区").update(is_community=False)  # cleared by an admin: stays cleared
    Area.objects.filter(name="昆莎一村").update(is_community=True)   # marked by an admin: stays
    load_ngari_tree()
    villages = Area.objects.filter(level=Area.Level.VILLAGE)
    assert villages.count() == 145
    assert set(villages.filter(is_community=True).values_list("name", flat=True)) == (
        SEAT_COMMUNITIES - {"革吉社区"}) | {"昆莎一村"}
    assert not villages.filter(name__in=["普兰四村", "措勤三村"]).exists()
