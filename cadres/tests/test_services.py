"""Writes: the ID-number rules, the development procedure, transfers, two-committee members, cadres."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from cadres import selectors, services
from cadres.models import LanguageAssessment, OrganizationTransfer, PartyMember, TwoCommitteeMember
from cadres.validators import make_id_number

from .factories import PartyMemberFactory, SentCadreFactory, TwoCommitteeMemberFactory

D = datetime.date
Stage = PartyMember.Stage


def fields(org, **overrides):
    """A valid new 入党积极分子 (born 1995-04-02)."""
    data = dict(name="格桑", gender="M", ethnicity="藏族", birth_date=D(1995, 4, 2),
                id_number=make_id_number("542523", D(1995, 4, 2), 11, gender="M"), phone="13912345678",
                occupation="farmer_herder", organization=org, stage=Stage.ACTIVIST,
                applied_on=D(2021, 3, 1), activist_on=D(2021, 9, 1))
    data.update(overrides)
    return data


def messages_of(error, field):
    return " ".join(error.value.message_dict[field])


# ---------------------------------------------------------------- bad input

def test_it_refuses_a_wrong_id_checksum(world):
    good = make_id_number("542523", D(1995, 4, 2), 11, gender="M")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError) as error:
        services.member_create(actor=world.alice, **fields(world.org_a1, id_number=bad))
    assert "身份证号码校验位不正确" in messages_of(error, "id_number")
    assert not PartyMember.objects.exists()


def test_it_refuses_a_birth_date_that_disagrees_with_the_id_number(world):
    with pytest.raises(ValidationError) as error:
        services.member_create(actor=world.alice, **fields(world.org_a1, birth_date=D(1995, 4, 3)))
    assert "出生日期与身份证号码不一致（号码中为1995年4月2日）。" in messages_of(error, "birth_date")
    assert not PartyMember.objects.exists()


def test_it_refuses_a_candidate_date_less_than_a_year_after_the_activist_date(world):
    with pytest.raises(ValidationError) as error:
        services.member_create(actor=world.alice, **fields(world.org_a1, stage=Stage.CANDIDATE,
                                                           candidate_on=D(2022, 8, 31)))
    assert "确定为发展对象日期须在确定为入党积极分子满一年之后（最早2022-09-01）" in messages_of(error, "candidate_on")
    assert not PartyMember.objects.exists()
    services.member_create(actor=world.alice, **fields(world.org_a1, stage=Stage.CANDIDATE, candidate_on=D(2022, 9, 1)))


def test_it_refuses_an_id_number_registered_in_another_county_without_revealing_it(world):
    other = PartyMemberFactory(organization=world.org_a1, name="央金", birth_date=D(1995, 4, 2),
                               id_number=make_id_number("542523", D(1995, 4, 2), 11, gender="M"),
                               applied_on=D(2014, 1, 1), activist_on=D(2014, 3, 1), candidate_on=D(2015, 3, 1),
                               admitted_on=D(2015, 6, 1), full_member_on=D(2016, 6, 1))
    # Bob (county B) types the same number, with full-width digits and spaces.
    typed = " ".join(other.id_number).translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    with pytest.raises(ValidationError) as error:
        services.member_create(actor=world.bob, **fields(world.org_b1, id_number=typed))
    message = messages_of(error, "id_number")
    assert "该身份证号码已在系统中登记" in message
    for secret in ("噶尔县", "加木村", "央金", str(other.pk)):
        assert secret not in message
    assert PartyMember.objects.count() == 1


def test_it_stores_the_normalized_id_number(world):
    raw = make_id_number("542523", D(1995, 4, 2), 11, gender="M")
    typed = " " + raw[:6] + " " + raw[6:].translate(str.maketrans("0123456789", "０１２３４５６７８９")) + " "
    member = services.member_create(actor=world.alice, **fields(world.org_a1, id_number=typed))
    assert member.id_number == raw


def test_it_refuses_an_applicant_younger_than_18(world):
    with pytest.raises(ValidationError) as error:
        services.member_create(actor=world.alice, **fields(world.org_a1, applied_on=D(2013, 4, 1),
                                                           activist_on=D(2013, 9, 1)))
    assert "递交入党申请时须年满18周岁" in messages_of(error, "applied_on")


def test_it_refuses_dates_out_of_order_and_missing_stage_dates(world):
    with pytest.raises(ValidationError) as error:
        services.member_create(actor=world.alice, **fields(world.org_a1, activist_on=D(2021, 1, 1)))
    assert "确定为积极分子日期不能早于递交入党申请日期" in messages_of(error, "activist_on")
    with pytest.raises(ValidationError) as error:
        services.member_create(actor=world.alice, **fields(world.org_a1, activist_on=None))
    assert "须填写确定为积极分子日期" in messages_of(error, "activist_on")


# ---------------------------------------------------------------- the development procedure

def test_it_moves_through_the_stages_in_order(world):
    member = services.member_create(actor=world.alice, **fields(world.org_a1))
    with pytest.raises(ValidationError) as error:
        services.member_advance(actor=world.alice, member=member, on=D(2022, 8, 1))
    assert "满一年之后" in messages_of(error, "on")
    member.refresh_from_db()
    assert member.stage == Stage.ACTIVIST and member.candidate_on is None

    services.member_advance(actor=world.alice, member=member, on=D(2022, 9, 1))
    services.member_advance(actor=world.alice, member=member, on=D(2022, 12, 1))
    assert member.stage == Stage.PROBATIONARY and member.admitted_on == D(2022, 12, 1)
    with pytest.raises(ValidationError) as error:  # 预备期 not over
        services.member_advance(actor=world.alice, member=member, on=D(2023, 11, 30))
    assert "预备期满之后（最早2023-12-01）" in messages_of(error, "on")
    services.member_advance(actor=world.alice, member=member, on=D(2023, 12, 1))
    assert PartyMember.objects.get(pk=member.pk).stage == Stage.FULL


def test_it_never_moves_a_stage_back(world):
    member = services.member_create(actor=world.alice, **fields(world.org_a1))
    with pytest.raises(ValidationError) as error:
        services.member_update(actor=world.alice, member=member, stage=Stage.APPLICANT, activist_on=None)
    assert "不能回退" in messages_of(error, "stage")
    assert PartyMember.objects.get(pk=member.pk).stage == Stage.ACTIVIST


def test_it_extends_probation_once_by_6_to_12_months(world):
    member = PartyMemberFactory(organization=world.org_a1, stage=Stage.PROBATIONARY, full_member_on=None,
                                admitted_on=D(2022, 3, 1))
    with pytest.raises(ValidationError):
        services.member_extend_probation(actor=world.alice, member=member, months=5)
    services.member_extend_probation(actor=world.alice, member=member, months=6)
    assert member.probation_ends_on == D(2023, 9, 1)
    with pytest.raises(ValidationError) as error:
        services.member_extend_probation(actor=world.alice, member=member, months=6)
    assert "只能延长一次" in messages_of(error, "months")
    with pytest.raises(ValidationError):
        services.member_advance(actor=world.alice, member=member, on=D(2023, 8, 31))
    services.member_advance(actor=world.alice, member=member, on=D(2023, 9, 1))


def test_it_cancels_probation(world):
    member = PartyMemberFactory(organization=world.org_a1, stage=Stage.PROBATIONARY, full_member_on=None,
                                admitted_on=D(2022, 3, 1))
    services.member_cancel_probation(actor=world.alice, member=member, on=D(2022, 10, 1))
    member.refresh_from_db()
    assert member.status == PartyMember.Status.PROBATION_CANCELLED
    assert not PartyMember.objects.members_on(D(2022, 12, 31)).filter(pk=member.pk).exists()
    assert PartyMember.objects.members_on(D(2022, 9, 30)).filter(pk=member.pk).exists()


def test_the_pipeline_shows_who_is_due_and_what_blocks_them(world):
    on = D(2023, 6, 1)
    due = PartyMemberFactory(organization=world.org_a1, name="将转正", stage=Stage.PROBATIONARY,
                             full_member_on=None, admitted_on=D(2022, 6, 20))
    later = PartyMemberFactory(organization=world.org_a1, name="未到期", stage=Stage.PROBATIONARY,
                               full_member_on=None, admitted_on=D(2022, 12, 1))
    activist = PartyMemberFactory(organization=world.org_a2, name="积极分子", stage=Stage.ACTIVIST,
                                  candidate_on=None, admitted_on=None, full_member_on=None,
                                  applied_on=D(2022, 9, 1), activist_on=D(2022, 10, 1))
    PartyMemberFactory(organization=world.org_b1, name="别县的", stage=Stage.APPLICANT, activist_on=None,
                       candidate_on=None, admitted_on=None, full_member_on=None)
    rows = selectors.pipeline(user=world.alice, on=on)
    assert [r.member.name for r in rows] == ["将转正", "积极分子", "未到期"]  # soonest first, own county only
    soon = selectors.pipeline(user=world.alice, on=on, due_within=30)
    assert [r.member for r in soon] == [due]
    assert soon[0].days_left == 19 and soon[0].blockers == ["预备期未满（2023-06-20期满）"]
    by_name = {r.member.name: r for r in rows}
    assert by_name["积极分子"].blockers == ["入党积极分子培养考察未满一年（2023-10-01满一年）"]
    assert by_name["未到期"].next_stage == Stage.FULL
    assert activist.age_on(on) == 37 and activist.age_band_on(on) == "30至39岁"
    assert later.stage_on(D(2022, 1, 1)) == Stage.CANDIDATE  # the record as it was on that day


# ---------------------------------------------------------------- transfers

def test_it_transfers_and_reconstructs_the_organization_at_any_date(world):
    member = PartyMemberFactory(organization=world.org_a1)
    services.member_transfer(actor=world.alice, member=member, to_organization=world.org_a2,
                             transferred_on=D(2020, 5, 1))
    services.member_transfer(actor=world.carol, member=member, to_organization=world.org_b1,
                             transferred_on=D(2022, 5, 1))
    assert PartyMember.objects.get(pk=member.pk).organization == world.org_b1
    assert selectors.organization_on(member, D(2019, 12, 31)) == world.org_a1
    assert selectors.organization_on(member, D(2020, 5, 1)) == world.org_a2
    assert selectors.organization_on(member, D(2021, 12, 31)) == world.org_a2
    assert selectors.organization_on(member, D(2023, 1, 1)) == world.org_b1
    texts = [e.text for e in selectors.member_timeline(member)]
    assert "组织关系由“昆莎一村党支部”转入“普兰一村党支部”" in texts


def test_a_county_clerk_cannot_transfer_into_another_county(world):
    member = PartyMemberFactory(organization=world.org_a1)
    with pytest.raises(Http404):
        services.member_transfer(actor=world.alice, member=member, to_organization=world.org_b1,
                                 transferred_on=D(2022, 5, 1))
    assert not OrganizationTransfer.objects.exists()
    assert PartyMember.objects.get(pk=member.pk).organization == world.org_a1


def test_it_refuses_a_transfer_dated_before_the_last_one(world):
    member = PartyMemberFactory(organization=world.org_a1)
    services.member_transfer(actor=world.alice, member=member, to_organization=world.org_a2,
                             transferred_on=D(2022, 5, 1))
    with pytest.raises(ValidationError) as error:
        services.member_transfer(actor=world.alice, member=member, to_organization=world.org_a1,
                                 transferred_on=D(2021, 5, 1))
    assert "不能早于该党员最近一次组织关系转接的日期" in messages_of(error, "transferred_on")
    assert OrganizationTransfer.objects.count() == 1
    assert PartyMember.objects.get(pk=member.pk).organization == world.org_a2


# ---------------------------------------------------------------- roles

def test_read_only_and_outsiders_cannot_write(world):
    with pytest.raises(PermissionDenied):
        services.member_create(actor=world.dave, **fields(world.org_a1))
    with pytest.raises(Http404):
        services.member_create(actor=world.bob, **fields(world.org_a1))
    assert not PartyMember.objects.exists()


# ---------------------------------------------------------------- two committees and cadres

def test_a_linked_member_gives_the_two_committee_name(world):
    member = PartyMemberFactory(organization=world.org_a1, name="扎西顿珠")
    person = services.committee_member_create(actor=world.alice, member=member, name="", gender="",
                                              village=world.village_a1, committee="party", post="村党支部书记",
                                              term_start=D(2021, 3, 1))
    assert person.name == "扎西顿珠"
    with pytest.raises(ValidationError) as error:
        services.committee_member_create(actor=world.alice, member=None, name=" ", gender="M",
                                         village=world.village_a1, committee="party", post="委员",
                                         term_start=D(2021, 3, 1))
    assert "非党员须填写姓名" in messages_of(error, "name")
    with pytest.raises(ValidationError) as error:
        services.committee_member_create(actor=world.alice, member=None, name="次仁", gender="M",
                                         village=world.township_a, committee="party", post="委员",
                                         term_start=D(2021, 3, 1))
    assert "须选择村级区域" in messages_of(error, "village")
    assert TwoCommitteeMember.objects.count() == 1


def test_one_language_assessment_per_person_and_year(world):
    person = TwoCommitteeMemberFactory(village=world.village_a1)
    services.language_assessment_create(actor=world.alice, person=person, year=2022, level=3)
    with pytest.raises(ValidationError) as error:
        services.language_assessment_create(actor=world.alice, person=person, year=2022, level=4)
    assert "本年度已有国家通用语言评估记录" in " ".join(error.value.messages)
    assert LanguageAssessment.objects.get().level == 3


def test_a_work_log_must_fall_within_the_cadre_period(world):
    cadre = SentCadreFactory(village=world.village_a1, started_on=D(2022, 3, 1), ended_on=D(2022, 12, 31))
    with pytest.raises(ValidationError) as error:
        services.cadre_log_create(actor=world.alice, cadre=cadre, kind="problem", logged_on=D(2022, 2, 1))
    assert "驻村期间内" in messages_of(error, "logged_on")
    services.cadre_log_create(actor=world.alice, cadre=cadre, kind="problem", logged_on=D(2022, 3, 1), count=2)
    with pytest.raises(ValidationError):
        services.cadre_update(actor=world.alice, cadre=cadre, started_on=D(2022, 4, 1))
    assert cadre.logs.count() == 1
    cadre.refresh_from_db()
    assert cadre.started_on == D(2022, 3, 1)
