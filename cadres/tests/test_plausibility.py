"""Plausibility rules of the personnel pillar, through the services and the pages: nothing done is
dated after today; a language assessment lies within the member's two-committee term; one person
sits on one village's two committees at a time."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cadres import services
from cadres.models import LanguageAssessment, TwoCommitteeMember

from .factories import PartyMemberFactory, TwoCommitteeMemberFactory

D = datetime.date
TODAY = timezone.localdate()
TOMORROW = TODAY + datetime.timedelta(days=1)


def messages_of(error, field):
    return error.value.message_dict[field]


# ---------------------------------------------------------------- nothing done is dated tomorrow

def test_a_term_a_training_and_a_work_log_cannot_start_tomorrow(world):
    with pytest.raises(ValidationError) as error:
        services.committee_member_create(actor=world.alice, name="白玛", gender="F", village=world.village_a1,
                                         committee="villagers", post="委员", term_start=TOMORROW)
    assert messages_of(error, "term_start") == ["任期开始不能晚于今天。"]
    with pytest.raises(ValidationError) as error:
        services.training_create(actor=world.alice, title="培训", area=world.township_a, started_on=TOMORROW,
                                 attendance=10)
    assert messages_of(error, "started_on") == ["开班日期不能晚于今天。"]
    cadre = services.cadre_create(actor=world.alice, name="驻村甲", gender="M", sending_unit="地委组织部",
                                  village=world.village_a1, started_on=D(2022, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.cadre_log_create(actor=world.alice, cadre=cadre, kind="problem", logged_on=TOMORROW)
    assert messages_of(error, "logged_on") == ["日期不能晚于今天。"]
    assert not TwoCommitteeMember.objects.exists() and not cadre.logs.exists()


def test_a_language_assessment_dated_tomorrow_is_refused_on_the_page(client_for, world):
    person = TwoCommitteeMemberFactory(village=world.village_a1, term_start=D(2021, 3, 1))
    response = client_for(world.alice).post(reverse("cadres:assessment_create", args=[person.pk]),
                                            {"year": str(TOMORROW.year), "level": "3",
                                             "assessed_on": TOMORROW.isoformat()})
    assert response.status_code == 200
    assert "评估日期不能晚于今天。" in response.content.decode()
    assert not LanguageAssessment.objects.exists()


def test_an_assessment_of_next_year_is_refused_without_a_date(world):
    person = TwoCommitteeMemberFactory(village=world.village_a1, term_start=D(2021, 3, 1))
    with pytest.raises(ValidationError) as error:
        services.language_assessment_create(actor=world.alice, person=person, year=TODAY.year + 1, level=3)
    assert messages_of(error, "year") == ["评估年度不能晚于今年。"]


# ---------------------------------------------------------------- the assessment lies within the term

@pytest.fixture
def served(world):
    """扎西, on 加木村's two committees from 2021-03-01 to 2023-02-28."""
    return TwoCommitteeMemberFactory(village=world.village_a1, name="扎西", term_start=D(2021, 3, 1),
                                     term_end=D(2023, 2, 28))


def test_an_assessment_before_the_term_is_refused(world, served):
    with pytest.raises(ValidationError) as error:
        services.language_assessment_create(actor=world.alice, person=served, year=2021, level=3,
                                            assessed_on=D(2021, 2, 10))
    assert messages_of(error, "assessed_on") == [
        "2021-02-10不在扎西的“两委”任期（2021-03-01至2023-02-28）内，不能登记该年度的评估。"]
    assert not LanguageAssessment.objects.exists()


def test_an_assessment_of_a_year_after_the_term_is_refused(world, served):
    with pytest.raises(ValidationError) as error:
        services.language_assessment_create(actor=world.alice, person=served, year=2024, level=3)
    assert messages_of(error, "year") == ["2024年不在扎西的“两委”任期（2021-03-01至2023-02-28）内，不能登记该年度的评估。"]


