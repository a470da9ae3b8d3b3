"""Every DateField of the six pillars, decided once: a date that records something that has
happened is refused after today; a date that looks ahead (a term's end, a deadline, the planned end
of a pairing or a stay) is not. A new DateField fails the first test until it is put in one list.

The pages and the Excel import both save through the services, which full_clean() the model:
the per-app plausibility tests go through those; this file checks each model's clean() itself."""
from ali_party.pillars import RECORD_APPS
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

PILLARS = RECORD_APPS

# "app.Model.field": extra attributes the record needs for its date to be the only question.
REFUSED_IN_FUTURE = {
    "branches.PartyOrganization.founded_on": {},
    "branches.PartyOrganization.status_changed_on": {},
    "branches.CommitteePost.term_start": {},
    "branches.CommitteePost.left_on": {},
    "branches.Designation.revoked_on": {},
    "branches.ProgrammeEnrollment.achieved_on": {},
    "branches.Assessment.assessed_on": {},
    "branches.Rectification.identified_on": {},
    "branches.Rectification.closed_on": {},
    "branches.Measure.completed_on": {},
    "branches.Review.reviewed_on": {},
    "cadres.PartyMember.birth_date": {},
    "cadres.PartyMember.applied_on": {"stage": 5},
    "cadres.PartyMember.activist_on": {"stage": 5},
    "cadres.PartyMember.candidate_on": {"stage": 5},
    "cadres.PartyMember.admitted_on": {"stage": 5},
    "cadres.PartyMember.full_member_on": {"stage": 5},
    "cadres.PartyMember.status_changed_on": {},
    "cadres.OrganizationTransfer.transferred_on": {},
    "cadres.TwoCommitteeMember.term_start": {},
    "cadres.LanguageAssessment.assessed_on": {},
    "cadres.LanguageTrainingSession.started_on": {},
    "cadres.SentCadre.started_on": {},
    "cadres.CadreWorkLog.logged_on": {},
    "activities.Activity.held_on": {},
    "activities.ServiceHall.opened_on": {},
    "activities.ContactCardIssue.issued_on": {},
    "activities.ProxyMatter.accepted_on": {},
    "capacity.CoBuildingPairing.started_on": {},
    "capacity.DisputeScreening.screened_on": {},
    "capacity.DisputeCase.found_on": {},
    "capacity.DisputeCase.handled_on": {},
    "capacity.IncomeTeam.started_on": {},
    "capacity.StrongWeakPairing.started_on": {},
    "capacity.EcologyTeam.started_on": {},
    "evaluations.OrganizationLifeMeeting.held_on": {},
    "evaluations.RecordBookIssue.issued_on": {},
    "evaluations.FollowUp.opened_on": {},
    "evaluations.FollowUp.closed_on": {"status": "closed"},
    "evaluations.HeartToHeartTalk.held_on": {},
    "funding.TownshipAccount.opened_on": {},
    "funding.VillageLedger.opened_on": {},
    "funding.Expenditure.spent_on": {},
    "funding.VenueUpgrade.completed_on": {},
    "orglife.Term.election_date": {},
    "orglife.Term.start_date": {},
    "orglife.Term.approved_on": {},
    "orglife.Term.reschedule_approved_on": {},
    "orglife.SecretaryAppraisal.reported_on": {},
    "orglife.SecretaryAppraisal.assessed_on": {},
    "orglife.SecretaryAppraisal.rectified_on": {},
    "dues.DuesPayment.paid_on": {},
    "mobility.FloatingPeriod.left_on": {},
    "mobility.FloatingPeriod.returned_on": {},
    "mobility.IncomingMember.arrived_on": {},
    "mobility.IncomingMember.left_on": {},
    "mobility.LostContact.lost_since": {},
    "mobility.LostContact.found_on": {},
    "development.DevelopmentStep.done_on": {"step": 2},
    "development.DevelopmentContact.from_on": {},
    "development.ProbationReport.quarter": {},
    "development.ProbationReport.submitted_on": {},
}

