"""Stored records of every import/export kind, for the round-trip tests (test_round_trip.py).

One maker per registered kind (dataexchange.specs.SPECS): it stores a few records of that kind in
county A of the `world` fixture and returns them. They are chosen to be what broke the round trip:
members of one region (the masked ID numbers are all alike), two members of the same name, phones
set and blank, two branches named alike in different villages (an exported name is ambiguous), a
two-committee member linked to a party member and one who is not. A kind without a maker here
fails its round-trip test: add one.
"""
import datetime
from decimal import Decimal

from activities.tests.factories import ActivityFactory, kind as activity_kind
from branches.models import PartyOrganization
from cadres.models import Gender, LanguageAssessment, PartyMember
from cadres.tests.factories import PartyMemberFactory, TwoCommitteeMemberFactory
from cadres.validators import make_id_number
from capacity.tests.factories import DisputeCaseFactory
from evaluations.models import EvaluationCampaign, EvaluationResult, MeetingKind, OrganizationLifeMeeting, Rating
from evaluations.tests.factories import bulk_members
from funding.tests.factories import AllocationFactory, ExpenditureFactory, VillageLedgerFactory, purpose, source
from funding.tests.factories import TownshipAccountFactory


def twin_branches(world):
    """A second 加木村党支部, in 昆莎一村: the name alone no longer names one branch."""
    return PartyOrganization.objects.create(name="加木村党支部", kind="branch", area=world.village_a2)


def organizations(world):
    twin = twin_branches(world)
    child = PartyOrganization.objects.create(name="加木村第二党支部", kind="branch", area=world.village_a1,
                                             parent=world.org_a1, unit_name="加木村", founded_on=datetime.date(2019, 7, 1),
                                             at_relocation_site=True)
    return [world.org_a1, world.org_a2, twin, child]


def members(world):
    birth = datetime.date(1985, 6, 15)  # the factory's stage dates are a real path from this birth date
    return [
        PartyMemberFactory(organization=world.org_a1, name="次仁", phone="13908970001", birth_date=birth,
                           id_number=make_id_number("542523", birth, 11, gender=Gender.MALE)),
        PartyMemberFactory(organization=world.org_a1, name="次仁", birth_date=birth,
                           id_number=make_id_number("542523", birth, 12, gender=Gender.MALE)),
        PartyMemberFactory(organization=world.org_a2, name="卓玛", gender=Gender.FEMALE, phone="13908975678",
                           birth_date=birth, education=PartyMember.Education.COLLEGE,
                           id_number=make_id_number("542523", birth, 13, gender=Gender.FEMALE)),
    ]


def committee_members(world):
    member = PartyMemberFactory(organization=world.org_a1, name="扎西")
    return [
        TwoCommitteeMemberFactory(village=world.village_a1, member=member, name="扎西", committee="party",
                                  post="书记", term_start=datetime.date(2021, 1, 1)),
        TwoCommitteeMemberFactory(village=world.village_a2, name="扎西", committee="both", post="书记、主任"),
        TwoCommitteeMemberFactory(village=world.village_a1, name="白玛", gender=Gender.FEMALE, committee="villagers",
                                  post="委员", term_start=datetime.date(2021, 1, 1), term_end=datetime.date(2023, 12, 31)),
    ]


def language_assessments(world):
    # Two 白玛 of one village (an earlier term and the present one): a name and a village name two.
    earlier = TwoCommitteeMemberFactory(village=world.village_a1, name="白玛", gender=Gender.FEMALE,
                                        term_start=datetime.date(2018, 1, 1), term_end=datetime.date(2020, 12, 31))
    person = TwoCommitteeMemberFactory(village=world.village_a1, name="白玛", gender=Gender.FEMALE)
    return [LanguageAssessment.objects.create(person=person, year=2022, level=3, assessed_on=datetime.date(2022, 11, 20)),
            LanguageAssessment.objects.create(person=person, year=2023, level=4),
            LanguageAssessment.objects.create(person=earlier, year=2020, level=2)]


def activities(world):
    twin = twin_branches(world)
    return [ActivityFactory(organization=world.org_a1, participants=10, person_times=12, note="主题党日"),
            ActivityFactory(organization=twin, kind=activity_kind("theme_party_day"), participants=5, person_times=5)]


def dispute_cases(world):
    return [DisputeCaseFactory(village=world.village_a1, handling="协商", handled=True,
                               handled_on=datetime.date(2022, 3, 9), outcome="success"),
            DisputeCaseFactory(village=world.village_a2, description="邻里纠纷")]


