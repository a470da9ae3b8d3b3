"""The Excel import refuses what the pages refuse: each row goes through the same form and service,
so the plausibility rules of the models reach it with their messages, by row and column."""
import datetime

from django.utils import timezone

from funding.models import Expenditure, FundPurpose
from funding.tests.factories import AllocationFactory, TownshipAccountFactory, VillageLedgerFactory

from .helpers import headers_of, run

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


def test_it_refuses_an_expenditure_dated_tomorrow(world):
    purpose = FundPurpose.objects.get(code="cadre_pay")
    AllocationFactory(village=world.village_a1, purpose=purpose, document_no="阿地组发〔2022〕1号")
    VillageLedgerFactory(account=TownshipAccountFactory(township=world.township_a), village=world.village_a1)
    row = ["加木村", 2022, "阿地组发〔2022〕1号", purpose.name, TOMORROW.isoformat(), "20", "记-001", ""]
    outcome = run(world.alice, "expenditures", headers_of("expenditures"), [row])
    assert not outcome.committed
    assert outcome.error_rows[0].errors == [["支出日期", "支出日期不能晚于今天。"]]
    assert not Expenditure.objects.exists()


def test_it_refuses_a_language_assessment_outside_the_term(world):
    from cadres.models import LanguageAssessment
    from cadres.tests.factories import TwoCommitteeMemberFactory

    TwoCommitteeMemberFactory(village=world.village_a1, name="白玛", term_start=datetime.date(2021, 3, 1))
    outcome = run(world.alice, "language_assessments", headers_of("language_assessments"),
                  [["白玛", "加木村", 2021, "能熟练交流", "2021-01-20"]])
    assert not outcome.committed
    assert outcome.error_rows[0].errors == [
        ["评估日期", "2021-01-20不在白玛的“两委”任期（2021-03-01起）内，不能登记该年度的评估。"]]
    assert not LanguageAssessment.objects.exists()


def test_it_refuses_a_meeting_expecting_more_than_the_members(world):
    from evaluations.models import MeetingKind, OrganizationLifeMeeting
    from evaluations.tests.factories import bulk_members

    bulk_members(world.org_a1, 8)
    kind = MeetingKind.objects.filter(is_active=True).first()
    outcome = run(world.alice, "meetings", headers_of("meetings"), [["加木村党支部", kind.name, "2022-03-05", "学习", 9, 8, ""]])
    assert not outcome.committed
    assert outcome.error_rows[0].errors == [
        ["应到人数", "应到人数（9人）不能多于加木村党支部在2022-03-05的党员人数（8人）。"]]
    assert not OrganizationLifeMeeting.objects.exists()


def test_it_refuses_one_person_on_two_villages_committees(world):
    from cadres.models import TwoCommitteeMember
    from cadres.tests.factories import PartyMemberFactory, TwoCommitteeMemberFactory

    member = PartyMemberFactory(organization=world.org_a1, name="扎西")
    TwoCommitteeMemberFactory(village=world.village_a2, member=member, name="扎西", post="委员",
                              term_start=datetime.date(2021, 1, 1))
    outcome = run(world.alice, "committee_members", headers_of("committee_members"),
                  [["", "", member.id_number, "加木村", "村党组织", "委员", "2022-01-01", ""]])
    assert not outcome.committed
    assert outcome.error_rows[0].errors == [
        ["党员身份证号码", "扎西已是昆莎一村的“两委”成员（任期2021-01-01起），与本任期重叠：同一人不能同时在两个村的“两委”任职。"]]
    assert TwoCommitteeMember.objects.count() == 1


def test_the_preview_warns_of_a_secretary_the_branch_does_not_record(world):
    from branches.models import CommitteePost
    from cadres.models import TwoCommitteeMember

    CommitteePost.objects.create(organization=world.org_a1, role="secretary", person_name="次仁",
                                 term_start=datetime.date(2021, 1, 1), term_end=datetime.date(2026, 1, 1))
    rows = [["次仁", "男", "", "加木村", "村党组织", "村党支部书记", "2021-01-01", ""],
            ["顿珠", "男", "", "加木村", "村党组织", "村党支部书记", "2021-01-01", ""],
            ["白玛", "女", "", "加木村", "村委会", "委员", "2021-01-01", ""]]
    preview = run(world.alice, "committee_members", headers_of("committee_members"), rows, commit=False)
    assert not preview.committed and not preview.error_rows  # a warning refuses nothing
    assert preview.warnings == [
        "第3行（顿珠 村党支部书记）：顿珠的职务为“村党支部书记”，但加木村党组织班子职务中登记的书记是次仁；请核对两处记录。"]
    assert preview.preview()["warnings"] == preview.warnings
    done = run(world.alice, "committee_members", headers_of("committee_members"), rows)
    assert done.committed and TwoCommitteeMember.objects.count() == 3