# "app.Model.field": why it may lie ahead.
ALLOWED_IN_FUTURE = {
    "lapse.LapseWarning.first_month": "computed by the daily job (lapse.services), never entered",
    "lapse.LapseWarning.last_month": "computed by the daily job (lapse.services), never entered",
    "lapse.LapseWarning.computed_on": "computed by the daily job (lapse.services), never entered",
    "branches.CommitteePost.term_end": "任期届满: the end of the term, normally years ahead",
    "branches.Measure.deadline": "完成时限: a deadline",
    "cadres.TwoCommitteeMember.term_end": "任期结束: may be the end of the five-year term",
    "cadres.LanguageTrainingSession.ended_on": "结业日期: the planned end of a session under way",
    "cadres.SentCadre.ended_on": "驻村结束日期: a tour of duty has a planned end",
    "activities.ServiceHall.closed_on": "停用日期: a closure may be announced (the hall counts as open until then)",
    "capacity.CoBuildingPairing.ended_on": "结对结束日期: the agreed end of the pairing",
    "capacity.IncomeTeam.ended_on": "解散日期: a team set up for a season ends on a planned day",
    "capacity.StrongWeakPairing.ended_on": "结束日期: the agreed end of the pairing",
    "capacity.EcologyTeam.ended_on": "撤销日期: a team set up for a season ends on a planned day",
    "evaluations.Reminder.period_start": "written by the compliance job for the current period",
    "evaluations.Reminder.period_end": "written by the compliance job: the period's end lies ahead",
    "orglife.Term.due_on": "任期届满日期: derived, normally years ahead",
    "orglife.Term.ended_on": "任期结束日期: derived from the next term's start (itself refused in the future)",
    "orglife.SecretaryAppraisal.rectification_deadline": "整改期限: a deadline",
    "dues.DuesRelief.from_month": "减免起始月份: a relief is asked for the months to come",
    "dues.DuesRelief.to_month": "减免截止月份: a relief is asked for the months to come",
}


def pillar_date_fields() -> set[str]:
    return {f"{model._meta.label}.{field.name}"
            for app in PILLARS for model in apps.get_app_config(app).get_models()
            for field in model._meta.get_fields()
            if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)}


def test_every_date_field_of_the_pillars_is_decided():
    decided = set(REFUSED_IN_FUTURE) | set(ALLOWED_IN_FUTURE)
    assert not set(REFUSED_IN_FUTURE) & set(ALLOWED_IN_FUTURE)
    assert pillar_date_fields() - decided == set(), "decide these: refused in the future or allowed"
    assert decided - pillar_date_fields() == set(), "no longer DateFields"


def _record(label: str, day, extra: dict):
    app_model, name = label.rsplit(".", 1)
    model = apps.get_model(app_model)
    return model(**{name: day, **extra}), name, model._meta.get_field(name).verbose_name


def _field_errors(obj, name) -> list[str]:
    try:
        obj.clean()
    except ValidationError as error:
        return error.message_dict.get(name, [])
    return []


@pytest.mark.parametrize("label", sorted(REFUSED_IN_FUTURE))
def test_a_date_of_something_done_is_refused_after_today(db, label):
    today = timezone.localdate()
    obj, name, verbose_name = _record(label, today + timedelta(days=1), REFUSED_IN_FUTURE[label])
    assert _field_errors(obj, name) == [f"{verbose_name}不能晚于今天。"]
    obj, name, _ = _record(label, today, REFUSED_IN_FUTURE[label])
    assert not any("晚于今天" in message for message in _field_errors(obj, name))


@pytest.mark.parametrize("label", sorted(ALLOWED_IN_FUTURE))
def test_a_date_that_looks_ahead_is_not_refused(db, label):
    obj, name, _ = _record(label, timezone.localdate() + timedelta(days=3 * 365), {})
    assert _field_errors(obj, name) == []
