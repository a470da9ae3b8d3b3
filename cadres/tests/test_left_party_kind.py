"""出党方式: required when the status is 出党, blank otherwise (one rule, PartyMember.clean()), on the
pages, through the services and by import; 出党 rows recorded before the kind stay in the database."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cadres import services
from cadres.models import PartyMember

from .factories import PartyMemberFactory
from .test_views import member_post

D = datetime.date
REQUIRED = "党籍状态为“出党”时须填写出党方式。"
BLANK = "党籍状态不是“出党”时，出党方式应留空。"
FULL_MEMBER = dict(stage="5", applied_on="2014-01-01", activist_on="2014-03-01", candidate_on="2015-03-01",
                   admitted_on="2015-06-01", full_member_on="2016-06-01")


def test_the_form_asks_for_the_kind_of_a_member_who_left_the_party(client_for, world):
    data = member_post(world, **FULL_MEMBER, status="expelled", status_changed_on="2022-05-01")
    response = client_for(world.alice).post(reverse("cadres:member_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["left_party_kind"] == [REQUIRED]
    assert not PartyMember.objects.exists()

    data["left_party_kind"] = "persuaded_to_withdraw"
    response = client_for(world.alice).post(reverse("cadres:member_create"), data)
    assert response.status_code == 302
    member = PartyMember.objects.get()
    assert (member.status, member.left_party_kind) == ("expelled", "persuaded_to_withdraw")
    page = client_for(world.alice).get(member.get_absolute_url()).content.decode()
    assert '出党方式</dt><dd class="col-8">劝其退党</dd>' in page


def test_the_form_refuses_a_kind_for_another_status(client_for, world):
    data = member_post(world, **FULL_MEMBER, status="deceased", status_changed_on="2022-05-01",
                       left_party_kind="withdrew")
    response = client_for(world.alice).post(reverse("cadres:member_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["left_party_kind"] == [BLANK]
    assert not PartyMember.objects.exists()


def test_correcting_the_status_back_keeps_nothing_half_changed(client_for, world):
    member = PartyMemberFactory(organization=world.org_a1, status="expelled", status_changed_on=D(2022, 5, 1),
                                left_party_kind="struck_off")
    data = member_post(world, id_number="", birth_date="1985-06-15", stage="5", applied_on="2005-01-10",
                       activist_on="2005-06-01", candidate_on="2006-07-01", admitted_on="2006-12-01",
                       full_member_on="2007-12-01", status="normal", status_changed_on="",
                       left_party_kind="struck_off")
    response = client_for(world.alice).post(reverse("cadres:member_update", args=[member.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["left_party_kind"] == [BLANK]
    member.refresh_from_db()
    assert (member.status, member.left_party_kind) == ("expelled", "struck_off")
    # Cleared with the status, the correction is saved.
    data["left_party_kind"] = ""
    assert client_for(world.alice).post(reverse("cadres:member_update", args=[member.pk]), data).status_code == 302
    member.refresh_from_db()
    assert (member.status, member.left_party_kind) == ("normal", "")


def test_the_service_applies_the_same_rule(world):
    member = PartyMemberFactory(organization=world.org_a1)
    with pytest.raises(ValidationError) as error:
        services.member_update(actor=world.alice, member=member, status="expelled", status_changed_on=D(2022, 5, 1))
    assert error.value.message_dict["left_party_kind"] == [REQUIRED]
    with pytest.raises(ValidationError) as error:
        services.member_update(actor=world.alice, member=member, left_party_kind="withdrew")
    assert error.value.message_dict["left_party_kind"] == [BLANK]
    member.refresh_from_db()
    assert (member.status, member.left_party_kind) == ("normal", "")
    services.member_update(actor=world.alice, member=member, status="expelled", status_changed_on=D(2022, 5, 1),
                           left_party_kind="self_lapsed")
    member.refresh_from_db()
    assert (member.status, member.left_party_kind) == ("expelled", "self_lapsed")


def test_a_legacy_row_without_a_kind_stays_and_is_shown_as_not_filled(client_for, world):
    # Recorded before the kind existed (saved without clean(), as the migration leaves such rows).
    member = PartyMemberFactory(organization=world.org_a1, status="expelled", status_changed_on=D(2019, 5, 1))
    member.refresh_from_db()
    assert member.left_party_kind == ""
    page = client_for(world.alice).get(member.get_absolute_url()).content.decode()
    assert '出党方式</dt><dd class="col-8">未填写</dd>' in page
    # The next correction of the record asks for it.
    with pytest.raises(ValidationError) as error:
        services.member_update(actor=world.alice, member=member, name="改名")
    assert error.value.message_dict["left_party_kind"] == [REQUIRED]


def test_the_page_shows_no_kind_for_another_status(client_for, world):
    member = PartyMemberFactory(organization=world.org_a1)
    assert "出党方式" not in client_for(world.alice).get(member.get_absolute_url()).content.decode()
