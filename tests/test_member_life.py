"""A member's whole life on one page (issue 19, item 5): the member page shows every section
registered in ali_party.member_life, with the facts a small world records (the values worked out
by hand below), and its query count does not grow with the member's history."""
import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from activities.models import Activity, ActivityKind
from ali_party import member_life
from cadres.models import OrganizationTransfer, PartyMember
from cadres.tests.factories import PartyMemberFactory, TwoCommitteeMemberFactory
from dues.models import DuesLedger, DuesLedgerLine, DuesPayment
from evaluations.models import (
    EvaluationCampaign,
    EvaluationResult,
    HeartToHeartTalk,
    MeetingAttendance,
    MeetingKind,
    NotEvaluated,
    OrganizationLifeMeeting,
)
from orglife.models import TermMember
from orglife.services import term_create

D = datetime.date


def ledger_lines(member, organization, year, months, *, paid=(), amount=Decimal("0.50")):
    for month in months:
        ledger, _ = DuesLedger.objects.get_or_create(organization=organization, year=year, month=month)
        payment = None
        if month in paid:
            payment = DuesPayment.objects.create(organization=organization, member=member, amount=amount,
                                                 receipt_no=f"{member.pk}-{year}-{month}", paid_on=D(year, month, 20))
        DuesLedgerLine.objects.create(ledger=ledger, member=member, amount_due=amount, payment=payment)


def meetings(member, organization, year, count, *, absent=0):
    kind = MeetingKind.objects.get(code="branch_assembly")
    for n in range(count):
        meeting = OrganizationLifeMeeting.objects.create(organization=organization, kind=kind, topic=f"会{n}",
                                                         held_on=D(year, 1 + n % 12, 5), expected_count=1,
                                                         present_count=0 if n < absent else 1)
        MeetingAttendance.objects.create(meeting=meeting, member=member, present=n >= absent,
                                         absence_reason="sick" if n < absent else "")


def talks(member, organization, year, *, held, received):
    for n in range(held):
        HeartToHeartTalk.objects.create(organization=organization, held_on=D(year, 3, 1 + n), topic="谈", initiator=member)
    for n in range(received):
        talk = HeartToHeartTalk.objects.create(organization=organization, held_on=D(year, 4, 1 + n), topic="谈",
                                               initiator_name="乡镇干部")
        talk.counterparts.add(member)


def activities(member, world, year, count):
    kind = ActivityKind.objects.get(code="theme_party_day")
    for n in range(count):
        activity = Activity.objects.create(kind=kind, held_on=D(year, 2, 1 + n % 27), organization=world.org_a1,
                                           village=world.village_a1, participants=5, person_times=5)
        activity.attendees.add(member)


@pytest.fixture
def rich(world):
    """One member of 加木村党支部 with something in every section (see the test for the figures)."""
    member = PartyMemberFactory(organization=world.org_a1, name="桑珠", phone="13887654321")
    # Defaults: born 1985-06-15, applied 2005-01-10, activist 2005-06-01, candidate 2006-07-01,
    # admitted 2006-12-01, full 2007-12-01.
    OrganizationTransfer.objects.create(member=member, from_organization=world.org_a2, to_organization=world.org_a1,
                                        transferred_on=D(2020, 4, 1), note="迁居")
    TwoCommitteeMemberFactory(village=world.village_a1, member=member, name=member.name, post="村党支部副书记",
                              term_start=D(2021, 3, 1))
    term = term_create(actor=world.alice, organization=world.org_a1, election_date=D(2021, 6, 1),
                       start_date=D(2021, 6, 1), number=4)
    TermMember.objects.create(term=term, member=member, role="organization")
    # Dues 2022: January–November due at 0.50 元, January–September paid, October–November owed.
    ledger_lines(member, world.org_a1, 2022, range(1, 12), paid=range(1, 10))
    campaign21 = EvaluationCampaign.objects.create(organization=world.org_a1, year=2021)
    campaign22 = EvaluationCampaign.objects.create(organization=world.org_a1, year=2022)
    EvaluationResult.objects.create(member=member, year=2021, campaign=campaign21, rating="excellent")
    NotEvaluated.objects.create(member=member, year=2022, campaign=campaign22, reason="away")
    meetings(member, world.org_a1, 2022, 3, absent=1)   # 3 on the roll: 2 present, 1 absent
    talks(member, world.org_a1, 2022, held=1, received=2)
    activities(member, world, 2022, 2)                  # 2 主题党日
    return member


def texts(html: str) -> str:
    import re
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_every_registered_section_is_on_the_page_in_order(client_for, world, rich):
    html = client_for(world.alice).get(rich.get_absolute_url()).content.decode()
    keys = [section.key for section in member_life.sections()]
    # The order the whole-life page is meant to read in: the stages and the road to them, where the
    # member was, dues, evaluation and organization life, posts and terms, then the lapse warning.
    assert keys == ["stages", "development", "transfers", "mobility", "dues", "evaluations", "organization_life",
                    "activities", "committee", "terms", "lapse"]
    assert {"stages", "transfers", "dues", "evaluations", "organization_life", "activities", "committee",
            "terms"} <= set(keys)
    positions = [html.index(f'id="life-{key}"') for key in keys]
    assert positions == sorted(positions)
    assert keys[0] == "stages"


