"""Each signal moves the score by exactly its weight: a small world (conftest's `world`: three village
branches), the score of 2022 before and after the one record that raises (or clears) the signal."""
import datetime

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from branches.models import CommitteePost, PartyOrganization, Rectification
from capacity.tests.factories import DisputeCaseFactory
from cadres.tests.factories import PartyMemberFactory
from dues import services as dues_services
from dues.tests.factories import DuesProfileFactory
from earlywarning import services, signals
from earlywarning.models import Level, OrganizationScore, Weight, WeightSet
from evaluations.models import MeetingKind, OrganizationLifeMeeting
from orglife.models import Term, term_due_date

D = datetime.date
YEAR = 2022


def score_of(org, year=YEAR):
    return next(s for s in services.scores_compute(year) if s.organization_id == org.pk)


def codes(score):
    return [s["code"] for s in score.signals]


def moves(org, signal_code, make, year=YEAR):
    """The score's change when `make()` adds the record, and whether the signal appeared."""
    before = score_of(org, year)
    assert signal_code not in codes(before)
    make()
    after = score_of(org, year)
    assert signal_code in codes(after)
    return after.score - before.score


def hold_all_meetings(org, year=YEAR):
    """Every 三会一课 meeting the catalogue requires in `year` (so that the signal is absent)."""
    rows = []
    for kind in MeetingKind.objects.filter(is_active=True, is_three_meetings_one_lecture=True).exclude(
            required_period="none"):
        months = {"month": range(1, 13), "quarter": (1, 4, 7, 10), "year": (1,)}[kind.required_period]
        for month in months:
            rows += [OrganizationLifeMeeting(organization=org, kind=kind, held_on=D(year, month, 10 + i), topic="会议")
                     for i in range(kind.required_count)]
    OrganizationLifeMeeting.objects.bulk_create(rows)


# Version 1's weights as the policy states them (written out here, not read from the code's table):
# a wrong default in earlywarning/defaults.py fails the tests below.
POLICY_WEIGHTS = {
    "secretary_vacant": 25, "missed_meetings": 20, "no_candidates": 10, "term_overdue": 15, "dues_arrears": 10,
    "unresolved_disputes": 10, "previous_listing": 15, "lost_contact": 10, "lapse_warning": 10,
    "poor_appraisal": 15,
}


def weight(code):
    return POLICY_WEIGHTS[code]


def test_the_initial_version_is_the_declared_table(db):
    weight_set = WeightSet.objects.get()
    assert (weight_set.version, weight_set.watch_from, weight_set.warning_from) == (1, 30, 60)
    assert dict(weight_set.weights.values_list("signal", "weight")) == POLICY_WEIGHTS
    assert {s.code for s in signals.all_signals()} == set(POLICY_WEIGHTS)


def test_secretary_vacancy_moves_the_score_by_its_weight(world):
    org = world.org_a1
    post = CommitteePost.objects.create(organization=org, role="secretary", person_name="扎西",
                                        term_start=D(2018, 1, 1), term_end=D(2023, 1, 1))
    # Left on 30 September: vacant for 3 months on 31 December, not more — no signal yet.
    post.left_on = D(2022, 9, 30)
    post.save()
    assert "secretary_vacant" not in codes(score_of(org))
    assert moves(org, "secretary_vacant",
                 lambda: CommitteePost.objects.filter(pk=post.pk).update(left_on=D(2022, 9, 29))) == 25
    # A new secretary in office on 31 December clears it.
    CommitteePost.objects.create(organization=org, role="secretary", person_name="次仁", term_start=D(2022, 12, 1),
                                 term_end=D(2027, 12, 1))
    assert "secretary_vacant" not in codes(score_of(org))


def test_a_vacancy_before_the_first_recorded_secretary_is_not_known(world):
    org = world.org_a1
    PartyOrganization.objects.filter(pk=org.pk).update(founded_on=D(2010, 1, 1))
    assert "secretary_vacant" in codes(score_of(org))  # founded long ago, never a secretary
    CommitteePost.objects.create(organization=org, role="secretary", person_name="扎西", term_start=D(2024, 1, 1),
                                 term_end=D(2029, 1, 1))
    assert "secretary_vacant" not in codes(score_of(org))


def test_a_missed_meeting_moves_the_score_by_its_weight(world):
    org = world.org_a1
    hold_all_meetings(org)
    assert "missed_meetings" not in codes(score_of(org))
    one = OrganizationLifeMeeting.objects.filter(organization=org, held_on__month=5).order_by("pk").first()
    assert moves(org, "missed_meetings", one.delete) == weight("missed_meetings")
    missed = next(s for s in score_of(org).signals if s["code"] == "missed_meetings")
    assert missed["params"] == {"n": 1}  # one period short


