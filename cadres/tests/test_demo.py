"""The demo reproduces the article's 基本队伍 figures for 2022 at the prefecture root."""
import random
from datetime import date
from decimal import Decimal

from branches.models import Area
from cadres import demo
from cadres.models import (
    CadreWorkLog,
    LanguageAssessment,
    LanguageTrainingSession,
    PartyMember,
    SentCadre,
    TwoCommitteeMember,
)
from indicators.engine import evaluate

from .test_id_numbers import standard_check

EXPECTED_2022 = {
    "personnel.two_committee_party_member_rate": Decimal("100.00"),
    "personnel.language_proficient_count": 695,
    "personnel.language_proficiency_rate": Decimal("80.53"),
    "personnel.language_proficiency_change": Decimal("1.16"),
    "personnel.language_training_sessions": 386,
    "personnel.language_training_attendance": 1631,
    "personnel.farmer_herder_members": 8521,
    "personnel.farmer_herder_women": 2122,
    "personnel.farmer_herder_under_30": 1744,
    "personnel.cadres_sent": 728,
    "personnel.cadre_problems_solved": 1362,
    "personnel.cadre_policy_talks": 1260,
    "personnel.members_developed": 290,
}


def test_it_loads_the_demo_with_the_article_figures(db):
    """One test (the demo takes seconds to load): 2022 figures exact, 2021 smaller, rules respected."""
    from branches.demo import load as load_branches
    from branches.services import load_ngari_tree

    root = load_ngari_tree()
    load_branches(seed=2023)
    demo.load(seed=2023)

    for code, expected in EXPECTED_2022.items():
        assert evaluate(code, 2022, root).value == expected, code

    assert evaluate("personnel.language_proficiency_rate", 2021, root).value == Decimal("79.37")
    assert evaluate("personnel.farmer_herder_members", 2021, root).value == 8521 - 270 + 60
    assert evaluate("personnel.cadres_sent", 2021, root).value == 690
    assert evaluate("personnel.language_training_sessions", 2021, root).value == 352
    assert evaluate("personnel.two_committee_party_member_rate", 2021, root).value == Decimal("100.00")

    # The evaluations pillar rates 8494 members of 2022, 248 of them 不定等次 (mostly probationary).
    members = PartyMember.objects.members_on(date(2022, 12, 31))
    assert members.count() >= 8494
    assert members.filter(admitted_on__year=2022).count() >= 248

    for county in Area.objects.filter(level=Area.Level.COUNTY):
        assert evaluate("personnel.farmer_herder_members", 2022, county).value > 500, county.name
        assert evaluate("personnel.cadres_sent", 2022, county).value > 0, county.name

    rng = random.Random(1)
    for model in (PartyMember, TwoCommitteeMember, LanguageAssessment, LanguageTrainingSession, SentCadre,
                  CadreWorkLog):
        pks = list(model.objects.values_list("pk", flat=True))
        for obj in model.objects.filter(pk__in=rng.sample(pks, min(len(pks), 60))):
            obj.full_clean()

    # Every demo member's ID number is valid by the standard and agrees with the birth date and sex.
    for number, birth, gender in PartyMember.objects.values_list("id_number", "birth_date", "gender"):
        assert number[17] == standard_check(number[:17]), number[:6]
        assert (number[6:14], int(number[16]) % 2) == (birth.strftime("%Y%m%d"), 1 if gender == "M" else 0)

    before = PartyMember.objects.count()
    demo.load(seed=2023)  # idempotent
    assert PartyMember.objects.count() == before
