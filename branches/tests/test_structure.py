"""组织设置检查: the declared structure checks, on organizations whose counts are worked out by hand."""
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from branches import structure
from branches.models import CommitteePost, PartyOrganization
from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory


def annotated(org):
    return structure.with_structure(PartyOrganization.objects.filter(pk=org.pk)).get()


def failing(org):
    return {r.check.code for r in structure.evaluate(annotated(org)) if r.warning}


def post(org, role, name="x", start=date(2022, 1, 1), left_on=None):
    return CommitteePost.objects.create(organization=org, role=role, person_name=name, term_start=start,
                                        term_end=date(2099, 1, 1), left_on=left_on)


def test_every_check_has_a_code_a_label_and_a_function():
    codes = [check.code for check in structure.CHECKS]
    assert len(codes) == len(set(codes)) == 7
    assert all(check.label and callable(check.function) for check in structure.CHECKS)


def test_a_small_branch_has_a_secretary_and_no_committee(world):
    PartyMemberFactory.create_batch(2, organization=world.org_a1)
    PartyMemberFactory(organization=world.org_a1, stage=PartyMember.Stage.PROBATIONARY, full_member_on=None)
    assert failing(world.org_a1) == {"min_full_members"}  # 2 full members (the probationary one is not)
    PartyMemberFactory(organization=world.org_a1)
    post(world.org_a1, "secretary")
    post(world.org_a1, "deputy_secretary")
    assert failing(world.org_a1) == set()
    post(world.org_a1, "organization")  # a 委员 with 3 full members: no committee below 7
    assert failing(world.org_a1) == {"no_committee_below_seven"}
    message = structure.warnings(annotated(world.org_a1))[0]
    assert "现有3人" in message and "委员1人" in message


def test_seven_full_members_need_a_committee_of_three_to_seven(world):
    PartyMemberFactory.create_batch(7, organization=world.org_a1)
    post(world.org_a1, "secretary")
    post(world.org_a1, "organization")
    assert failing(world.org_a1) == {"committee_required"}
    post(world.org_a1, "propaganda")
    assert failing(world.org_a1) == set()
    for _ in range(5):
        post(world.org_a1, "member")
    assert annotated(world.org_a1).current_post_count == 8
    assert failing(world.org_a1) == {"committee_size"}


def test_more_than_fifty_members_should_be_split(world):
    PartyMemberFactory.create_batch(7, organization=world.org_a1)
    PartyMemberFactory.create_batch(44, organization=world.org_a1, stage=PartyMember.Stage.PROBATIONARY,
                                    full_member_on=None)
    for role in ("secretary", "organization", "propaganda"):
        post(world.org_a1, role)
    assert failing(world.org_a1) == {"max_members"}


def test_a_secretary_post_vacant_more_than_three_months_warns(world):
    PartyMemberFactory.create_batch(3, organization=world.org_a1)
    today = timezone.localdate()
    post(world.org_a1, "secretary", left_on=today - timedelta(days=30))
    assert failing(world.org_a1) == set()  # vacant for a month
    CommitteePost.objects.update(left_on=today - timedelta(days=100))
    assert failing(world.org_a1) == {"secretary_vacant"}
    post(world.org_a1, "secretary", start=today - timedelta(days=1))
    assert failing(world.org_a1) == set()
    # Never any secretary: vacant since the founding, when it is known.
    PartyMemberFactory.create_batch(3, organization=world.org_a2)
    PartyOrganization.objects.filter(pk=world.org_a2.pk).update(founded_on=today - timedelta(days=200))
    assert failing(world.org_a2) == {"secretary_vacant"}


def test_the_filter_agrees_with_the_functions(world):
    PartyMemberFactory.create_batch(2, organization=world.org_a1)       # too few
    PartyMemberFactory.create_batch(3, organization=world.org_a2)       # fine
    PartyMemberFactory.create_batch(3, organization=world.org_b1)
    post(world.org_b1, "secretary", left_on=date(2020, 1, 1))           # vacant
    organizations = structure.with_structure(PartyOrganization.objects.all())
    by_function = {o.pk for o in organizations if structure.warnings(o)}
    by_filter = set(organizations.filter(structure.warning_condition()).values_list("pk", flat=True))
    assert by_function == by_filter == {world.org_a1.pk, world.org_b1.pk}
    for check in structure.CHECKS:
        assert {o.pk for o in organizations if check.warning(o, timezone.localdate())} == set(
            organizations.filter(check.condition(timezone.localdate())).values_list("pk", flat=True)), check.code


def test_the_panel_shows_each_check_on_the_organization_page(client_for, world):
    PartyMemberFactory.create_batch(2, organization=world.org_a1)
    body = client_for(world.alice).get(reverse("branches:organization_detail", args=[world.org_a1.pk])).content.decode()
    assert "组织设置检查" in body and "党支部正式党员不少于3人" in body and "正式党员不足3人（现有2人）" in body
    assert body.count("不符合") >= 1 and "符合" in body


def test_the_counts_per_child_area(client_for, world, django_assert_max_num_queries):
    PartyMemberFactory.create_batch(2, organization=world.org_a1)                   # 狮泉河镇: too few
    PartyMemberFactory.create_batch(3, organization=world.org_a2)                   # 昆莎乡: fine
    PartyOrganization.objects.create(name="第二支部", kind="branch", area=world.village_a2)  # 昆莎乡: 0 members
    client = client_for(world.alice)
    url = reverse("branches:structure_summary")
    with django_assert_max_num_queries(12):
        response = client.get(url, {"area": world.county_a.pk})
    rows = {child.name: (total, counts) for child, total, counts in response.context["rows"]}
    index = [c.code for c in structure.CHECKS].index("min_full_members")
    assert rows["狮泉河镇"][0] == 1 and rows["狮泉河镇"][1][index] == 1
    assert rows["昆莎乡"][0] == 2 and rows["昆莎乡"][1][index] == 1
    assert response.context["total"] == 3 and response.context["failing"][index] == 2
    # Another county's node is not offered: bob sees his own county.
    response = client_for(world.bob).get(url, {"area": world.county_a.pk})
    assert response.context["area"] == world.county_b and response.context["total"] == 1
    # Twenty more organizations: the same number of queries.
    for n in range(20):
        PartyOrganization.objects.create(name=f"支部{n}", kind="branch", area=world.village_a1)
    with django_assert_max_num_queries(12):
        client.get(url, {"area": world.county_a.pk})


def test_outsiders_get_no_page(client_for, world):
    assert client_for(world.erin).get(reverse("branches:structure_summary")).status_code == 403


@pytest.mark.parametrize("code", [c.code for c in structure.CHECKS])
def test_inactive_organizations_are_not_checked(world, code):
    PartyOrganization.objects.filter(pk=world.org_a1.pk).update(status="dissolved", status_changed_on=date(2020, 1, 1))
    org = annotated(world.org_a1)
    assert structure.CHECKS_BY_CODE[code].warning(org, timezone.localdate()) is None