def test_assessments_on_the_terms_first_and_last_days_and_in_its_years_are_taken(world, served):
    services.language_assessment_create(actor=world.alice, person=served, year=2021, level=3,
                                        assessed_on=D(2021, 3, 1))
    services.language_assessment_create(actor=world.alice, person=served, year=2022, level=3)
    services.language_assessment_create(actor=world.alice, person=served, year=2023, level=4,
                                        assessed_on=D(2023, 2, 28))
    assert list(LanguageAssessment.objects.order_by("year").values_list("year", flat=True)) == [2021, 2022, 2023]


def test_an_open_term_takes_any_year_from_its_start(world):
    person = TwoCommitteeMemberFactory(village=world.village_a1, name="卓玛", term_start=D(2021, 3, 1))
    services.language_assessment_create(actor=world.alice, person=person, year=TODAY.year, level=3)
    with pytest.raises(ValidationError) as error:
        services.language_assessment_create(actor=world.alice, person=person, year=2020, level=3)
    assert messages_of(error, "year") == ["2020年不在卓玛的“两委”任期（2021-03-01起）内，不能登记该年度的评估。"]


def test_the_page_refuses_an_assessment_outside_the_term(client_for, world, served):
    response = client_for(world.alice).post(reverse("cadres:assessment_create", args=[served.pk]),
                                            {"year": "2023", "level": "3", "assessed_on": "2023-05-01"})
    assert response.status_code == 200
    assert "2023-05-01不在扎西的“两委”任期（2021-03-01至2023-02-28）内" in response.content.decode()
    assert not LanguageAssessment.objects.exists()


def test_a_shorter_term_may_not_strand_recorded_assessments(world, served):
    services.language_assessment_create(actor=world.alice, person=served, year=2022, level=3,
                                        assessed_on=D(2022, 11, 1))
    with pytest.raises(ValidationError) as error:
        services.committee_member_update(actor=world.alice, person=served, term_end=D(2022, 6, 30))
    assert messages_of(error, "term_end") == ["已登记的2022年度国家通用语言评估将落在新的任期之外，请先核对或删除这些评估记录。"]
    with pytest.raises(ValidationError) as error:
        services.committee_member_update(actor=world.alice, person=served, term_start=D(2022, 12, 1))
    assert "term_start" in error.value.message_dict
    served.refresh_from_db()
    assert (served.term_start, served.term_end) == (D(2021, 3, 1), D(2023, 2, 28))
    services.committee_member_update(actor=world.alice, person=served, term_end=D(2022, 11, 1))
    served.refresh_from_db()
    assert served.term_end == D(2022, 11, 1)


# ---------------------------------------------------------------- one village's two committees at a time

def _seat(world, member, village, start, end=None):
    return services.committee_member_create(actor=world.alice, member=member, name="", gender="", village=village,
                                            committee="party", post="委员", term_start=start, term_end=end)


def test_one_person_cannot_sit_on_two_villages_two_committees_at_once(world):
    member = PartyMemberFactory(organization=world.org_a1, name="次仁多吉")
    _seat(world, member, world.village_a1, D(2021, 3, 1))
    with pytest.raises(ValidationError) as error:
        _seat(world, member, world.village_a2, D(2022, 1, 1))
    assert messages_of(error, "member") == [
        "次仁多吉已是加木村的“两委”成员（任期2021-03-01起），与本任期重叠：同一人不能同时在两个村的“两委”任职。"]
    assert TwoCommitteeMember.objects.count() == 1


def test_a_seat_in_another_county_is_not_named(world):
    """A member transferred in from another county still sits there: the clerk is told of the
    overlap, but not which village (outside the clerk's scope)."""
    member = PartyMemberFactory(organization=world.org_a1, name="次仁多吉")
    TwoCommitteeMember.objects.create(member=member, village=world.village_b1, committee="party", post="委员",
                                      term_start=D(2021, 3, 1))
    with pytest.raises(ValidationError) as error:
        _seat(world, member, world.village_a2, D(2022, 1, 1))
    assert messages_of(error, "member") == [
        "次仁多吉已是另一个不在您管辖范围内的村的“两委”成员（任期2021-03-01起），与本任期重叠：同一人不能同时在两个村的“两委”任职。"]
    assert "普兰" not in messages_of(error, "member")[0]


