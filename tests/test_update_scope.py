"""Every `*_update` service of the pillar apps refuses to move a record out of the actor's scope.

Each service checks the scope where the record is *and* where the new values would put it (its
village, organization, area, township, member …). Here alice, county A's clerk, edits a record of
county A and sets one placing field to county B: the service must answer as for another county's
record (Http404 from `require_editable`; a model rule answering ValidationError would hide a missing
scope check, so it counts only where a case says so), and the database must be unchanged. The same
call with a value inside county A then succeeds, which shows that the refusal came from the scope
and not from a badly built case. A few services ignore a placing field on purpose (a member changes organization
only by `member_transfer`): for those the field must stay as it was.

The services are found by name: a new `*_update` without a case here fails the test.
"""
from ali_party.pillars import RECORD_APPS
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from inspect import Parameter, getmembers, isfunction, signature
from typing import Callable

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from activities.tests.factories import (
    ActivityFactory, ContactCardIssueFactory, ProxyMatterFactory, ServiceHallFactory,
)
from branches.models import (
    Area, Assessment, CommitteePost, Designation, Measure, ProgrammeEnrollment, Rectification,
)
from branches.tests.factories import PartyOrganizationFactory
from branches.tests.records import category, checklist, kind as designation_kind
from cadres.tests.factories import (
    LanguageTrainingSessionFactory, PartyMemberFactory, SentCadreFactory, TwoCommitteeMemberFactory,
)
from capacity.tests.factories import (
    CoBuildingPairingFactory, CollectiveEconomyDemoVillageFactory, DisputeCaseFactory, DisputeScreeningFactory,
    EcologyTeamFactory, IncomeTeamFactory, StrongWeakPairingFactory,
)
from dues.tests.factories import DuesProfileFactory
from evaluations.models import FiveGoals, HeartToHeartTalk, OrganizationLifeMeeting, RecordBookIssue
from evaluations.tests.factories import kind as meeting_kind
from orglife.models import SecretaryAppraisal, Term, TermMember
from funding.tests.factories import (
    AllocationFactory, CollectiveEconomyProjectFactory, TownshipAccountFactory, VenueUpgradeFactory,
)

PILLAR_APPS = list(RECORD_APPS)

# Services whose parameters cannot place the record anywhere (no **fields): why, and the parameters
# they take. A new parameter fails test_the_unplaceable_services_take_no_placing_field.
UNPLACEABLE = {
    "evaluations.result_update": ({"actor", "result", "rating", "note"}, "the rating of a result, in its campaign"),
    "evaluations.followup_update": ({"actor", "follow_up", "measure", "status", "closed_on", "note"},
                                    "the follow-up of a result, in its campaign"),
}


@dataclass
class Case:
    record: str                                     # the keyword the service takes the record by
    make: Callable                                  # world -> a record in county A
    outside: Callable                               # world -> the fields that would move it to county B
    inside: Callable | None = None                  # world -> the same fields inside county A (accepted)
    extra: Callable = lambda w: {}                  # world -> other arguments the service needs
    ignored: bool = False                           # the service drops these fields by design
    refused_by: tuple = (Http404, PermissionDenied)  # what the refusal raises
    m2m: tuple = ()                                 # many-to-many fields to compare too


def _village_a3(w):
    return Area.objects.add_child(w.township_a, instance=Area(name="第三村", level=Area.Level.VILLAGE))


def _rectification(organization):
    return Rectification.objects.create(organization=organization, year=2022, identified_on=date(2022, 3, 1),
                                        source="superior")


def _talk(w):
    return HeartToHeartTalk.objects.create(organization=w.org_a1, held_on=date(2022, 5, 1), topic="谈心",
                                           initiator_name="县委组织部", counterpart_names="群众")


def _assessment(w):
    checklist(2022)
    return Assessment.objects.create(organization=w.org_a1, year=2022, assessed_on=date(2022, 12, 1))


def _term(organization):
    return Term.objects.create(organization=organization, election_date=date(2021, 5, 1), start_date=date(2021, 5, 1),
                               due_on=date(2026, 5, 1))


def _appraisal(w):
    return SecretaryAppraisal.objects.create(
        organization=w.org_a1, year=2023, secretary_name="扎西", report_summary="述职", reported_on=date(2024, 1, 10),
        grade="good", assessed_by="狮泉河镇党委", assessed_on=date(2024, 1, 20))


def _development_step(w):
    from development.services import step_record
    member = PartyMemberFactory(organization=w.org_a1)
    return step_record(actor=w.carol, member=member, step=1, done_on=member.applied_on, handled_by="次仁")


