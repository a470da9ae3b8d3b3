"""One name per organization in an area; nothing done is dated after today. Through the services,
the page and the import."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from branches import services
from branches.models import CommitteePost, PartyOrganization, ProblemCategory, Rectification

D = datetime.date
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def _create(world, name, area=None, **fields):
    return services.organization_create(actor=world.alice, name=name, kind="branch", area=area or world.village_a1,
                                        **fields)


def test_a_second_organization_of_the_same_name_in_the_village_is_refused(world):
    with pytest.raises(ValidationError) as error:
        _create(world, "加木村党支部")
    assert error.value.message_dict["name"] == ["本村已有同名党组织：加木村党支部。"]
    assert PartyOrganization.objects.filter(name="加木村党支部").count() == 1


def test_the_same_name_elsewhere_and_an_unchanged_name_are_fine(world):
    _create(world, "加木村党支部", area=world.village_a2)
    services.organization_update(actor=world.alice, organization=world.org_a1, name="加木村党支部", unit_name="")
    assert PartyOrganization.objects.filter(name="加木村党支部").count() == 2


def test_a_rename_onto_a_neighbours_name_is_refused(world):
    second = _create(world, "加木村第二党支部")
    with pytest.raises(ValidationError) as error:
        services.organization_update(actor=world.alice, organization=second, name=" 加木村党支部 ")
    assert error.value.message_dict["name"] == ["本村已有同名党组织：加木村党支部。"]


def test_a_dissolved_organization_keeps_its_name(world):
    services.organization_change_status(actor=world.alice, organization=world.org_a1, status="dissolved",
                                        status_changed_on=D(2022, 3, 1))
    with pytest.raises(ValidationError) as error:
        _create(world, "加木村党支部")
    assert error.value.message_dict["name"] == ["本村已有同名党组织：加木村党支部（已撤销）。"]


def test_a_township_says_so(world):
    _create(world, "狮泉河镇机关党支部", area=world.township_a)
    with pytest.raises(ValidationError) as error:
        _create(world, "狮泉河镇机关党支部", area=world.township_a)
    assert error.value.message_dict["name"] == ["本乡镇已有同名党组织：狮泉河镇机关党支部。"]


def test_the_page_refuses_the_same_name(client_for, world):
    response = client_for(world.alice).post(reverse("branches:organization_create"), {
        "name": "加木村党支部", "kind": "branch", "parent": "", "area": world.village_a1.pk, "unit_name": "",
        "founded_on": ""})
    assert response.status_code == 200
    assert "本村已有同名党组织：加木村党支部。" in response.content.decode()
    assert PartyOrganization.objects.filter(name="加木村党支部").count() == 1


def test_founding_leaving_office_and_identification_cannot_be_tomorrow(world):
    with pytest.raises(ValidationError) as error:
        _create(world, "加木村第二党支部", founded_on=TOMORROW)
    assert error.value.message_dict["founded_on"] == ["成立日期不能晚于今天。"]
    with pytest.raises(ValidationError) as error:
        services.post_create(actor=world.alice, organization=world.org_a1, role="secretary", person_name="扎西",
                             term_start=D(2021, 1, 1), term_end=D(2026, 1, 1), left_on=TOMORROW)
    assert error.value.message_dict["left_on"] == ["离任日期不能晚于今天。"]
    # A term that ends years ahead is the normal case.
    services.post_create(actor=world.alice, organization=world.org_a1, role="secretary", person_name="扎西",
                         term_start=D(2021, 1, 1), term_end=TOMORROW + datetime.timedelta(days=1500))
    with pytest.raises(ValidationError) as error:
        services.rectification_create(actor=world.alice, organization=world.org_a1, year=TOMORROW.year,
                                      identified_on=TOMORROW, source="self",
                                      categories=[ProblemCategory.objects.first()])
    assert error.value.message_dict["identified_on"] == ["认定日期不能晚于今天。"]
    assert CommitteePost.objects.count() == 1 and not Rectification.objects.exists()
