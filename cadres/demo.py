"""Demo records of the 基本队伍 pillar for the real Ngari tree (after branches' demo).

For 2022 at the prefecture root the indicators equal the article's figures exactly: 农牧民党员 8521
(women 2122, under 30 on 2022-12-31 1744, 270 of them admitted during 2022), two-committee members
863 all party members, 695 proficient in the national language (80.53%, 2021: 685 = 79.37%, so
+1.16 points), 386 training sessions with 1631 person-times, 728 cadres sent to villages with 1362
problems solved and 1260 policy talks. 2021 (and partly 2020) have somewhat smaller numbers.

Also: about 640 non-farmer members in township 党委 (20 admitted in 2022), 60 farmer members who
died during 2022 (counted in 2021 only), 40 organization transfers between village branches, and
people in the development pipeline (applicants, activists, candidates).
"""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction

from branches.models import Area, CommitteePost, PartyOrganization

from .dates import add_years
from .models import (
    CadreWorkLog,
    Gender,
    LanguageAssessment,
    LanguageLevel,
    LanguageTrainingSession,
    OrganizationTransfer,
    PartyMember,
    SentCadre,
    TwoCommitteeMember,
)
from .validators import make_id_number

Stage, Status, Occupation, Education = (PartyMember.Stage, PartyMember.Status, PartyMember.Occupation,
                                        PartyMember.Education)

FARMER_HERDERS_2022 = 8521
WOMEN_2022 = 2122
UNDER_30_2022 = 1744
ADMITTED_2022 = 270          # farmer-herders admitted (预备党员) during 2022
ADMITTED_2022_UNDER_30 = 190
DECEASED_2022 = 60           # farmer-herders in good standing at the end of 2021 who died in 2022
NON_FARMERS = 640
NON_FARMERS_ADMITTED_2022 = 20
TRANSFERS = 40
PIPELINE = {Stage.APPLICANT: 320, Stage.ACTIVIST: 260, Stage.CANDIDATE: 150}
TWO_COMMITTEE = 863
PROFICIENT = {2021: 685, 2022: 695}
TRAININGS = {2020: (301, 1262), 2021: (352, 1488), 2022: (386, 1631)}   # sessions, person-times
CADRES_BOTH_YEARS, CADRES_2022_ONLY, CADRES_2021_ONLY = 650, 78, 40    # 2022: 728; 2021: 690
CADRE_LOGS = {  # year: {kind: (entries, total count)}
    2021: {CadreWorkLog.Kind.PROBLEM_SOLVED: (470, 1210), CadreWorkLog.Kind.POLICY_TALK: (430, 1104)},
    2022: {CadreWorkLog.Kind.PROBLEM_SOLVED: (520, 1362), CadreWorkLog.Kind.POLICY_TALK: (480, 1260)},
}

COUNTY_CODES = {"普兰县": "542521", "札达县": "542522", "噶尔县": "542523", "日土县": "542524",
                "革吉县": "542525", "改则县": "542526", "措勤县": "542527"}
MALE_NAMES = ["扎西", "次仁", "顿珠", "格桑", "洛桑", "尼玛", "达瓦", "普布", "旺堆", "索朗", "边巴", "米玛",
              "平措", "强巴", "桑珠", "多吉", "旦增", "群培", "丹巴", "贡布"]
FEMALE_NAMES = ["卓玛", "央金", "拉姆", "德吉", "曲珍", "白玛", "次珍", "仓决", "玉珍", "普赤", "格桑", "达珍",
                "旦增", "尼珍", "巴桑", "措姆"]
HAN_SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"]
HAN_GIVEN = ["建华", "海燕", "志强", "丽娟", "晓东", "红梅", "伟", "静", "军", "敏"]
POSTS = [
    ("村党支部书记、村委会主任", TwoCommitteeMember.Committee.BOTH),
    ("村党支部副书记", TwoCommitteeMember.Committee.PARTY),
    ("村委会副主任", TwoCommitteeMember.Committee.VILLAGERS),
    ("村党支部委员", TwoCommitteeMember.Committee.PARTY),
    ("村委会委员", TwoCommitteeMember.Committee.VILLAGERS),
    ("村党支部委员、村委会委员", TwoCommitteeMember.Committee.BOTH),
]
SENDING_UNITS = ["地委组织部", "地委宣传部", "行署财政局", "行署农业农村局", "地区人民医院", "阿里军分区",
                 "县委组织部", "县人民政府办公室", "县农业农村局", "县教育局", "县公安局", "乡镇人民政府"]