def meetings(world):
    bulk_members(world.org_a1, 10)
    kinds = list(MeetingKind.objects.filter(is_active=True)[:2])
    return [OrganizationLifeMeeting.objects.create(organization=world.org_a1, kind=kinds[0], held_on=datetime.date(2022, 3, 5),
                                                   topic="学习", expected_count=10, present_count=9, minutes="记录"),
            OrganizationLifeMeeting.objects.create(organization=world.org_a1, kind=kinds[1],
                                                   held_on=datetime.date(2022, 4, 5), topic="党课")]


def evaluation_results(world):
    people = members(world)
    campaign = EvaluationCampaign.objects.create(organization=world.org_a1, year=2022)
    return [EvaluationResult.objects.create(campaign=campaign, member=people[0], year=2022, rating=Rating.EXCELLENT),
            EvaluationResult.objects.create(campaign=campaign, member=people[1], year=2022, rating=Rating.QUALIFIED,
                                            note="按时交纳党费")]


def allocations(world):
    return [AllocationFactory(village=world.village_a1, amount=Decimal("1000.50"), document_no="阿地组发〔2022〕1号"),
            AllocationFactory(village=world.village_a2, amount=Decimal("300.00"), purpose=purpose("cadre_pay"),
                              source=source("prefecture"), note="备注")]


def expenditures(world):
    allocation = AllocationFactory(village=world.village_a1, amount=Decimal("1000.00"), document_no="阿地组发〔2022〕1号")
    ledger = VillageLedgerFactory(account=TownshipAccountFactory(township=world.township_a), village=world.village_a1)
    # Two allocations alike (same village, year and purpose, no document number): a row cannot name
    # one of them by its cells, only by the expenditure's 系统编号.
    alike = [AllocationFactory(village=world.village_a2, amount=Decimal("500.00")) for _ in range(2)]
    ledger2 = VillageLedgerFactory(account=TownshipAccountFactory(township=world.township_a2), village=world.village_a2)
    return [ExpenditureFactory(ledger=ledger, allocation=allocation, amount=Decimal("200.00"), voucher_no="记-001",
                               description="工资"),
            ExpenditureFactory(ledger=ledger, allocation=allocation, amount=Decimal("12.30"), voucher_no="记-002",
                               spent_on=datetime.date(2022, 7, 1)),
            ExpenditureFactory(ledger=ledger2, allocation=alike[0], amount=Decimal("1.00"), voucher_no="记-101"),
            ExpenditureFactory(ledger=ledger2, allocation=alike[1], amount=Decimal("2.00"), voucher_no="记-102")]


def terms(world):
    """Two terms of one branch (the first ended by the second, held two years early with the approval
    recorded), and a term of the branch's namesake in another village."""
    from orglife.services import term_create

    twin = twin_branches(world)
    return [
        term_create(actor=world.alice, organization=world.org_a1, election_date=datetime.date(2016, 5, 20),
                    start_date=datetime.date(2016, 5, 20)),
        term_create(actor=world.alice, organization=world.org_a1, election_date=datetime.date(2019, 4, 30),
                    start_date=datetime.date(2019, 5, 1), approved_by="噶尔县委组织部",
                    approval_number="噶组复〔2019〕3号", approved_on=datetime.date(2019, 5, 10),
                    reschedule_approved_by="噶尔县委组织部", reschedule_number="噶组复〔2019〕1号",
                    reschedule_approved_on=datetime.date(2019, 3, 1)),
        term_create(actor=world.alice, organization=twin, election_date=datetime.date(2021, 6, 1),
                    start_date=datetime.date(2021, 6, 1)),
    ]


def secretary_appraisals(world):
    """A secretary chosen among the branch's members (named by masked ID number), one typed in by name,
    an 一般 with its rectification done and a 差 still open, and the namesake branch in another village."""
    from orglife.services import appraisal_create

    twin = twin_branches(world)
    secretary = PartyMemberFactory(organization=world.org_a1, name="扎西")
    common = {"report_summary": "全年抓基层党建工作情况", "assessed_by": "狮泉河镇党委"}
    return [
        appraisal_create(actor=world.alice, organization=world.org_a1, year=2022, secretary=secretary,
                         reported_on=datetime.date(2023, 1, 10), grade="good", assessed_on=datetime.date(2023, 1, 20),
                         **common),
        appraisal_create(actor=world.alice, organization=world.org_a1, year=2023, secretary_name="次仁",
                         reported_on=datetime.date(2024, 1, 10), grade="average", assessed_on=datetime.date(2024, 1, 20),
                         rectification_required="补齐“三会一课”记录", rectification_deadline=datetime.date(2024, 6, 30),
                         rectified_on=datetime.date(2024, 5, 1), rectification_result="已补齐", **common),
        appraisal_create(actor=world.alice, organization=twin, year=2023, secretary_name="卓玛",
                         reported_on=datetime.date(2023, 12, 20), grade="poor", assessed_on=datetime.date(2024, 1, 5),
                         rectification_required="整顿班子", rectification_deadline=datetime.date(2024, 3, 31), **common),
    ]