def _floating(w):
    from mobility.models import FloatingPeriod
    return FloatingPeriod.objects.create(member=PartyMemberFactory(organization=w.org_a1), left_on=date(2022, 3, 1),
                                         destination="拉萨市", reason="other")


def _incoming(w):
    from mobility.models import IncomingMember
    return IncomingMember.objects.create(name="格桑", gender="M", origin_organization="仲巴县党委",
                                         arrived_on=date(2022, 3, 1), organization=w.org_a1)


def _lost(w):
    from mobility.models import LostContact
    return LostContact.objects.create(member=PartyMemberFactory(organization=w.org_a1), lost_since=date(2021, 3, 1),
                                      reason="other")


def village(w):
    return {"village": w.village_b1}


def village_inside(w):
    return {"village": w.village_a2}


CASES = {
    # --- branches
    "branches.organization_update#area": Case(
        "organization", lambda w: PartyOrganizationFactory(area=w.village_a1),
        lambda w: {"area": w.village_b1}, lambda w: {"area": w.village_a2}),
    "branches.organization_update#parent": Case(
        "organization", lambda w: PartyOrganizationFactory(area=w.village_a1),
        lambda w: {"parent": w.org_b1}, lambda w: {"parent": w.org_a2}),
    "branches.post_update": Case(
        "post", lambda w: CommitteePost.objects.create(organization=w.org_a1, role="secretary", person_name="次仁",
                                                       term_start=date(2021, 7, 1), term_end=date(2026, 6, 30)),
        lambda w: {"organization": w.org_b1}, ignored=True),
    "branches.designation_update": Case(
        "designation", lambda w: Designation.objects.create(kind=designation_kind("four_creations"),
                                                            organization=w.org_a1, area=w.village_a1, year=2022),
        lambda w: {"organization": w.org_b1}, lambda w: {"organization": w.org_a2}),
    "branches.programme_update": Case(
        "enrollment", lambda w: ProgrammeEnrollment.objects.create(
            village=w.village_a1, track="raise_standard", enrolled_year=2021, target_year=2023),
        village, village_inside),
    "branches.assessment_update": Case(
        "assessment", _assessment, lambda w: {"organization": w.org_b1}, lambda w: {"organization": w.org_a2}),
    "branches.rectification_update": Case(
        "rectification", lambda w: _rectification(w.org_a1),
        lambda w: {"organization": w.org_b1}, lambda w: {"organization": w.org_a2},
        extra=lambda w: {"categories": [category()]}),
    "branches.measure_update": Case(
        "measure", lambda w: Measure.objects.create(rectification=_rectification(w.org_a1), description="措施",
                                                    owner="扎西", deadline=date(2022, 9, 30)),
        lambda w: {"rectification": _rectification(w.org_b1)}, ignored=True),
    # --- dues
    "dues.profile_update": Case(
        "profile", lambda w: DuesProfileFactory(member=PartyMemberFactory(organization=w.org_a1)),
        lambda w: {"member": PartyMemberFactory(organization=w.org_b1)}, ignored=True),
    # --- mobility
    "mobility.floating_update": Case(
        "floating", _floating, lambda w: {"member": PartyMemberFactory(organization=w.org_b1)},
        lambda w: {"member": PartyMemberFactory(organization=w.org_a2)}),
    "mobility.incoming_update": Case(
        "incoming", _incoming, lambda w: {"organization": w.org_b1}, lambda w: {"organization": w.org_a2}),
    "mobility.lost_update": Case(
        "lost", _lost, lambda w: {"member": PartyMemberFactory(organization=w.org_b1)},
        lambda w: {"member": PartyMemberFactory(organization=w.org_a2)}),
    # --- development
    "development.step_update": Case(
        "step_row", lambda w: _development_step(w), lambda w: {"member": PartyMemberFactory(organization=w.org_b1)},
        ignored=True),
    # --- cadres
    "cadres.member_update": Case(
        "member", lambda w: PartyMemberFactory(organization=w.org_a1),
        lambda w: {"organization": w.org_b1}, ignored=True),
    "cadres.committee_member_update#village": Case(
        "person", lambda w: TwoCommitteeMemberFactory(village=w.village_a1), village, village_inside),
    "cadres.committee_member_update#member": Case(
        "person", lambda w: TwoCommitteeMemberFactory(village=w.village_a1),
        lambda w: {"member": PartyMemberFactory(organization=w.org_b1)},
        lambda w: {"member": PartyMemberFactory(organization=w.org_a1)}),
    "cadres.training_update": Case(
        "session", lambda w: LanguageTrainingSessionFactory(area=w.county_a),
        lambda w: {"area": w.county_b}, lambda w: {"area": w.township_a}),
    "cadres.cadre_update": Case("cadre", lambda w: SentCadreFactory(village=w.village_a1), village, village_inside),
    # --- activities (an activity's village lies in its organization's county: both move together)
    "activities.activity_update": Case(
        "activity", lambda w: ActivityFactory(organization=w.org_a1),
        lambda w: {"organization": w.org_b1, "village": w.village_b1},
        lambda w: {"organization": w.org_a2, "village": w.village_a2}),
    "activities.service_hall_update": Case(
        "hall", lambda w: ServiceHallFactory(village=w.village_a1), village, village_inside),
    "activities.contact_card_issue_update": Case(
        "issue", lambda w: ContactCardIssueFactory(village=w.village_a1), village, village_inside),
    "activities.proxy_matter_update": Case(
        "matter", lambda w: ProxyMatterFactory(village=w.village_a1), village, village_inside),
    # --- capacity
    "capacity.pairing_update": Case(
        "pairing", lambda w: CoBuildingPairingFactory(village=w.village_a1), village, village_inside),
    "capacity.screening_update": Case(
        "screening", lambda w: DisputeScreeningFactory(village=w.village_a1), village, village_inside),
    "capacity.dispute_case_update": Case(
        "case", lambda w: DisputeCaseFactory(village=w.village_a1),
        lambda w: {"village": w.village_b1,
                   "screening": DisputeScreeningFactory(village=w.village_b1, disputes_found=1)},
        lambda w: {"village": w.village_a2,
                   "screening": DisputeScreeningFactory(village=w.village_a2, disputes_found=1)}),
    "capacity.demo_village_update": Case(
        "designation", lambda w: CollectiveEconomyDemoVillageFactory(village=w.village_a1), village, village_inside),
    "capacity.income_team_update": Case(
        "team", lambda w: IncomeTeamFactory(village=w.village_a1), village, village_inside),
    "capacity.strong_weak_update#strong": Case(
        "pairing", lambda w: StrongWeakPairingFactory(strong_village=w.village_a1, weak_village=w.village_a2),
        lambda w: {"strong_village": w.village_b1}, lambda w: {"strong_village": _village_a3(w)}),
    "capacity.strong_weak_update#weak": Case(
        "pairing", lambda w: StrongWeakPairingFactory(strong_village=w.village_a1, weak_village=w.village_a2),
        lambda w: {"weak_village": w.village_b1}, lambda w: {"weak_village": _village_a3(w)},
        # The model refuses first (the weak village must lie in the strong village's county); the
        # service's scope check on the new weak village comes after full_clean().
        refused_by=(ValidationError,)),
    "capacity.ecology_team_update": Case(
        "team", lambda w: EcologyTeamFactory(village=w.village_a1), village, village_inside),
    # --- evaluations
    "evaluations.meeting_update": Case(
        "meeting", lambda w: OrganizationLifeMeeting.objects.create(
            organization=w.org_a1, kind=meeting_kind("party_lecture"), held_on=date(2022, 5, 1), topic="党课"),
        lambda w: {"organization": w.org_b1}, lambda w: {"organization": w.org_a2}),
    "evaluations.recordbook_update": Case(
        "issue", lambda w: RecordBookIssue.objects.create(organization=w.org_a1, year=2022, books=2),
        lambda w: {"organization": w.org_b1}, lambda w: {"organization": w.org_a2}),
    "evaluations.fivegoals_update": Case(
        "goals", lambda w: FiveGoals.objects.create(organization=w.org_a1, year=2022),
        lambda w: {"organization": w.org_b1}, lambda w: {"organization": w.org_a2}),
    "evaluations.talk_update#organization": Case(
        "talk", _talk, lambda w: {"organization": w.org_b1}, lambda w: {"organization": w.org_a2}),
    "evaluations.talk_update#initiator": Case(
        "talk", _talk, lambda w: {"initiator": PartyMemberFactory(organization=w.org_b1)},
        lambda w: {"initiator": PartyMemberFactory(organization=w.org_a1)}),
    "evaluations.talk_update#counterparts": Case(
        "talk", _talk, lambda w: {"counterparts": [PartyMemberFactory(organization=w.org_b1)]},
        lambda w: {"counterparts": [PartyMemberFactory(organization=w.org_a1)]}, m2m=("counterparts",)),
    # --- funding
    "funding.allocation_update#village": Case(
        "allocation", lambda w: AllocationFactory(village=w.village_a1), village, village_inside),
    "funding.allocation_update#project": Case(
        "allocation", lambda w: AllocationFactory(village=w.village_a1),
        lambda w: {"project": CollectiveEconomyProjectFactory(village=w.village_b1)},
        lambda w: {"project": CollectiveEconomyProjectFactory(village=w.village_a2)}),
    "funding.township_account_update": Case(
        "account", lambda w: TownshipAccountFactory(township=w.township_a),
        lambda w: {"township": w.township_b}, lambda w: {"township": w.township_a2}),
    "funding.venue_upgrade_update": Case(
        "venue", lambda w: VenueUpgradeFactory(village=w.village_a1), village, village_inside),
    "funding.project_update": Case(
        "project", lambda w: CollectiveEconomyProjectFactory(village=w.village_a1), village, village_inside),
    # --- orglife
    "orglife.term_update": Case(
        "term", lambda w: _term(w.org_a1), lambda w: {"organization": w.org_b1}, lambda w: {"organization": w.org_a2}),
    "orglife.term_member_update": Case(
        "term_member", lambda w: TermMember.objects.create(term=_term(w.org_a1), role="secretary", person_name="次仁"),
        lambda w: {"member": PartyMemberFactory(organization=w.org_b1)},
        lambda w: {"member": PartyMemberFactory(organization=w.org_a1)}),
    "orglife.appraisal_update#organization": Case(
        "appraisal", _appraisal, lambda w: {"organization": w.org_b1}, lambda w: {"organization": w.org_a2}),
    "orglife.appraisal_update#secretary": Case(
        "appraisal", _appraisal, lambda w: {"secretary": PartyMemberFactory(organization=w.org_b1)},
        lambda w: {"secretary": PartyMemberFactory(organization=w.org_a1)}),
}


