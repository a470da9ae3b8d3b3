"""Rules of the 基本组织 pillar, enforced by the services (and the models' clean())."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from branches import selectors, services
from branches.models import Assessment, Designation, Measure, PartyOrganization, Rectification
from branches.tests.records import case, category, checklist, kind
from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory


def messages_of(error: ValidationError) -> dict:
    return {field: " ".join(str(m) for m in msgs) for field, msgs in error.value.message_dict.items()}


# --- bad input -------------------------------------------------------------------------------------

def test_it_refuses_a_parent_in_another_county(world):
    with pytest.raises(ValidationError) as error:
        services.organization_create(actor=world.carol, name="跨县作业组", kind="branch",
                                     area=world.village_a1, parent=world.org_b1)
    assert "上级党组织必须与本组织在同一县内" in messages_of(error)["parent"]
    assert not PartyOrganization.objects.filter(name="跨县作业组").exists()


def test_it_refuses_a_measure_deadline_before_identification_and_saves_nothing(world):
    with pytest.raises(ValidationError) as error:
        services.rectification_create(
            actor=world.carol, organization=world.org_a1, year=2022, identified_on=date(2022, 4, 1),
            source="self", categories=[category()],
            responsible_persons=[{"name": "扎西", "role": "county_leader"}],
            measures=[{"description": "配齐书记", "owner": "次仁", "deadline": date(2022, 3, 1)}])
    assert "完成时限不能早于认定日期" in messages_of(error)["deadline"]
    assert not Rectification.objects.exists() and not Measure.objects.exists()


def test_it_refuses_a_late_deadline_on_an_existing_case(world):
    rectification = case(world.carol, world.org_a1, identified_on=date(2022, 4, 1))
    with pytest.raises(ValidationError) as error:
        services.measure_add(actor=world.carol, rectification=rectification, description="x", owner="y",
                             deadline=date(2022, 3, 31))
    assert "完成时限" in messages_of(error)["deadline"]
    assert rectification.measures.count() == 1


def test_it_refuses_a_designation_for_a_dissolved_organization(world):
    services.organization_change_status(actor=world.carol, organization=world.org_a1, status="dissolved",
                                        status_changed_on=date(2022, 5, 1))
    with pytest.raises(ValidationError) as error:
        services.designation_create(actor=world.carol, kind=kind("baijia"), organization=world.org_a1,
                                    year=2022, level="region")
    assert "已撤销" in messages_of(error)["organization"]
    assert not Designation.objects.exists()


# --- organizations: status, never deleted ---------------------------------------------------------

def test_it_merges_with_a_date_and_keeps_the_row(world):
    services.organization_change_status(actor=world.alice, organization=world.org_a2, status="merged",
                                        status_changed_on=date(2023, 1, 1), merged_into=world.org_a1)
    world.org_a2.refresh_from_db()
    assert world.org_a2.status == "merged" and world.org_a2.merged_into == world.org_a1


def test_it_refuses_a_merge_without_target_or_date(world):
    with pytest.raises(ValidationError) as error:
        services.organization_change_status(actor=world.alice, organization=world.org_a2, status="merged",
                                            status_changed_on=date(2023, 1, 1))
    assert "并入" in messages_of(error)["merged_into"]
    with pytest.raises(ValidationError) as error:
        services.organization_change_status(actor=world.alice, organization=world.org_a2, status="dissolved",
                                            status_changed_on=None)
    assert "status_changed_on" in messages_of(error)


def test_it_refuses_to_dissolve_an_organization_with_active_children(world):
    services.organization_create(actor=world.alice, name="作业组", kind="work_group_branch", parent=world.org_a1,
                                 area=world.village_a1)
    with pytest.raises(ValidationError) as error:
        services.organization_change_status(actor=world.alice, organization=world.org_a1, status="dissolved",
                                            status_changed_on=date(2023, 1, 1))
    assert "下级党组织" in messages_of(error)["status"]


def test_it_ignores_status_in_an_ordinary_edit(world):
    services.organization_update(actor=world.alice, organization=world.org_a1, name="加木村党支部",
                                 status="dissolved", status_changed_on=date(2023, 1, 1))
    world.org_a1.refresh_from_db()
    assert world.org_a1.status == "active"


def test_it_refuses_other_county_and_read_only_writers(world):
    with pytest.raises(Http404):
        services.post_create(actor=world.alice, organization=world.org_b1, role="secretary", person_name="x",
                             term_start=date(2021, 1, 1), term_end=date(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        case(world.dave, world.org_a1)
    assert not Rectification.objects.exists()


# --- structure warnings from derived counts ---------------------------------------------------------

def _warnings(org):
    return selectors.structure_warnings(selectors.with_structure(PartyOrganization.objects.filter(pk=org.pk)).get())


def test_it_warns_about_branch_structure(world):
    PartyMemberFactory.create_batch(2, organization=world.org_a1)
    PartyMemberFactory(organization=world.org_a1, status=PartyMember.Status.DECEASED, status_changed_on=date(2020, 1, 1))
    assert _warnings(world.org_a1) == ["正式党员不足3人（现有2人）"]

    PartyMemberFactory.create_batch(5, organization=world.org_a1)
    assert _warnings(world.org_a1) == ["正式党员7人，应设立支部委员会"]
    for role in ("secretary", "organization", "propaganda"):
        services.post_create(actor=world.alice, organization=world.org_a1, role=role, person_name=role,
                             term_start=date(2024, 1, 1), term_end=date(2099, 1, 1))
    assert _warnings(world.org_a1) == []

    PartyMemberFactory.create_batch(44, organization=world.org_a1, stage=PartyMember.Stage.PROBATIONARY)
    org = selectors.with_structure(PartyOrganization.objects.filter(pk=world.org_a1.pk)).get()
    assert (org.full_member_count, org.member_count) == (7, 51)
    assert selectors.structure_warnings(org) == ["党员超过50人（现有51人），应调整设置"]


def test_it_warns_when_a_term_has_ended(world):
    PartyMemberFactory.create_batch(3, organization=world.org_b1)
    services.post_create(actor=world.bob, organization=world.org_b1, role="secretary", person_name="尼玛",
                         term_start=date(2015, 1, 1), term_end=date(2020, 1, 1))
    assert _warnings(world.org_b1) == ["班子任期已届满，应按期换届"]
    post = world.org_b1.posts.get()
    services.post_update(actor=world.bob, post=post, role="secretary", person_name="尼玛", term_start=post.term_start,
                         term_end=post.term_end, left_on=date(2020, 1, 1))
    # The post has ended; the secretary's seat has been empty since (branches.structure).
    assert _warnings(world.org_b1) == ["书记空缺已超过3个月（自2020-01-01）"]


# --- assessment --------------------------------------------------------------------------------------

def test_it_scores_an_assessment_from_failed_items(world):
    items = checklist(2022, 4)
    assessment = services.assessment_record(actor=world.alice, organization=world.org_a1, year=2022,
                                            assessed_on=date(2022, 12, 1), failed_items=items[:1])
    assert (str(assessment.score), assessment.passed) == ("75.0", False)
    assessment = services.assessment_update(actor=world.alice, assessment=assessment, organization=world.org_a1,
                                            year=2022, assessed_on=date(2022, 12, 1), failed_items=[])
    assert (str(assessment.score), assessment.passed) == ("100.0", True)


def test_it_refuses_an_item_of_another_year_or_a_year_without_checklist(world):
    old = checklist(2021, 2)
    checklist(2022, 2)
    with pytest.raises(ValidationError) as error:
        services.assessment_record(actor=world.alice, organization=world.org_a1, year=2022,
                                   assessed_on=date(2022, 12, 1), failed_items=old[:1])
    assert "2022年度" in messages_of(error)["failed_items"]
    with pytest.raises(ValidationError) as error:
        services.assessment_record(actor=world.alice, organization=world.org_a1, year=2019,
                                   assessed_on=date(2019, 12, 1))
    assert "考核项目" in messages_of(error)["year"]
    assert not Assessment.objects.exists()


# --- rectification workflow ----------------------------------------------------------------------------

def test_it_refuses_closure_while_a_measure_is_open_then_closes(world):
    rectification = case(world.carol, world.org_a1, measures=2)
    with pytest.raises(ValidationError) as error:
        services.rectification_close(actor=world.alice, rectification=rectification, closed_on=date(2022, 12, 1))
    assert "尚有2条整改措施未完成" in messages_of(error)["closed_on"]
    for measure in rectification.measures.all():
        services.measure_update(actor=world.alice, measure=measure, description=measure.description,
                                owner=measure.owner, deadline=measure.deadline, status="done",
                                completed_on=date(2022, 9, 1))
    services.rectification_close(actor=world.alice, rectification=rectification, closed_on=date(2022, 12, 1),
                                 closure_note="晋位升级")
    rectification.refresh_from_db()
    assert rectification.status == "closed" and rectification.closed_on == date(2022, 12, 1)
    with pytest.raises(ValidationError):
        services.measure_add(actor=world.alice, rectification=rectification, description="x", owner="y",
                             deadline=date(2022, 12, 31))


def test_it_lists_overdue_open_measures(world):
    rectification = case(world.carol, world.org_a1, measures=1)
    case(world.carol, world.org_b1, measures=1)
    services.measure_add(actor=world.carol, rectification=rectification, description="未到期", owner="y",
                         deadline=date.today() + timedelta(days=30))
    assert [m.rectification.organization for m in selectors.overdue_measures(world.alice)] == [world.org_a1]
    assert selectors.overdue_measures(world.carol).count() == 2