def dues_profiles(world):
    from dues.models import DuesProfile
    from dues.rules import Category

    people = [PartyMemberFactory(organization=world.org_a1, name=name) for name in ("扎西", "扎西", "卓玛")]
    return [DuesProfile.objects.create(member=people[0], category=Category.IN_SERVICE, base_income=Decimal("5000.01")),
            DuesProfile.objects.create(member=people[1], category=Category.FARMER_HERDER, fixed_amount=Decimal("0.50"),
                                       frequency="quarterly"),
            DuesProfile.objects.create(member=people[2], category=Category.STUDENT, note="在读")]


def dues_payments(world):
    from dues import services
    from dues.models import DuesProfile

    people = [PartyMemberFactory(organization=world.org_a1, name=name) for name in ("扎西", "扎西")]
    for member, amount in zip(people, ("0.50", "1.00")):
        DuesProfile.objects.create(member=member, category="farmer_herder", fixed_amount=Decimal(amount))
    march = services.ledger_generate(actor=world.alice, organization=world.org_a1, year=2022, month=3)
    lines = {line.member_id: line for line in march.lines.all()}
    return [services.payment_record(actor=world.alice, line=lines[people[0].pk], receipt_no="2022-001",
                                    paid_on=datetime.date(2022, 3, 5), amount="1.50", months=3, paid_by="卓玛"),
            services.payment_record(actor=world.alice, line=lines[people[1].pk], receipt_no="2022-002",
                                    paid_on=datetime.date(2022, 4, 9), amount="1.20", note="多交")]


def floating_periods(world):
    """Two periods of one member (one returned), one of a namesake, at a fixed place with a certificate."""
    from mobility.services import floating_create

    people = [PartyMemberFactory(organization=world.org_a1, name="扎西") for _ in range(2)]
    return [floating_create(actor=world.alice, member=people[0], left_on=datetime.date(2021, 3, 1),
                            destination="拉萨市城关区", reason="work_business", returned_on=datetime.date(2021, 9, 1)),
            floating_create(actor=world.alice, member=people[0], left_on=datetime.date(2022, 2, 1),
                            destination="成都市武侯区", destination_organization="武侯区流动党员党支部",
                            reason="study_training", certificate_number="LD20220001", fixed_place=True),
            floating_create(actor=world.alice, member=people[1], left_on=datetime.date(2022, 2, 1),
                            destination="拉萨市城关区", reason="other", note="随子女")]


def lost_contacts(world):
    from mobility.services import lost_create

    people = [PartyMemberFactory(organization=world.org_a1, name="次仁") for _ in range(2)]
    return [lost_create(actor=world.alice, member=people[0], lost_since=datetime.date(2020, 1, 10),
                        reason="work_business", search_efforts="联系家属", found_on=datetime.date(2021, 5, 1),
                        outcome="resumed"),
            lost_create(actor=world.alice, member=people[1], lost_since=datetime.date(2022, 1, 10),
                        reason="relocation")]


def incoming_members(world):
    from mobility.services import incoming_create

    twin = twin_branches(world)
    return [incoming_create(actor=world.alice, name="格桑", gender=Gender.MALE, origin_organization="仲巴县帕羊镇党委",
                            arrived_on=datetime.date(2021, 4, 1), organization=world.org_a1,
                            certificate_number="LR20210001"),
            incoming_create(actor=world.alice, name="格桑", gender=Gender.FEMALE, origin_organization="尼玛县文部乡党委",
                            arrived_on=datetime.date(2021, 4, 1), left_on=datetime.date(2022, 1, 1), organization=twin)]
def development_steps(world):
    """Steps 1–3 of two namesakes (the masked ID numbers alike), step 2 of one recorded late."""
    from development.tests.helpers import probationary, record

    birth = datetime.date(1985, 6, 15)
    people = [probationary(world, name="次仁", birth_date=birth,
                           id_number=make_id_number("542523", birth, 21 + i, gender=Gender.MALE)) for i in range(2)]
    record(world, people[0], 3)
    record(world, people[1], 2, {2: datetime.date(2022, 3, 1)})
    from development.models import DevelopmentStep
    return list(DevelopmentStep.objects.filter(member__in=people))


MAKERS = {
    "organizations": organizations, "members": members, "committee_members": committee_members,
    "language_assessments": language_assessments, "activities": activities, "dispute_cases": dispute_cases,
    "meetings": meetings, "evaluation_results": evaluation_results, "allocations": allocations,
    "expenditures": expenditures, "terms": terms, "dues_profiles": dues_profiles,
    "dues_payments": dues_payments, "secretary_appraisals": secretary_appraisals,
    "floating_periods": floating_periods, "lost_contacts": lost_contacts, "incoming_members": incoming_members,
    "development_steps": development_steps,
}