def test_no_candidate_for_two_years_moves_the_score_by_its_weight(world):
    org = world.org_a1
    member = PartyMemberFactory(organization=org, candidate_on=D(2021, 6, 1))
    assert moves(org, "no_candidates", lambda: set_candidate_on(member, D(2020, 12, 31))) == weight("no_candidates")


def set_candidate_on(member, candidate_on):
    type(member).objects.filter(pk=member.pk).update(candidate_on=candidate_on)


def test_no_candidates_is_for_village_organizations_only(world):
    PartyOrganization.objects.filter(pk=world.org_a1.pk).update(unit_name="县医院")
    assert "no_candidates" not in codes(score_of(world.org_a1))
    assert "no_candidates" in codes(score_of(world.org_a2))


def test_an_overdue_term_moves_the_score_by_its_weight(world):
    org = world.org_a1

    def elect(start):
        return Term.objects.create(organization=org, election_date=start, start_date=start,
                                   due_on=term_due_date(org, start))
    elect(D(2018, 3, 1))  # a village term: 5 years, due 2023-03-01
    assert "term_overdue" not in codes(score_of(org))
    assert moves(org, "term_overdue", lambda: Term.objects.update(due_on=D(2022, 12, 30))) == weight("term_overdue")
    assert "term_overdue" not in codes(score_of(org, 2021))


def test_dues_arrears_of_three_months_move_the_score_by_its_weight(world):
    org = world.org_a1
    member = PartyMemberFactory(organization=org)
    DuesProfileFactory(member=member)
    for month in (1, 2):
        dues_services.ledger_generate(actor=world.alice, organization=org, year=YEAR, month=month)
    assert "dues_arrears" not in codes(score_of(org))  # two months owed
    assert moves(org, "dues_arrears", lambda: dues_services.ledger_generate(
        actor=world.alice, organization=org, year=YEAR, month=3)) == weight("dues_arrears")


def test_an_unresolved_dispute_moves_the_score_by_its_weight(world):
    org = world.org_a1
    DisputeCaseFactory(village=world.village_a1, found_on=D(2022, 3, 1), handled=True, handled_on=D(2022, 4, 1),
                       outcome="success")
    assert "unresolved_disputes" not in codes(score_of(org))
    assert moves(org, "unresolved_disputes", lambda: DisputeCaseFactory(
        village=world.village_a1, found_on=D(2022, 6, 1))) == weight("unresolved_disputes")
    assert "unresolved_disputes" not in codes(score_of(world.org_a2))


def test_a_previous_listing_moves_the_score_by_its_weight(world):
    org = world.org_a1
    Rectification.objects.create(organization=org, year=2018, identified_on=D(2018, 5, 1), source="self")
    assert "previous_listing" not in codes(score_of(org))  # more than three years before
    assert moves(org, "previous_listing", lambda: Rectification.objects.create(
        organization=org, year=2021, identified_on=D(2021, 5, 1), source="self")) == weight("previous_listing")


def test_a_member_in_lost_contact_moves_the_score_by_its_weight(world):
    from mobility.models import LostContact

    org = world.org_a1
    member = PartyMemberFactory(organization=org)
    # Lost on 1 July 2022: not yet six months on 31 December, so not 失联 in 2022.
    LostContact.objects.create(member=member, lost_since=D(2022, 7, 1), reason="other")
    assert "lost_contact" not in codes(score_of(org))
    assert moves(org, "lost_contact", lambda: LostContact.objects.create(
        member=PartyMemberFactory(organization=org), lost_since=D(2022, 3, 1), reason="other")) == weight("lost_contact")
    assert "lost_contact" not in codes(score_of(world.org_a2))


def test_a_lapse_warning_moves_the_score_of_the_current_year_by_its_weight(world):
    from django.utils import timezone

    from lapse.models import LapseWarning

    org, this_year = world.org_a1, timezone.localdate().year
    member = PartyMemberFactory(organization=org)
    assert moves(org, "lapse_warning", lambda: LapseWarning.objects.create(
        member=member, organization=org, kind="dues", months=3, first_month=D(this_year, 1, 1),
        last_month=D(this_year, 3, 1), computed_on=D(this_year, 4, 1)), year=this_year) == weight("lapse_warning")
    assert "lapse_warning" not in codes(score_of(org, this_year - 1))  # the snapshot is of today


