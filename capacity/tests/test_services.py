"""Writes of 基本能力: rules with Chinese messages, nothing half-saved."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from activities.services import activity_create
from activities.tests.factories import kind
from capacity.models import DisputeCase, StrongWeakPairing
from capacity.services import (
    dispute_case_create, dispute_case_update, pairing_create, pairing_update, screening_update,
    strong_weak_create,
)
from capacity.tests.factories import CoBuildingPairingFactory, DisputeCaseFactory, DisputeScreeningFactory

SUCCESS_MESSAGE = "调解成功的纠纷必须已调处：调解成功数不能多于已调处数。"


def test_it_refuses_a_successful_mediation_that_was_not_handled(world):
    with pytest.raises(ValidationError) as error:
        dispute_case_create(actor=world.alice, village=world.village_a1, found_on=date(2022, 3, 1),
                            description="草场纠纷", handled=False, outcome=DisputeCase.Outcome.SUCCESS)
    assert error.value.message_dict["outcome"] == [SUCCESS_MESSAGE]
    assert DisputeCase.objects.count() == 0


def test_the_database_also_refuses_more_successes_than_handled_cases(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        DisputeCase.objects.create(village=world.village_a1, found_on=date(2022, 3, 1), description="x",
                                   handled=False, outcome="success")
    assert DisputeCase.objects.count() == 0


def test_a_refused_case_update_changes_nothing(world):
    case = DisputeCaseFactory(village=world.village_a1, handled=True, handled_on=date(2022, 3, 2), outcome="success")
    fresh = DisputeCase.objects.get(pk=case.pk)
    with pytest.raises(ValidationError):
        dispute_case_update(actor=world.alice, case=fresh, handled=False, handled_on=None)
    case.refresh_from_db()
    assert case.handled and case.outcome == "success"


def test_a_handled_case_needs_date_and_outcome_not_before_it_was_found(world):
    with pytest.raises(ValidationError) as error:
        dispute_case_create(actor=world.alice, village=world.village_a1, found_on=date(2022, 3, 1),
                            description="x", handled=True, handled_on=date(2022, 2, 1), outcome="")
    assert error.value.message_dict["outcome"] == ["已调处的纠纷必须填写调处结果。"]
    assert error.value.message_dict["handled_on"] == ["调处日期不能早于发现日期。"]


def test_a_screening_holds_no_more_cases_than_it_found(world):
    screening = DisputeScreeningFactory(village=world.village_a1, disputes_found=1)
    dispute_case_create(actor=world.alice, village=world.village_a1, screening=screening,
                        found_on=date(2022, 3, 1), description="一")
    with pytest.raises(ValidationError) as error:
        dispute_case_create(actor=world.alice, village=world.village_a1, screening=screening,
                            found_on=date(2022, 3, 1), description="二")
    assert "只排查出1件纠纷" in error.value.message_dict["screening"][0]
    assert DisputeCase.objects.count() == 1
    with pytest.raises(ValidationError):
        screening_update(actor=world.alice, screening=screening, disputes_found=0)
    screening.refresh_from_db()
    assert screening.disputes_found == 1


def test_a_pairing_activity_must_fall_within_the_pairing(world):
    pairing = CoBuildingPairingFactory(village=world.village_a1, started_on=date(2022, 5, 1))
    with pytest.raises(ValidationError) as error:
        activity_create(actor=world.alice, kind=kind("drill"), held_on=date(2022, 4, 1), organization=world.org_a1,
                        village=world.village_a1, participants=5, person_times=5, pairing=pairing)
    assert error.value.message_dict["pairing"] == ["活动日期不在该军地共建结对的起止期间内。"]
    activity_create(actor=world.alice, kind=kind("drill"), held_on=date(2022, 6, 1), organization=world.org_a1,
                    village=world.village_a1, participants=5, person_times=5, pairing=pairing)
    with pytest.raises(ValidationError) as error:  # shortening the pairing would orphan the drill
        pairing_update(actor=world.alice, pairing=pairing, ended_on=date(2022, 5, 31))
    pairing.refresh_from_db()
    assert pairing.ended_on is None


def test_a_pairing_branch_must_be_in_the_village(world):
    with pytest.raises(ValidationError) as error:
        pairing_create(actor=world.alice, village=world.village_a1, organization=world.org_a2,
                       garrison_unit="边防某连", started_on=date(2022, 1, 1))
    assert error.value.message_dict["organization"] == ["结对党支部必须设在所选的村(社区)。"]


def test_strong_weak_villages_are_distinct_same_county_and_editable(world):
    with pytest.raises(ValidationError) as error:
        strong_weak_create(actor=world.carol, strong_village=world.village_a1, weak_village=world.village_b1,
                           started_on=date(2022, 1, 1))
    assert error.value.message_dict["weak_village"] == ["弱村必须与强村在同一县内。"]
    with pytest.raises(Http404):  # tess (township A) cannot touch 昆莎乡's village
        strong_weak_create(actor=world.tess, strong_village=world.village_a1, weak_village=world.village_a2,
                           started_on=date(2022, 1, 1))
    strong_weak_create(actor=world.alice, strong_village=world.village_a1, weak_village=world.village_a2,
                       started_on=date(2022, 1, 1))
    assert StrongWeakPairing.objects.count() == 1