FORCES = [SentCadre.Force.WORK_TEAM] * 6 + [SentCadre.Force.FIRST_SECRETARY, SentCadre.Force.TOWNSHIP_CADRE,
                                              SentCadre.Force.COUNTY_LEADER, SentCadre.Force.POLICE,
                                              SentCadre.Force.OTHER]
BATCH = 1000


def _day_between(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randint(0, max((hi - lo).days, 0)))


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` as `parts` positive whole numbers (a random composition)."""
    cuts = sorted(rng.sample(range(1, total), parts - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [total])]


class _People:
    """Names, phones and ID numbers that agree with birth date and gender and never repeat."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used = defaultdict(int)

    def name(self, gender: str, ethnicity: str = "藏族") -> str:
        if ethnicity == "汉族":
            return self.rng.choice(HAN_SURNAMES) + self.rng.choice(HAN_GIVEN)
        first = self.rng.choice(MALE_NAMES if gender == Gender.MALE else FEMALE_NAMES)
        return first + self.rng.choice(MALE_NAMES if gender == Gender.MALE else FEMALE_NAMES)

    def id_number(self, region: str, birth: date, gender: str) -> str:
        key = (region, birth, gender)
        k = self.used[key]
        self.used[key] += 1
        return make_id_number(region, birth, k, gender=gender)  # its 17th digit agrees with the gender

    def phone(self) -> str:
        if self.rng.random() < 0.3:
            return ""
        return "1" + self.rng.choice(["39", "58", "89", "78", "36", "51"]) + f"{self.rng.randint(0, 99999999):08d}"


def _stage_dates(rng: random.Random, birth: date, admit_lo: date, admit_hi: date) -> dict:
    """Dates of a member admitted in [admit_lo, admit_hi] following the procedure's waits; the
    application comes at least 18 years after birth (admission at 22 or later leaves room)."""
    admitted = _day_between(rng, max(admit_lo, add_years(birth, 22)), admit_hi)
    candidate = admitted - timedelta(days=rng.randint(60, 240))
    activist = add_years(candidate, -1) - timedelta(days=rng.randint(0, 120))
    applied = activist - timedelta(days=rng.randint(60, 360))
    return {"applied_on": applied, "activist_on": activist, "candidate_on": candidate, "admitted_on": admitted}


def _exists() -> bool:
    return TwoCommitteeMember.objects.exists()


@transaction.atomic
def load(*, seed: int = 2023) -> None:
    if _exists():
        return
    rng = random.Random(seed)
    people = _People(rng)
    branches = list(PartyOrganization.objects.filter(kind=PartyOrganization.Kind.BRANCH,
                                                     area__level=Area.Level.VILLAGE)
                    .select_related("area").order_by("area__path", "pk"))
    committees = list(PartyOrganization.objects.filter(kind=PartyOrganization.Kind.COMMITTEE,
                                                       area__level=Area.Level.TOWNSHIP)
                      .select_related("area").order_by("area__path", "pk"))
    if not branches or not committees:
        raise RuntimeError("请先载入基本组织的演示数据（每村一个党支部、每乡镇一个党委）。")
    branch_of_village = {}
    for branch in branches:
        branch_of_village.setdefault(branch.area_id, branch)
    branches = list(branch_of_village.values())
    counties = {a.path: a.name for a in Area.objects.filter(level=Area.Level.COUNTY)}

    def region(org) -> str:
        return COUNTY_CODES.get(counties.get(org.area.path[: 2 * Area.steplen], ""), "542524")

    farmers = _farmer_members(rng, people, branches, region)
    _non_farmer_members(rng, people, committees, region)
    _pipeline_people(rng, people, branches, region)
    _transfers(rng, farmers, branches)
    _two_committees(rng, farmers)
    _trainings(rng, committees, branches)
    _sent_cadres(rng, people, branches)


def _farmer_members(rng, people, branches, region) -> list[PartyMember]:
    """The 8521 farmer-herder members of 2022 plus the 60 who died during 2022."""
    # Each profile: (admitted from, admitted to, born from, born to).
    profiles = (
        [(date(2022, 1, 1), date(2022, 12, 20), date(1993, 1, 1), date(2000, 6, 30))] * ADMITTED_2022_UNDER_30
        + [(date(2022, 1, 1), date(2022, 12, 20), date(1955, 1, 1), date(1992, 12, 31))]
        * (ADMITTED_2022 - ADMITTED_2022_UNDER_30)
        + [(date(1975, 1, 1), date(2021, 12, 31), date(1993, 1, 1), date(1999, 6, 30))]
        * (UNDER_30_2022 - ADMITTED_2022_UNDER_30)
    )
    profiles += [(date(1975, 1, 1), date(2021, 12, 31), date(1945, 1, 1), date(1992, 12, 31))] * (
        FARMER_HERDERS_2022 - len(profiles))
    women = set(rng.sample(range(FARMER_HERDERS_2022), WOMEN_2022))
    members = []
    for i, (admit_lo, admit_hi, born_lo, born_hi) in enumerate(profiles):
        gender = Gender.FEMALE if i in women else Gender.MALE
        members.append(_member(rng, people, rng.choice(branches), region, gender, born_lo, born_hi,
                               admit_lo, admit_hi, Occupation.FARMER_HERDER))
    for _ in range(DECEASED_2022):
        gender = Gender.MALE if rng.random() < 0.7 else Gender.FEMALE
        member = _member(rng, people, rng.choice(branches), region, gender, date(1932, 1, 1), date(1955, 12, 31),
                         date(1975, 1, 1), date(2012, 12, 31), Occupation.FARMER_HERDER)
        member.status, member.status_changed_on = Status.DECEASED, _day_between(rng, date(2022, 2, 1),
                                                                                date(2022, 11, 30))
        members.append(member)
    return PartyMember.objects.bulk_create(members, batch_size=BATCH)


def _member(rng, people, org, region, gender, born_lo, born_hi, admit_lo, admit_hi, occupation,
            ethnicity="藏族", education=None) -> PartyMember:
    birth = _day_between(rng, born_lo, born_hi)
    dates = _stage_dates(rng, birth, admit_lo, admit_hi)
    probationary = dates["admitted_on"].year >= 2022
    full_on = None if probationary else add_years(dates["admitted_on"], 1) + timedelta(days=rng.randint(0, 45))
    return PartyMember(
        name=people.name(gender, ethnicity), gender=gender, ethnicity=ethnicity, birth_date=birth,
        id_number=people.id_number(region(org), birth, gender), phone=people.phone(),
        education=education or rng.choice([Education.PRIMARY] * 3 + [Education.JUNIOR] * 3 + [Education.SENIOR]),
        occupation=occupation, organization_id=org.pk, organization=org,
        stage=Stage.PROBATIONARY if probationary else Stage.FULL, full_member_on=full_on, **dates)


def _non_farmer_members(rng, people, committees, region) -> None:
    """Civil servants, teachers, retirees … in the township 党委."""
    occupations = ([Occupation.CIVIL_SERVANT] * 5 + [Occupation.PUBLIC_INSTITUTION] * 3 + [Occupation.RETIRED]
                   + [Occupation.ENTERPRISE])
    members = []
    for i in range(NON_FARMERS):
        gender = Gender.MALE if rng.random() < 0.62 else Gender.FEMALE
        ethnicity = "汉族" if rng.random() < 0.3 else "藏族"
        admitted_2022 = i < NON_FARMERS_ADMITTED_2022
        member = _member(
            rng, people, rng.choice(committees), region, gender,
            date(1960, 1, 1), date(1999, 12, 31) if admitted_2022 else date(1998, 12, 31),
            date(2022, 1, 1) if admitted_2022 else date(1985, 1, 1),
            date(2022, 12, 20) if admitted_2022 else date(2021, 12, 31),
            rng.choice(occupations), ethnicity,
            rng.choice([Education.COLLEGE, Education.BACHELOR, Education.BACHELOR, Education.POSTGRADUATE]))
        members.append(member)
    PartyMember.objects.bulk_create(members, batch_size=BATCH)


def _pipeline_people(rng, people, branches, region) -> None:
    """入党申请人, 积极分子 and 发展对象 in 2022–2023, some ready for their next step, some still waiting."""
    members = []
    for stage, count in PIPELINE.items():
        for _ in range(count):
            gender = Gender.MALE if rng.random() < 0.6 else Gender.FEMALE
            org = rng.choice(branches)
            occupation = Occupation.FARMER_HERDER if rng.random() < 0.8 else rng.choice(
                [Occupation.STUDENT, Occupation.OTHER, Occupation.ENTERPRISE])
            if stage == Stage.APPLICANT:
                birth = _day_between(rng, date(1985, 1, 1), date(2004, 12, 31))
                dates = {"applied_on": _day_between(rng, max(date(2022, 1, 1), add_years(birth, 18)),
                                                    date(2023, 5, 31))}
            elif stage == Stage.ACTIVIST:
                birth = _day_between(rng, date(1982, 1, 1), date(2001, 12, 31))
                activist = _day_between(rng, date(2021, 9, 1), date(2023, 4, 30))
                dates = {"applied_on": activist - timedelta(days=rng.randint(60, 300)), "activist_on": activist}
            else:
                birth = _day_between(rng, date(1980, 1, 1), date(2000, 12, 31))
                candidate = _day_between(rng, date(2022, 6, 1), date(2023, 5, 31))
                activist = add_years(candidate, -1) - timedelta(days=rng.randint(0, 200))
                dates = {"applied_on": activist - timedelta(days=rng.randint(60, 300)), "activist_on": activist,
                         "candidate_on": candidate}
            members.append(PartyMember(
                name=people.name(gender), gender=gender, birth_date=birth,
                id_number=people.id_number(region(org), birth, gender), phone=people.phone(),
                education=rng.choice([Education.JUNIOR, Education.SENIOR, Education.COLLEGE]),
                occupation=occupation, organization_id=org.pk, stage=stage, **dates))
    PartyMember.objects.bulk_create(members, batch_size=BATCH)


def _transfers(rng, farmers, branches) -> None:
    """Members who moved between two village branches of their county during 2022 (history kept)."""
    by_county = defaultdict(list)
    for branch in branches:
        by_county[branch.area.path[: 2 * Area.steplen]].append(branch)
    movers = rng.sample([m for m in farmers if m.status == Status.NORMAL
                         and m.admitted_on < date(2021, 1, 1)], TRANSFERS)
    transfers = []
    for member in movers:
        old = member.organization
        new = rng.choice([b for b in by_county[old.area.path[: 2 * Area.steplen]] if b.pk != old.pk])
        transfers.append(OrganizationTransfer(member=member, from_organization_id=old.pk, to_organization_id=new.pk,
                                              transferred_on=_day_between(rng, date(2022, 3, 1), date(2022, 10, 31)),
                                              note="户籍迁移"))
        member.organization, member.organization_id = new, new.pk
    OrganizationTransfer.objects.bulk_create(transfers)
    PartyMember.objects.bulk_update(movers, ["organization"])
    moved = {m.pk for m in movers}
    farmers[:] = [m for m in farmers if m.pk not in moved]  # two-committee members are picked from the rest


def _two_committees(rng, farmers) -> None:
    """863 members serving since the 2021 换届, all party members; language assessments 2021 and 2022."""
    eligible = defaultdict(list)
    for m in farmers:
        if m.status == Status.NORMAL and m.admitted_on < date(2020, 1, 1) and m.birth_date < date(1997, 1, 1):
            eligible[m.organization.area_id].append(m)
    villages = sorted(eligible, key=lambda pk: eligible[pk][0].organization.area.path)
    sizes = {v: len(POSTS) - (1 if i < len(POSTS) * len(villages) - TWO_COMMITTEE else 0)
             for i, v in enumerate(villages)}
    people = []
    for village in villages:
        chosen = rng.sample(eligible[village], sizes[village])
        for (post, committee), member in zip(POSTS, chosen):
            people.append(TwoCommitteeMember(
                name=member.name, gender=member.gender, member_id=member.pk, village_id=village,
                committee=committee, post=post, term_start=_day_between(rng, date(2021, 1, 10), date(2021, 3, 31))))
    assert len(people) == TWO_COMMITTEE, len(people)
    people = TwoCommitteeMember.objects.bulk_create(people, batch_size=BATCH)
    _secretaries_agree(people)

    # Those proficient in 2021 stay proficient in 2022; ten more reach the level in 2022.
    order = rng.sample(range(len(people)), len(people))
    assessments = []
    for year in (2021, 2022):
        proficient = set(order[: PROFICIENT[year]])
        for i, person in enumerate(people):
            if i in proficient:
                level = rng.choice([LanguageLevel.DAILY] * 3 + [LanguageLevel.FLUENT] * 2 + [LanguageLevel.LITERATE])
            else:
                level = rng.choice([LanguageLevel.NONE, LanguageLevel.BASIC, LanguageLevel.BASIC])
            assessments.append(LanguageAssessment(person_id=person.pk, year=year, level=level,
                                                  assessed_on=_day_between(rng, date(year, 10, 8), date(year, 12, 15))))
    LanguageAssessment.objects.bulk_create(assessments, batch_size=BATCH)


def _secretaries_agree(people) -> None:
    """The village branch's 书记 post (branches' demo names it at random) carries the name of the
    two-committee member whose post is 村党支部书记; a few villages are left disagreeing, so that
    the two-committee page's secretary warning has something to show."""
    secretary_post = POSTS[0][0]
    names = {p.village_id: p.name for p in people if p.post == secretary_post}
    posts = list(CommitteePost.objects.filter(role=CommitteePost.Role.SECRETARY,
                                              organization__kind=PartyOrganization.Kind.BRANCH,
                                              organization__area_id__in=names)
                 .select_related("organization").order_by("organization__area__path", "pk"))
    villages = sorted({p.organization.area_id for p in posts})
    left_alone = set(villages[7::20])
    for post in posts:
        if post.organization.area_id not in left_alone:
            post.person_name = names[post.organization.area_id]
    CommitteePost.objects.bulk_update(posts, ["person_name"], batch_size=BATCH)


def _trainings(rng, committees, branches) -> None:
    sessions = []
    counter = defaultdict(int)
    for year, (count, attendance) in TRAININGS.items():
        for persons in _split(rng, attendance, count):
            area = (rng.choice(committees) if rng.random() < 0.7 else rng.choice(branches)).area
            counter[(area.pk, year)] += 1
            started = _day_between(rng, date(year, 1, 10), date(year, 12, 10))
            sessions.append(LanguageTrainingSession(
                title=f"{area.name}{year}年第{counter[(area.pk, year)]}期国家通用语言培训班", area_id=area.pk,
                organizer=f"{area.name}党委" if area.level == Area.Level.TOWNSHIP else f"{area.name}党支部",
                started_on=started, ended_on=started + timedelta(days=rng.randint(1, 14)), attendance=persons))
    LanguageTrainingSession.objects.bulk_create(sessions, batch_size=BATCH)


def _sent_cadres(rng, people, branches) -> None:
    villages = [b.area for b in branches]
    cadres = []

    def cadre(started, ended):
        gender = Gender.MALE if rng.random() < 0.7 else Gender.FEMALE
        ethnicity = "汉族" if rng.random() < 0.35 else "藏族"
        return SentCadre(name=people.name(gender, ethnicity), gender=gender, phone=people.phone(),
                         force=rng.choice(FORCES), sending_unit=rng.choice(SENDING_UNITS),
                         village_id=rng.choice(villages).pk, started_on=started, ended_on=ended)

    for _ in range(CADRES_BOTH_YEARS):
        ended = _day_between(rng, date(2023, 1, 10), date(2023, 5, 31)) if rng.random() < 0.25 else None
        cadres.append(cadre(_day_between(rng, date(2021, 1, 5), date(2021, 6, 30)), ended))
    for _ in range(CADRES_2022_ONLY):
        cadres.append(cadre(_day_between(rng, date(2022, 1, 5), date(2022, 9, 30)), None))
    for _ in range(CADRES_2021_ONLY):
        cadres.append(cadre(_day_between(rng, date(2020, 3, 1), date(2021, 3, 31)),
                            _day_between(rng, date(2021, 6, 1), date(2021, 12, 31))))
    cadres = SentCadre.objects.bulk_create(cadres, batch_size=BATCH)

    logs = []
    for year, kinds in CADRE_LOGS.items():
        first, last = date(year, 1, 1), date(year, 12, 31)
        serving = [c for c in cadres if c.started_on <= last and (c.ended_on is None or c.ended_on >= first)]
        for kind, (entries, total) in kinds.items():
            for count in _split(rng, total, entries):
                c = rng.choice(serving)
                logged = _day_between(rng, max(first, c.started_on), min(last, c.ended_on or last))
                logs.append(CadreWorkLog(cadre_id=c.pk, kind=kind, logged_on=logged, count=count,
                                         description="解决群众急难愁盼问题" if kind == CadreWorkLog.Kind.PROBLEM_SOLVED
                                         else "宣讲惠民政策"))
    CadreWorkLog.objects.bulk_create(logs, batch_size=BATCH)
