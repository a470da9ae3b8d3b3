"""The 党内统计年报 on a small world built here: every figure below is worked out by hand from the
records the test creates (ages on 2022-12-31, statuses, transfers, organizations, ratings)."""
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from annualstats.report import TOTAL, annual_report
from branches.models import Area, CommitteePost, PartyOrganization
from cadres.models import OrganizationTransfer, PartyMember
from cadres.tests.factories import LanguageTrainingSessionFactory, PartyMemberFactory
from evaluations.models import EvaluationCampaign, EvaluationResult
from indicators.models import IndicatorSnapshot
from indicators.services import recompute

D = datetime.date
FULL, PROBATIONARY, APPLICANT = PartyMember.Stage.FULL, PartyMember.Stage.PROBATIONARY, PartyMember.Stage.APPLICANT


def member(org, *, gender="M", ethnicity="藏族", born=D(1985, 6, 15), education="", occupation="farmer_herder",
           stage=FULL, admitted=D(2006, 12, 1), full_on=D(2007, 12, 1), status="normal", changed=None, kind=""):
    return PartyMemberFactory(organization=org, gender=gender, ethnicity=ethnicity, birth_date=born,
                              education=education, occupation=occupation, stage=stage, admitted_on=admitted,
                              full_member_on=full_on if stage == FULL else None, status=status,
                              status_changed_on=changed, left_party_kind=kind)


@pytest.fixture
def small(world):
    w = world
    a1, a2, b1 = w.org_a1, w.org_a2, w.org_b1
    m = {}
    # 狮泉河镇 (org_a1)
    m[1] = member(a1, education="senior")                                        # 37, 30-39
    m[2] = member(a1, gender="F", born=D(1995, 1, 1), education="college")       # 27, under 30
    m[3] = member(a1, gender="F", ethnicity="汉族", born=D(1960, 3, 1), education="bachelor",
                  occupation="civil_servant")                                    # 62
    m[4] = member(a1, ethnicity="回族", born=D(1992, 12, 31), stage=PROBATIONARY,
                  admitted=D(2022, 3, 1))                                        # exactly 30 on Dec 31
    m[5] = member(a1, gender="F", born=D(1975, 5, 5), education="junior", occupation="retired",
                  status="deceased", changed=D(2022, 8, 1))                      # left: death
    m[6] = member(a1, born=D(1980, 1, 1), education="primary", status="expelled",
                  changed=D(2022, 12, 31))                      # still a member on Dec 31; 出党 of no kind (legacy)
    m[7] = member(a1, stage=APPLICANT, admitted=None)                            # not a member
    m[12] = member(a1, admitted=D(2022, 1, 15), full_on=D(2023, 1, 20))          # probationary on Dec 31
    # 昆莎乡 (org_a2)
    m[8] = member(a2, gender="F", born=D(2000, 2, 2), education="senior", stage=PROBATIONARY,
                  admitted=D(2022, 6, 1))                                        # 22
    m[9] = member(a2, born=D(1970, 1, 1), education="junior")                   # 52
    # Now in 普兰县, but in 昆莎乡 on 2022-12-31 (moved in 2023).
    m[10] = member(b1, education="postgraduate", occupation="enterprise")
    OrganizationTransfer.objects.create(member=m[10], from_organization=a2, to_organization=b1,
                                        transferred_on=D(2023, 3, 1))
    # Organizations of 噶尔县: a township committee; a branch dissolved in 2022; a work-group branch of 2023.
    PartyOrganization.objects.create(name="狮泉河镇党委", kind="committee", area=w.township_a, founded_on=D(2010, 1, 1))
    PartyOrganization.objects.create(name="旧支部", kind="branch", area=w.village_a1, status="dissolved",
                                     status_changed_on=D(2022, 6, 30))
    PartyOrganization.objects.create(name="作业组", kind="work_group_branch", parent=a1, area=w.village_a1,
                                     founded_on=D(2023, 5, 1))
    # 普兰县: two branches of 7 full members; b1's committee has 3 posts on Dec 31 (one leaves that
    # day: still in force), b2's only 2 (one left on Dec 30).
    b2 = PartyOrganization.objects.create(name="普兰二支部", kind="branch", area=w.village_b1)
    for org, left in ((b1, D(2022, 12, 31)), (b2, D(2022, 12, 30))):
        for _i in range(7):
            member(org, gender="F")
        for role, left_on in (("secretary", None), ("organization", None), ("propaganda", left)):
            CommitteePost.objects.create(organization=org, role=role, person_name="某", term_start=D(2021, 1, 1),
                                         term_end=D(2023, 12, 31), left_on=left_on)
    # 民主评议 2022
    for org, ratings in ((a1, [(1, "excellent"), (2, "qualified"), (3, "qualified"), (6, "basically_qualified")]),
                         (a2, [(8, "ungraded"), (9, "unqualified")])):
        campaign = EvaluationCampaign.objects.create(organization=org, year=2022)
        for number, rating in ratings:
            EvaluationResult.objects.create(member=m[number], year=2022, campaign=campaign, rating=rating)
    # Training: in 狮泉河镇, in 昆莎一村, at the county (only in the 合计 row), and one of 2021.
    LanguageTrainingSessionFactory(area=w.township_a, started_on=D(2022, 5, 1), attendance=10)
    LanguageTrainingSessionFactory(area=w.village_a2, started_on=D(2022, 7, 1), attendance=25)
    LanguageTrainingSessionFactory(area=w.county_a, started_on=D(2022, 9, 1), attendance=40)
    LanguageTrainingSessionFactory(area=w.county_a, started_on=D(2021, 9, 1), attendance=99)
    recompute([2022])
    w.members = m
    return w