def test_the_sections_show_the_members_records(client_for, world, rich):
    page = texts(client_for(world.alice).get(rich.get_absolute_url()).content.decode())
    # Stages, with the timing rules: 19 at application (born 1985-06-15, applied 2005-01-10);
    # 2005-01-10 → 2005-06-01 is 4 whole months; 2005-06-01 → 2006-07-01 is 1 year 1 month.
    for text in ["2005-01-10 申请时19岁（须年满18周岁）", "2005-06-01 申请后4个月",
                 "2006-07-01 培养考察1年1个月（须满一年）", "2006-12-01 预备期至2007-12-01",
                 "2007-12-01 预备期满2007-12-01后转正"]:
        assert text in page, text
    assert "不符合规定" not in page
    # The transfer, the two-committee post, the term.
    assert "2020-04-01 昆莎一村党支部 加木村党支部 （迁居）" in page
    assert "村党支部副书记" in page and "2021-03-01 — 至今" in page
    assert "加木村党支部 第4届 组织委员 2021-06-01 — 本届在任" in page
    # Dues: the window ends with the last ledger month (November 2022): December 2020 – November 2022.
    assert "2020年12月至2022年11月" in page and "（此后没有该党员的党费台账）" in page
    assert "应交 11 个月 5.50 元；已交 9 个月 4.50 元；欠交 2 个月 1.00 元" in page
    # Evaluation: 2022 not evaluated (away), 2021 优秀.
    assert "2022 未参加评议：长期外出(务工、放牧等) 加木村党支部 2021 优秀 加木村党支部" in page
    # Organization life 2022: on 3 rolls, 2 present, 1 absent; 1 talk held, 2 received.
    assert "2022 3 2 1 1 2" in page
    # Activities 2022: 2 主题党日.
    assert "2022 2 主题党日 2" in page


def test_a_member_with_nothing_recorded_sees_each_section_say_so(client_for, world):
    member = PartyMemberFactory(organization=world.org_a1, stage=PartyMember.Stage.APPLICANT, activist_on=None,
                                candidate_on=None, admitted_on=None, full_member_on=None)
    page = texts(client_for(world.alice).get(member.get_absolute_url()).content.decode())
    for text in ["无组织关系转接记录", "无村“两委”任职记录", "未当选党组织班子成员", "无民主评议记录",
                 "无参会登记和谈心谈话记录", "无登记参加的活动", "应交 0 个月 0.00 元"]:
        assert text in page, text
    # Next step of an applicant: to 入党积极分子, allowed from the application day.
    assert "下一步： 入党积极分子（最早 2005-01-10）；可以办理。" in page


def test_a_candidate_too_early_shows_the_rule_broken(client_for, world):
    # An old record entered before the checks: 发展对象 after only 6 months as 积极分子.
    member = PartyMemberFactory(organization=world.org_a1, stage=PartyMember.Stage.CANDIDATE,
                                candidate_on=D(2005, 12, 1), admitted_on=None, full_member_on=None)
    page = texts(client_for(world.alice).get(member.get_absolute_url()).content.decode())
    assert "培养考察6个月（须满一年） 不符合规定" in page


def test_masking_and_read_only_and_other_county(client_for, world, rich):
    html = client_for(world.alice).get(rich.get_absolute_url()).content.decode()
    assert rich.id_number not in html and rich.masked_id_number in html
    assert "13887654321" not in html and "138****4321" in html
    viewer = client_for(world.dave).get(rich.get_absolute_url()).content.decode()
    assert "应交 11 个月" in viewer
    for url_name in ("cadres:member_update", "cadres:member_transfer", "cadres:member_delete"):
        assert reverse(url_name, args=[rich.pk]) not in viewer
    assert client_for(world.bob).get(rich.get_absolute_url()).status_code == 404


def test_the_page_query_count_does_not_grow_with_the_history(client_for, world, rich, django_assert_max_num_queries):
    client = client_for(world.alice)
    client.get(rich.get_absolute_url())  # warm the session and the catalogues
    with django_assert_max_num_queries(30) as short:
        client.get(rich.get_absolute_url())
    # Years more of everything: transfers back and forth, ledgers, evaluations, meetings, talks,
    # activities, two-committee posts and terms.
    organizations = [world.org_a2, world.org_a1]
    for n in range(10):
        OrganizationTransfer.objects.create(member=rich, from_organization=organizations[n % 2],
                                            to_organization=organizations[(n + 1) % 2],
                                            transferred_on=D(2020, 5 + n % 7, 1))
    for year in (2019, 2020, 2021):
        ledger_lines(rich, world.org_a1, year, range(1, 13), paid=range(1, 13))
    for year in range(2015, 2021):
        campaign = EvaluationCampaign.objects.create(organization=world.org_a1, year=year)
        EvaluationResult.objects.create(member=rich, year=year, campaign=campaign, rating="qualified")
        meetings(rich, world.org_a1, year, 12, absent=2)
        talks(rich, world.org_a1, year, held=2, received=3)
        activities(rich, world, year, 4)
    for year in (2012, 2015, 2018):
        TwoCommitteeMemberFactory(village=world.village_a1, member=rich, name=rich.name, term_start=D(year, 1, 1),
                                  term_end=D(year + 2, 12, 31))
    for year in (2006, 2011, 2016):  # 昆莎一村党支部's terms, five years each (a village organization)
        term = term_create(actor=world.alice, organization=world.org_a2, election_date=D(year, 6, 1),
                           start_date=D(year, 6, 1))
        TermMember.objects.create(term=term, member=rich, role="member")
    with django_assert_max_num_queries(len(short.captured_queries)):
        response = client.get(rich.get_absolute_url())
    # The dues window is still 24 months, December 2020 – November 2022: 1 + 12 + 11 lines at 0.50 元,
    # all paid but October and November 2022.
    assert "应交 24 个月 12.00 元；已交 22 个月 11.00 元；欠交 2 个月 1.00 元" in texts(response.content.decode())