def test_a_seat_in_another_township_is_not_named_to_a_township_clerk(world):
    """狮泉河镇's clerk (tess) may not learn that the person sits in 昆莎一村 (昆莎乡, the same county);
    the county clerk (alice) is told which village it is."""
    member = PartyMemberFactory(organization=world.org_a1, name="次仁多吉")
    TwoCommitteeMember.objects.create(member=member, village=world.village_a2, committee="party", post="委员",
                                      term_start=D(2021, 3, 1))

    def seat_as(user):
        with pytest.raises(ValidationError) as error:
            services.committee_member_create(actor=user, member=member, name="", gender="", village=world.village_a1,
                                             committee="party", post="委员", term_start=D(2022, 1, 1))
        return messages_of(error, "member")[0]

    assert seat_as(world.tess).startswith("次仁多吉已是另一个不在您管辖范围内的村的“两委”成员")
    assert "昆莎" not in seat_as(world.tess)
    assert seat_as(world.alice).startswith("次仁多吉已是昆莎一村的“两委”成员")


def test_a_term_elsewhere_that_ended_before_this_one_began_is_fine(world):
    member = PartyMemberFactory(organization=world.org_a1, name="次仁多吉")
    _seat(world, member, world.village_a1, D(2018, 3, 1), D(2021, 2, 28))
    _seat(world, member, world.village_a2, D(2021, 3, 1))
    # …but a past term that reaches into this one is an overlap (the last day counts: serving_on is inclusive).
    with pytest.raises(ValidationError) as error:
        _seat(world, member, world.village_a1, D(2016, 1, 1), D(2021, 3, 1))
    assert "已是昆莎一村的“两委”成员（任期2021-03-01起）" in messages_of(error, "member")[0]
    assert TwoCommitteeMember.objects.count() == 2


def test_two_posts_in_the_same_village_are_not_an_overlap(world):
    member = PartyMemberFactory(organization=world.org_a1, name="次仁多吉")
    _seat(world, member, world.village_a1, D(2021, 3, 1))
    services.committee_member_create(actor=world.alice, member=member, name="", gender="", village=world.village_a1,
                                     committee="villagers", post="村委会委员", term_start=D(2021, 3, 1))
    assert TwoCommitteeMember.objects.count() == 2


def test_moving_a_record_onto_an_overlapping_term_is_refused(world):
    member = PartyMemberFactory(organization=world.org_a1, name="次仁多吉")
    _seat(world, member, world.village_a1, D(2021, 3, 1))
    later = _seat(world, member, world.village_a2, D(2017, 1, 1), D(2020, 12, 31))
    with pytest.raises(ValidationError) as error:
        services.committee_member_update(actor=world.alice, person=later, term_end=D(2021, 6, 30))
    assert "已是加木村的“两委”成员" in messages_of(error, "member")[0]
    later.refresh_from_db()
    assert later.term_end == D(2020, 12, 31)


def test_the_page_names_the_other_village(client_for, world):
    member = PartyMemberFactory(organization=world.org_a1, name="次仁多吉")
    _seat(world, member, world.village_a2, D(2021, 3, 1))
    response = client_for(world.alice).post(reverse("cadres:committee_create"), {
        "member": member.pk, "name": "", "gender": "", "village": world.village_a1.pk, "committee": "party",
        "post": "委员", "term_start": "2022-01-01", "term_end": ""})
    assert response.status_code == 200
    assert "次仁多吉已是昆莎一村的“两委”成员（任期2021-03-01起）" in response.content.decode()
    assert TwoCommitteeMember.objects.count() == 1