def rows(table):
    """{row label: {column header: value}} with only the non-zero cells."""
    return {row.label: {str(label): row[key] for key, label in table.columns if row[key]} for row in table.rows}


def test_it_counts_members_by_sex_ethnicity_and_stage(small):
    report = annual_report(small.county_a, 2022)
    assert [str(r.label) for r in report.table("1").rows] == ["合计", "狮泉河镇", "昆莎乡"]
    assert rows(report.table("1")) == {
        "合计": {"合计": 9, "正式党员": 6, "预备党员": 3, "男": 6, "女": 3, "汉族": 1, "少数民族": 8, "其中：藏族": 7},
        "狮泉河镇": {"合计": 6, "正式党员": 4, "预备党员": 2, "男": 4, "女": 2, "汉族": 1, "少数民族": 5, "其中：藏族": 4},
        "昆莎乡": {"合计": 3, "正式党员": 2, "预备党员": 1, "男": 2, "女": 1, "少数民族": 3, "其中：藏族": 3},
    }


def test_it_counts_members_by_age_education_and_occupation(small):
    report = annual_report(small.county_a, 2022)
    assert rows(report.table("2")) == {
        "合计": {"合计": 9, "30岁以下": 2, "30至39岁": 4, "40至49岁": 1, "50至59岁": 1, "60岁及以上": 1},
        "狮泉河镇": {"合计": 6, "30岁以下": 1, "30至39岁": 3, "40至49岁": 1, "60岁及以上": 1},
        "昆莎乡": {"合计": 3, "30岁以下": 1, "30至39岁": 1, "50至59岁": 1},
    }
    assert rows(report.table("3"))["合计"] == {"合计": 9, "小学及以下": 1, "初中": 1, "高中/中专": 2, "大专": 1,
                                             "本科": 1, "研究生": 1, "未填写": 2}
    assert rows(report.table("3"))["昆莎乡"] == {"合计": 3, "初中": 1, "高中/中专": 1, "研究生": 1}
    assert rows(report.table("4")) == {
        "合计": {"合计": 9, "农牧民": 7, "公务员": 1, "企业人员": 1, "其中：农牧民女党员": 2, "其中：30岁以下农牧民党员": 2},
        "狮泉河镇": {"合计": 6, "农牧民": 5, "公务员": 1, "其中：农牧民女党员": 1, "其中：30岁以下农牧民党员": 1},
        "昆莎乡": {"合计": 3, "农牧民": 2, "企业人员": 1, "其中：农牧民女党员": 1, "其中：30岁以下农牧民党员": 1},
    }