def update_services() -> dict[str, Callable]:
    """Every public `*_update` function defined in a pillar app's services.py, as "app.name"."""
    found = {}
    for app in PILLAR_APPS:
        module = import_module(f"{app}.services")
        for name, function in getmembers(module, isfunction):
            if name.endswith("_update") and not name.startswith("_") and function.__module__ == module.__name__:
                found[f"{app}.{name}"] = function
    return found


def _service(case_id: str) -> Callable:
    return update_services()[case_id.split("#")[0]]


def _state(obj, m2m=()) -> dict:
    """The record as the database holds it: column values by field name, many-to-many as sorted ids."""
    fresh = type(obj)._base_manager.get(pk=obj.pk)
    state = {f.name: getattr(fresh, f.attname) for f in type(obj)._meta.concrete_fields}
    for name in m2m:
        state[name] = sorted(getattr(fresh, name).values_list("pk", flat=True))
    return state


def _ids(value):
    return sorted(v.pk for v in value) if isinstance(value, list) else value.pk


def test_every_update_service_has_a_case():
    covered = {case_id.split("#")[0] for case_id in CASES} | set(UNPLACEABLE)
    services = set(update_services())
    assert not services - covered, f"add a case to tests/test_update_scope.py for: {sorted(services - covered)}"
    assert not covered - services, f"cases for services that no longer exist: {sorted(covered - services)}"


