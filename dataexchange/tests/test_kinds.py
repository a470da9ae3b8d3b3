"""Every record kind: created through its page's form and service, re-import updates, scope holds."""

from activities.models import Activity
from branches.models import PartyOrganization
from cadres.models import LanguageAssessment, TwoCommitteeMember
from cadres.tests.factories import PartyMemberFactory
from capacity.models import DisputeCase
from evaluations.models import EvaluationCampaign, EvaluationResult, MeetingKind, OrganizationLifeMeeting
from evaluations.tests.factories import bulk_members
from funding.models import Allocation, Expenditure, FundPurpose, FundSource
from funding.tests.factories import AllocationFactory, TownshipAccountFactory, VillageLedgerFactory

from .helpers import headers_of, run


def _twice(actor, kind, rows):
    """Import, then import the same rows again: the second run changes nothing."""
    first = run(actor, kind, headers_of(kind), rows)
    assert first.committed, first.error_rows
    second = run(actor, kind, headers_of(kind), rows)
    assert second.committed and second.count("create") == 0, second.error_rows
    return first, second


def test_it_imports_organizations_and_refuses_another_county(world):
    row = ["加木村第二党支部", "党支部", "噶尔县/狮泉河镇/加木村", "加木村党支部", "", "2020年1月1日", "否", "是"]
    first, second = _twice(world.alice, "organizations", [row])
    assert first.count("create") == 1 and second.count("unchanged") == 1
    org = PartyOrganization.objects.get(name="加木村第二党支部")
    assert org.parent == world.org_a1 and org.at_border_resettlement_site
    row[4] = "新单位"
    assert run(world.alice, "organizations", headers_of("organizations"), [row]).count("update") == 1
    other = run(world.alice, "organizations", headers_of("organizations"),
                [["普兰新支部", "党支部", "普兰县/普兰镇/普兰一村", "", "", "", "否", "否"]])
    assert not other.committed and other.error_rows[0].errors[0][0] == "所在区域"
    assert not PartyOrganization.objects.filter(name="普兰新支部").exists()


def test_it_imports_activities(world):
    from activities.tests.factories import kind

    name = kind("theme_party_day").name
    row = [name, "2022.6.18", "加木村党支部", "加木村", 30, 40, 2, "主题党日"]
    first, _ = _twice(world.alice, "activities", [row])
    assert Activity.objects.get().person_times == 40
    row[6] = 3
    assert run(world.alice, "activities", headers_of("activities"), [row]).count("update") == 1
    bad = run(world.alice, "activities", headers_of("activities"), [[name, "2022-06-18", "加木村党支部", "加木村", 30, 10]])
    assert not bad.committed and "参加人次不能少于参加人数" in str(bad.error_rows[0].errors)


def test_it_imports_meetings(world):
    bulk_members(world.org_a1, 10)  # 应到 10 needs 10 members
    kind = MeetingKind.objects.filter(is_active=True).first()
    row = ["加木村党支部", kind.name, "2022年3月5日", "学习", 10, 9, ""]
    _twice(world.alice, "meetings", [row])
    assert OrganizationLifeMeeting.objects.get().present_count == 9


def test_it_imports_evaluation_results(world):
    member = PartyMemberFactory(organization=world.org_a1, name="次仁")
    EvaluationCampaign.objects.create(organization=world.org_a1, year=2022)
    row = ["加木村党支部", 2022, "次仁", member.id_number, "优秀", ""]
    _twice(world.alice, "evaluation_results", [row])
    row[4] = "合格"
    assert run(world.alice, "evaluation_results", headers_of("evaluation_results"), [row]).count("update") == 1
    assert EvaluationResult.objects.get().rating == "qualified"
    no_campaign = run(world.alice, "evaluation_results", headers_of("evaluation_results"),
                      [["加木村党支部", 2021, "次仁", member.id_number, "优秀", ""]])
    assert "尚未建立2021年度民主评议活动" in no_campaign.error_rows[0].errors[0][1]


def test_it_imports_dispute_cases(world):
    row = ["加木村", "2022/4/10", "草场边界纠纷", "协商", "是", "2022-04-20", "调解成功"]
    _twice(world.alice, "dispute_cases", [row])
    assert DisputeCase.objects.get().handled
    bad = run(world.alice, "dispute_cases", headers_of("dispute_cases"),
              [["加木村", "2022/4/11", "另一纠纷", "", "否", "", "调解成功"]])
    assert not bad.committed and DisputeCase.objects.count() == 1


def test_it_imports_allocations_and_expenditures(world):
    source, purpose = FundSource.objects.get(code="prefecture"), FundPurpose.objects.get(code="cadre_pay")
    row = [2022, source.name, purpose.name, "1,000.50", "加木村", "", "阿地组发〔2022〕1号", ""]
    _twice(world.alice, "allocations", [row])
    assert Allocation.objects.get().amount == __import__("decimal").Decimal("1000.50")
    account = TownshipAccountFactory(township=world.township_a)
    VillageLedgerFactory(account=account, village=world.village_a1)
    spend = ["加木村", 2022, "阿地组发〔2022〕1号", purpose.name, "2022-08-01", "200", "记-001", "工资"]
    _twice(world.alice, "expenditures", [spend])
    over = run(world.alice, "expenditures", headers_of("expenditures"),
               [["加木村", 2022, "", purpose.name, "2022-08-02", "900", "记-002", ""]])
    assert not over.committed and "超出拨款余额" in str(over.error_rows[0].errors)
    assert Expenditure.objects.count() == 1


def test_it_refuses_another_countys_allocation_for_an_expenditure(world):
    purpose = FundPurpose.objects.get(code="cadre_pay")
    AllocationFactory(village=world.village_b1, source=FundSource.objects.get(code="prefecture"), purpose=purpose)
    outcome = run(world.alice, "expenditures", headers_of("expenditures"),
                  [["普兰一村", 2022, "", purpose.name, "2022-08-01", "1", "记-1", ""]])
    assert not outcome.committed and "不在您的管辖范围内" in outcome.error_rows[0].errors[0][1]


def test_it_imports_committee_members_and_language_assessments(world):
    member = PartyMemberFactory(organization=world.org_a1, name="扎西")
    rows = [["", "", member.id_number, "加木村", "村党组织", "书记", "2021-01-01", ""],
            ["白玛", "女", "", "加木村", "村委会", "委员", "2021-01-01", ""]]
    _twice(world.alice, "committee_members", rows)
    assert set(TwoCommitteeMember.objects.values_list("name", flat=True)) == {"扎西", "白玛"}
    assessment = [["白玛", "加木村", 2022, "能熟练交流", "2022-11-20"]]
    _twice(world.alice, "language_assessments", assessment)
    assessment[0][3] = "能熟练听说读写"
    assert run(world.alice, "language_assessments", headers_of("language_assessments"),
               assessment).count("update") == 1
    assert LanguageAssessment.objects.get().level == 5
    outsider = run(world.bob, "language_assessments", headers_of("language_assessments"), assessment)
    assert not outsider.committed