def test_it_counts_members_developed_and_members_who_left(small):
    report = annual_report(small.county_a, 2022)
    assert rows(report.table("5"))["合计"] == {"合计": 3, "男": 2, "女": 1, "少数民族": 3, "30岁以下": 1,
                                             "30至39岁": 2, "高中/中专": 1, "未填写": 2, "农牧民": 3}
    assert rows(report.table("5"))["昆莎乡"] == {"合计": 1, "女": 1, "少数民族": 1, "30岁以下": 1, "高中/中专": 1,
                                               "农牧民": 1}
    assert rows(report.table("6")) == {"合计": {"合计": 2, "死亡": 1, "出党：方式未填": 1},
                                       "狮泉河镇": {"合计": 2, "死亡": 1, "出党：方式未填": 1}, "昆莎乡": {}}


def test_it_counts_members_who_left_the_party_by_kind(small, client_for):
    a1, a2 = small.org_a1, small.org_a2
    for org, kind, changed in (
            (a1, "expelled_by_discipline", D(2022, 1, 1)),    # the year's first day counts
            (a1, "expelled_by_discipline", D(2022, 3, 1)),
            (a1, "persuaded_to_withdraw", D(2022, 5, 1)),
            (a2, "struck_off", D(2022, 6, 1)),
            (a2, "self_lapsed", D(2022, 12, 31)),             # and its last
            (a2, "withdrew", D(2022, 7, 1)),
            (a2, "withdrew", D(2021, 12, 31)),                # the year before: not in 2022
            (a1, "struck_off", D(2023, 1, 1)),                # the year after
            (small.org_b1, "withdrew", D(2022, 7, 1))):       # 普兰县: not in 噶尔县's report
        member(org, status="expelled", changed=changed, kind=kind)
    recompute([2022])  # the members on Dec 31 changed (the one who left that day): the stored indicators too
    # With the fixture's 死亡 (狮泉河镇, Aug 1) and 出党 of no kind (狮泉河镇, Dec 31).
    report = annual_report(small.county_a, 2022)
    assert rows(report.table("6")) == {
        "合计": {"合计": 8, "死亡": 1, "出党：开除党籍": 2, "出党：劝其退党": 1, "出党：除名": 1, "出党：自行脱党除名": 1,
               "出党：退党": 1, "出党：方式未填": 1},
        "狮泉河镇": {"合计": 5, "死亡": 1, "出党：开除党籍": 2, "出党：劝其退党": 1, "出党：方式未填": 1},
        "昆莎乡": {"合计": 3, "出党：除名": 1, "出党：自行脱党除名": 1, "出党：退党": 1},
    }
    assert not report.failed, [vars(c) for c in report.failed]
    check = next(c for c in report.checks if c.label == "减少党员总数与分项之和一致" and c.place == "噶尔县")
    assert (check.left, check.right) == (8, 8)
    assert rows(annual_report(small.root, 2022).table("6"))["普兰县"] == {"合计": 1, "出党：退党": 1}
    assert rows(annual_report(small.county_a, 2023).table("6"))["合计"] == {"合计": 1, "出党：除名": 1}

    response = client_for(small.alice).get(reverse("annualstats:workbook", args=[small.county_a.pk]), {"year": 2022})
    sheet = load_workbook(io.BytesIO(response.content))["表六 党员减少情况"]
    assert [c.value for c in sheet[3]] == ["区域", "合计", "死亡", "出党：开除党籍", "出党：劝其退党", "出党：除名",
                                           "出党：自行脱党除名", "出党：退党", "出党：方式未填", "取消预备党员资格",
                                           "停止党籍", "转出"]
    assert [c.value for c in sheet[4]] == ["合计", 8, 1, 2, 1, 1, 1, 1, 1, 0, 0, 0]


