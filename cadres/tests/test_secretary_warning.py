"""A two-committee record whose post says 书记 while the village's party organization records another
secretary: a warning on the page after the save (the import's preview lists the same), never a refusal."""
import datetime

import pytest
from django.urls import reverse

from branches.models import CommitteePost, PartyOrganization
from cadres.models import TwoCommitteeMember
from cadres.selectors import branch_secretary_warning, is_party_secretary_post

from .factories import TwoCommitteeMemberFactory

D = datetime.date



@pytest.mark.parametrize("post,is_secretary", [
    ("村党支部书记", True), ("村党支部书记、村委会主任", True), ("党总支书记", True), ("书记", True),
    ("村党支部副书记", False), ("驻村第一书记", False), ("村委会主任", False), ("", False),
])
def test_it_reads_a_secretary_from_the_post(post, is_secretary):
    assert is_party_secretary_post(post) is is_secretary


def _secretary_post(org, name, start=D(2021, 1, 1), left_on=None):
    return CommitteePost.objects.create(organization=org, role="secretary", person_name=name, term_start=start,
                                        term_end=D(start.year + 5, start.month, start.day), left_on=left_on)


def test_no_warning_when_the_branch_records_the_same_secretary(world):
    _secretary_post(world.org_a1, "扎西")
    person = TwoCommitteeMemberFactory(village=world.village_a1, name="扎西", post="村党支部书记")
    assert branch_secretary_warning(person) == ""


def test_a_warning_names_the_recorded_secretary(world):
    _secretary_post(world.org_a1, "扎西", start=D(2015, 1, 1), left_on=D(2020, 12, 31))  # before this term
    _secretary_post(world.org_a1, "次仁")
    person = TwoCommitteeMemberFactory(village=world.village_a1, name="顿珠", post="村党支部书记、村委会主任",
                                       term_start=D(2021, 3, 1))
    assert branch_secretary_warning(person) == (
        "顿珠的职务为“村党支部书记、村委会主任”，但加木村党组织班子职务中登记的书记是次仁；请核对两处记录。")


def test_a_warning_when_the_branch_records_no_secretary(world):
    _secretary_post(world.org_a2, "扎西")  # another village's branch
    work_group = PartyOrganization.objects.create(name="加木村第1作业组党支部", kind="work_group_branch",
                                                  area=world.village_a1, parent=world.org_a1)
    _secretary_post(work_group, "顿珠")  # a work group's secretary is not the village's
    person = TwoCommitteeMemberFactory(village=world.village_a1, name="顿珠", post="书记")
    assert branch_secretary_warning(person) == (
        "顿珠的职务为“书记”，但加木村的党组织在其任期内没有登记书记；请在党组织的班子职务中登记。")


def test_a_deputy_gets_no_warning(world):
    _secretary_post(world.org_a1, "次仁")
    assert branch_secretary_warning(TwoCommitteeMemberFactory(village=world.village_a1, post="村党支部副书记")) == ""


def test_the_page_saves_and_warns(client_for, world):
    _secretary_post(world.org_a1, "次仁")
    client = client_for(world.alice)
    response = client.post(reverse("cadres:committee_create"), {
        "member": "", "name": "顿珠", "gender": "M", "village": world.village_a1.pk, "committee": "both",
        "post": "村党支部书记", "term_start": "2021-03-01", "term_end": ""}, follow=True)
    person = TwoCommitteeMember.objects.get()
    assert response.redirect_chain[-1][0] == person.get_absolute_url()
    assert [(str(m), m.level_tag) for m in response.context["messages"]] == [
        ("两委成员已保存。", "success"),
        ("顿珠的职务为“村党支部书记”，但加木村党组织班子职务中登记的书记是次仁；请核对两处记录。", "warning")]
    assert "alert-warning" in response.content.decode()
    response = client.post(reverse("cadres:committee_update", args=[person.pk]), {
        "member": "", "name": "次仁", "gender": "M", "village": world.village_a1.pk, "committee": "both",
        "post": "村党支部书记", "term_start": "2021-03-01", "term_end": ""}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