@pytest.mark.parametrize("service_name", sorted(UNPLACEABLE))
def test_the_unplaceable_services_take_no_placing_field(service_name):
    parameters = signature(update_services()[service_name]).parameters
    assert not any(p.kind == Parameter.VAR_KEYWORD for p in parameters.values())
    assert set(parameters) == UNPLACEABLE[service_name][0]


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_a_clerk_cannot_move_a_record_out_of_their_county(world, case_id):
    case, service = CASES[case_id], _service(case_id)
    record, outside, extra = case.make(world), case.outside(world), case.extra(world)
    before, log_rows = _state(record, case.m2m), LogEntry.objects.count()
    if case.ignored:
        service(actor=world.alice, **{case.record: record}, **outside, **extra)
        after = _state(record, case.m2m)
        assert {name: after[name] for name in outside} == {name: before[name] for name in outside}
        return
    with pytest.raises(case.refused_by):
        service(actor=world.alice, **{case.record: record}, **outside, **extra)
    assert _state(record, case.m2m) == before
    assert LogEntry.objects.count() == log_rows
    # The same change inside county A is accepted: the refusal above was the scope's.
    inside = case.inside(world)
    service(actor=world.alice, **{case.record: type(record)._base_manager.get(pk=record.pk)}, **inside, **extra)
    after = _state(record, case.m2m)
    assert {name: after[name] for name in inside} == {name: _ids(value) for name, value in inside.items()}
