"""Rules of the personnel pillar written once: who is 在预备期 (PartyMember.in_probation) and the
dashboard's gender / age splits (cadres.selectors.farmer_herder_splits)."""
import pytest

from cadres.models import PartyMember
from cadres.selectors import farmer_herder_splits

Stage, Status = PartyMember.Stage, PartyMember.Status


@pytest.mark.parametrize("stage, status, expected", [
    (Stage.PROBATIONARY, Status.NORMAL, True),
    (Stage.PROBATIONARY, Status.SUSPENDED, False),
    (Stage.PROBATIONARY, Status.PROBATION_CANCELLED, False),
    (Stage.CANDIDATE, Status.NORMAL, False),
    (Stage.FULL, Status.NORMAL, False),
])
def test_in_probation_is_a_probationary_member_in_good_standing(stage, status, expected):
    assert PartyMember(stage=stage, status=status).in_probation is expected


def test_splits_are_the_counts_and_the_rest():
    splits = farmer_herder_splits(members=10, women=4, under_30=3)
    assert splits == {"gender": [{"name": "女", "value": 4}, {"name": "男", "value": 6}],
                      "age": [{"name": "30岁以下", "value": 3}, {"name": "30岁及以上", "value": 7}]}


def test_the_rest_is_never_below_zero():
    splits = farmer_herder_splits(members=2, women=3, under_30=5)
    assert [row["value"] for row in splits["gender"]] == [3, 0]
    assert [row["value"] for row in splits["age"]] == [5, 0]


def test_split_labels_follow_the_language():
    from django.utils import translation

    with translation.override("en"):
        splits = farmer_herder_splits(members=1, women=1, under_30=0)
    assert [row["name"] for row in splits["gender"]] == ["Female", "Male"]
    assert [row["name"] for row in splits["age"]] == ["Under 30", "30 and over"]