def test_it_counts_organizations_by_kind_place_and_committee(small):
    county = annual_report(small.county_a, 2022).table("7")
    assert rows(county) == {
        "合计": {"合计": 3, "党委": 1, "党支部": 2, "设在村": 2, "设在乡镇": 1},
        "狮泉河镇": {"合计": 2, "党委": 1, "党支部": 1, "设在村": 1, "设在乡镇": 1},
        "昆莎乡": {"合计": 1, "党支部": 1, "设在村": 1},
    }
    prefecture = rows(annual_report(small.root, 2022).table("7"))
    assert prefecture["普兰县"] == {"合计": 2, "党支部": 2, "设在村": 2, "正式党员7人及以上的党支部": 2,
                                  "其中：已设支部委员会": 1, "其中：未设支部委员会": 1}
    assert prefecture["合计"]["合计"] == 5


def test_it_counts_organizations_in_villages_and_in_communities_apart(small, client_for):
    # A 社区 in 狮泉河镇: a branch and its work group (both existing on Dec 31), and a branch dissolved in 2022.
    community = Area.objects.add_child(small.township_a, instance=Area(name="狮泉河社区", level=Area.Level.VILLAGE,
                                                                       is_community=True))
    branch = PartyOrganization.objects.create(name="社区党支部", kind="branch", area=community,
                                              founded_on=D(2015, 1, 1))
    PartyOrganization.objects.create(name="社区作业组", kind="work_group_branch", parent=branch, area=community,
                                     founded_on=D(2020, 1, 1))
    PartyOrganization.objects.create(name="社区旧支部", kind="branch", area=community, status="dissolved",
                                     status_changed_on=D(2022, 6, 30))
    recompute([2022])  # the dashboard's snapshots, which the 审核 checks compare with
    # 噶尔县 on Dec 31: 加木村党支部 and 昆莎一村党支部 in 村, the two above in 社区, 狮泉河镇党委 in 乡镇.
    report = annual_report(small.county_a, 2022)
    assert rows(report.table("7")) == {
        "合计": {"合计": 5, "党委": 1, "党支部": 3, "作业组党支部": 1, "设在村": 2, "设在社区": 2, "设在乡镇": 1},
        "狮泉河镇": {"合计": 4, "党委": 1, "党支部": 2, "作业组党支部": 1, "设在村": 1, "设在社区": 2, "设在乡镇": 1},
        "昆莎乡": {"合计": 1, "党支部": 1, "设在村": 1},
    }
    assert not report.failed, [vars(c) for c in report.failed]
    township = rows(annual_report(small.township_a, 2022).table("7"))
    assert township["加木村"] == {"合计": 1, "党支部": 1, "设在村": 1}
    assert township["狮泉河社区"] == {"合计": 2, "党支部": 1, "作业组党支部": 1, "设在社区": 2}
    with translation.override("en"):
        headers = dict(annual_report(small.county_a, 2022).table("7").columns)
    assert (headers["at_village"], headers["at_community"]) == ("In villages", "In communities")
    response = client_for(small.alice).get(reverse("annualstats:workbook", args=[small.county_a.pk]), {"year": 2022})
    sheet = load_workbook(io.BytesIO(response.content))["表七 党组织情况"]
    header = [c.value for c in sheet[3]]
    village, community = header.index("设在村"), header.index("设在社区")
    assert [c.value for c in sheet[4]][village] == 2 and [c.value for c in sheet[4]][community] == 2