def test_a_poor_appraisal_moves_the_score_by_its_weight(world):
    from orglife.models import SecretaryAppraisal

    org = world.org_a1

    def appraise(grade, year=YEAR, **follow_up):
        return SecretaryAppraisal.objects.create(
            organization=org, year=year, secretary_name="扎西", report_summary="述职", reported_on=D(year + 1, 1, 10),
            grade=grade, assessed_by="镇党委", assessed_on=D(year + 1, 1, 20), **follow_up)
    appraise("fairly_good", year=YEAR - 1)
    assert "poor_appraisal" not in codes(score_of(org))
    assert moves(org, "poor_appraisal", lambda: appraise(
        "average", rectification_required="整改", rectification_deadline=D(YEAR + 1, 6, 30))) \
        == weight("poor_appraisal")


def test_the_level_boundaries(db):
    weight_set = WeightSet.objects.get()
    assert [weight_set.level_of(n) for n in (0, 29, 30, 59, 60, 200)] == [
        Level.NONE, Level.NONE, Level.WATCH, Level.WATCH, Level.WARNING, Level.WARNING]


def test_a_new_version_changes_the_scores_of_its_years_only(world):
    org = world.org_a1
    Rectification.objects.create(organization=org, year=2021, identified_on=D(2021, 5, 1), source="self")
    weights = dict(POLICY_WEIGHTS, previous_listing=40)
    new = services.weight_set_create(actor=world.carol, valid_from=2023, watch_from=30, warning_from=60,
                                     note="加重", weights=weights)
    assert new.version == 2
    old = score_of(org, 2022)
    later = score_of(org, 2023)
    assert old.weight_set.version == 1 and later.weight_set.version == 2
    listing = {year: next(s["weight"] for s in score.signals if s["code"] == "previous_listing")
               for year, score in ((2022, old), (2023, later))}
    assert listing == {2022: 15, 2023: 40}


def test_only_prefecture_staff_create_versions(world):
    from django.core.exceptions import PermissionDenied
    for user in (world.alice, world.dave, world.sam, world.erin):
        with pytest.raises(PermissionDenied):
            services.weight_set_create(actor=user, valid_from=2023, watch_from=30, warning_from=60, note="x",
                                       weights={})
    assert WeightSet.objects.count() == 1


def test_a_refused_version_writes_nothing(world):
    from django.core.exceptions import ValidationError
    with pytest.raises(ValidationError):
        services.weight_set_create(actor=world.carol, valid_from=2023, watch_from=30, warning_from=60, note="x",
                                   weights={"secretary_vacant": 101})
    assert WeightSet.objects.count() == 1 and Weight.objects.count() == len(POLICY_WEIGHTS)


def test_the_recompute_stores_every_organization_once(world):
    Rectification.objects.create(organization=world.org_b1, year=2021, identified_on=D(2021, 5, 1), source="self")
    services.scores_recompute(years=[2022])
    services.scores_recompute(years=[2022])  # replaces, never duplicates
    stored = {s.organization_id: s for s in OrganizationScore.objects.filter(year=2022)}
    assert set(stored) == {world.org_a1.pk, world.org_a2.pk, world.org_b1.pk}
    fresh = score_of(world.org_b1)
    assert (stored[world.org_b1.pk].score, stored[world.org_b1.pk].level) == (fresh.score, fresh.level)
    assert stored[world.org_b1.pk].signals == fresh.signals


def test_the_score_takes_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    from branches.tests.factories import PartyOrganizationFactory
    with django_assert_max_num_queries(19):
        services.scores_compute(2022)
    PartyOrganizationFactory.create_batch(30, area=world.village_a1)
    with django_assert_max_num_queries(19):
        assert len(services.scores_compute(2022)) == 33


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(sorted(POLICY_WEIGHTS)), st.integers(0, 100), min_size=1))
def test_the_score_is_the_sum_of_the_weights_of_the_signals_present(world, weights):
    """Whatever the weights, the score is the sum over the signals present (computed with the
    defaults) of the new weights; a signal weighed 0 is not listed."""
    WeightSet.objects.filter(version__gt=1).delete()  # the version an earlier example made
    present = set(codes(score_of(world.org_a1)))
    full = dict(POLICY_WEIGHTS, **weights)
    services.weight_set_create(actor=world.carol, valid_from=2000, watch_from=30, warning_from=60, note="h",
                               weights=full)
    score = score_of(world.org_a1)
    assert score.score == sum(full[c] for c in present)
    assert set(codes(score)) == {c for c in present if full[c]}