def test_it_counts_ratings_and_training(small):
    report = annual_report(small.county_a, 2022)
    assert rows(report.table("8")) == {
        "合计": {"合计": 6, "优秀": 1, "合格": 2, "基本合格": 1, "不合格": 1, "不定等次": 1},
        "狮泉河镇": {"合计": 4, "优秀": 1, "合格": 2, "基本合格": 1},
        "昆莎乡": {"合计": 2, "不合格": 1, "不定等次": 1},
    }
    assert rows(report.table("9")) == {"合计": {"培训期数": 3, "参训人次": 75},
                                       "狮泉河镇": {"培训期数": 1, "参训人次": 10},
                                       "昆莎乡": {"培训期数": 1, "参训人次": 25}}


def test_every_check_passes_and_the_dashboard_figures_are_compared(small):
    for area in (small.root, small.county_a, small.township_a, small.village_a1):
        report = annual_report(area, 2022)
        assert report.checks and not report.failed, [vars(c) for c in report.failed]
    labels = {c.right_label for c in annual_report(small.county_a, 2022).checks}
    assert "仪表盘：发展党员数" in labels and "仪表盘：农牧民党员" in labels


def test_a_stored_indicator_that_disagrees_fails_its_check_in_red(small, client_for):
    IndicatorSnapshot.objects.filter(area=small.county_a, year=2022, code="personnel.members_developed").update(value=99)
    report = annual_report(small.county_a, 2022)
    assert [(c.place, c.left, c.right) for c in report.failed] == [("噶尔县", 3, 99)]
    response = client_for(small.alice).get(reverse("annualstats:workbook", args=[small.county_a.pk]), {"year": 2022})
    sheet = load_workbook(io.BytesIO(response.content))["审核"]
    red = [row for row in sheet.iter_rows(min_row=4) if row[8].value == "不通过"]
    assert len(red) == 1 and red[0][4].value == 3 and red[0][7].value == 99
    assert red[0][0].fill.fgColor.rgb.endswith("FFC7CE")


def test_the_workbook_has_a_sheet_per_table_with_titles_and_print_setup(small, client_for):
    response = client_for(small.alice).get(reverse("annualstats:workbook", args=[small.county_a.pk]), {"year": 2022})
    assert response.status_code == 200
    assert "filename*=UTF-8''%E5%99%B6%E5%B0%94%E5%8E%BF2022" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "说明" and book.sheetnames[-1] == "审核" and len(book.sheetnames) == 11
    sheet = book["表一 党员性别、民族情况"]
    assert sheet["A1"].value == "噶尔县2022年党内统计年报：表一 党员性别、民族情况"
    assert sheet["A2"].value.startswith("截至2022-12-31")
    assert [c.value for c in sheet[4]][:3] == ["合计", 9, 6]
    assert sheet.freeze_panes == "B4" and sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9   # A4


def test_generation_costs_the_same_queries_for_more_members(small, django_assert_max_num_queries):
    with django_assert_max_num_queries(50):
        annual_report(small.root, 2022)
    for _i in range(40):
        member(small.org_a2, gender="F", born=D(1990, 1, 1))
    with django_assert_max_num_queries(50):
        report = annual_report(small.root, 2022)
    assert report.table("1").row_for(small.county_a.pk)[TOTAL] == 49


def test_scope(small, client_for):
    url = reverse("annualstats:workbook", args=[small.county_b.pk])
    assert client_for(small.alice).get(url).status_code == 404
    assert client_for(small.bob).get(url).status_code == 200
    assert client_for(small.dave).get(url).status_code == 200          # read-only roles may download
    for outsider in (small.erin, small.sam):
        assert client_for(outsider).get(url).status_code == 403
        assert client_for(outsider).get(reverse("annualstats:index")).status_code == 403
    page = client_for(small.alice).get(reverse("annualstats:index"), {"area": small.county_b.pk, "year": 2022})
    assert page.status_code == 200 and page.context["area"] == small.county_a   # not another county's
    assert reverse("annualstats:workbook", args=[small.county_a.pk]) in page.content.decode()
