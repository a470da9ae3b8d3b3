"""Demo records of the 基本组织 pillar for the real Ngari tree (run after `load_tree`, before the other pillars).

For 2022 at the prefecture root the indicators equal the article's figures exactly:
relocation-site organizations 8 with 31 work-group branches; designations 党建品牌示范村 10, 百佳 10,
"四个创建" 40, other demonstration points 15 (推普 5 + 乡村振兴 5 + 基层治理 5); 软弱涣散 organizations
12 with 51 responsible persons and 48 measures. 2021 (and, for designations, 2020) have smaller numbers.

Every township gets one 党委 and every village one 党支部 (kind BRANCH, area = the village) — the other
pillars' demos put their members there. Relocation-site organizations are 党总支 at villages, so a
village still has exactly one BRANCH.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ali_party.pillars import Pillar

from .models import (
    Area, Assessment, CommitteePost, Designation, DesignationKind, Measure, PartyOrganization, ProblemCategory,
    ProgrammeEnrollment, Rectification, ResponsiblePerson, Review, StandardItem,
)

Kind = PartyOrganization.Kind
GIVEN = ["扎西", "次仁", "顿珠", "卓玛", "央金", "格桑", "洛桑", "尼玛", "达瓦", "普布", "旺堆", "拉姆", "索朗",
         "德吉", "边巴", "米玛", "平措", "曲珍", "强巴", "桑珠", "多吉", "白玛", "旦增", "群培"]
BORDER_COUNTIES = {"普兰县", "札达县", "日土县"}

# (year, how many) per designation kind: cumulative stock at the end of 2022 is the article's figure.
DESIGNATION_PLAN = {
    "brand_village": [(2020, 3), (2021, 3), (2022, 4)],          # 10, to villages
    "baijia": [(2020, 3), (2021, 3), (2022, 4)],                 # 10, 自治区 level
    "four_creations": [(2021, 25), (2022, 15)],                  # 40
    "putonghua": [(2021, 2), (2022, 3)],                         # 5
    "rural_revitalization": [(2021, 2), (2022, 3)],              # 5
    "grassroots_governance": [(2021, 2), (2022, 3)],             # 5
}
VILLAGE_KINDS = {"brand_village", "putonghua"}

CHECKLIST = {
    Pillar.ORGANIZATION: ["党组织按期换届、班子配备齐全", "党员3人以上单独成立党支部", "软弱涣散问题整改到位"],
    Pillar.PERSONNEL: ["“两委”班子成员全部为党员", "按计划发展党员、有发展对象", "党员教育培训全覆盖"],
    Pillar.ACTIVITIES: ["每月开展主题党日", "落实“五学”政治学习", "开展志愿服务和便民服务"],
    Pillar.SYSTEMS: ["落实“三会一课”制度", "开展民主评议党员", "“五有”台账规范完整"],
    Pillar.CAPACITY: ["村级集体经济有稳定收入", "矛盾纠纷排查调处及时", "组建生态保护队伍"],
    Pillar.FUNDING: ["落实村财乡管", "村干部报酬按时足额发放", "活动场所达到建设标准"],
}

MEASURES = ["配齐配强村党组织书记", "规范落实“三会一课”", "确定培养发展对象", "建立党员联系户制度",
            "整顿村务公开栏", "开展班子谈心谈话", "制定集体经济发展计划", "组织党员集中轮训"]


def _name(rng: random.Random) -> str:
    return rng.choice(GIVEN) + rng.choice(GIVEN)


def _exists() -> bool:
    return PartyOrganization.objects.filter(kind=Kind.COMMITTEE, area__level=Area.Level.TOWNSHIP).exists()


@transaction.atomic
def load(*, seed: int = 2023) -> None:
    if _exists():
        return
    rng = random.Random(seed)
    townships = list(Area.objects.filter(level=Area.Level.TOWNSHIP).order_by("path"))
    villages = list(Area.objects.filter(level=Area.Level.VILLAGE).order_by("path"))
    if not townships or not villages:
        raise RuntimeError("请先运行 load_tree 载入组织树。")

    committees = PartyOrganization.objects.bulk_create([
        PartyOrganization(name=f"{t.name}党委", kind=Kind.COMMITTEE, area=t, founded_on=date(1988 + i % 10, 7, 1))
        for i, t in enumerate(townships)])
    committee_of = {c.area.path: c for c in committees}

    def township_committee(village: Area) -> PartyOrganization:
        return committee_of[village.path[: 3 * Area.steplen]]

    branches = PartyOrganization.objects.bulk_create([
        PartyOrganization(name=f"{v.name}党支部", kind=Kind.BRANCH, area=v, parent=township_committee(v),
                          founded_on=date(1995 + i % 20, 6, 1))
        for i, v in enumerate(villages)])

    relocation = _relocation_sites(villages, township_committee)
    _posts(rng, committees, branches)
    _designations(rng, villages, branches)
    _programme(rng, villages)
    failing_2022 = _assessments(rng, branches)
    _rectifications(rng, branches, failing_2022, exclude={o.pk for o in relocation})


def _relocation_sites(villages, township_committee):
    """8 organizations at relocation / border-resettlement sites (6 by 2021, 2 in 2022) with 31 work groups."""
    counties = {}
    for v in villages:
        counties.setdefault(v.path[: 2 * Area.steplen], []).append(v)
    # One site per county, the eighth in the first county; each in the county's second village.
    chosen = [vs[min(1, len(vs) - 1)] for vs in counties.values()]
    chosen.append(next(iter(counties.values()))[-1])
    county_names = dict(Area.objects.filter(level=Area.Level.COUNTY).values_list("path", "name"))
    founded = [date(2019, 9, 1), date(2020, 5, 1), date(2020, 10, 1), date(2021, 3, 1), date(2021, 6, 1),
               date(2021, 9, 1), date(2022, 4, 1), date(2022, 8, 1)]
    sites = []
    for i, village in enumerate(chosen):
        border = county_names[village.path[: 2 * Area.steplen]] in BORDER_COUNTIES and i % 2 == 0
        label = "抵边搬迁安置点" if border else "易地扶贫搬迁安置点"
        sites.append(PartyOrganization(
            name=f"{village.name}{label}党总支", kind=Kind.GENERAL_BRANCH, area=village,
            parent=township_committee(village), founded_on=founded[i],
            at_relocation_site=not border, at_border_resettlement_site=border))
    sites = PartyOrganization.objects.bulk_create(sites)
    groups = []
    for i, site in enumerate(sites):
        for n in range(4 if i < 7 else 3):  # 7 × 4 + 3 = 31
            groups.append(PartyOrganization(
                name=f"{site.name.removesuffix('党总支')}第{n + 1}作业组党支部", kind=Kind.WORK_GROUP_BRANCH,
                area=site.area, parent=site, founded_on=site.founded_on + timedelta(days=30 * n)))
    PartyOrganization.objects.bulk_create(groups)
    return sites


def _posts(rng, committees, branches):
    """Leadership posts: most terms current, a few past their end (换届 due) so the warning shows."""
    today = timezone.localdate()
    current_start = date(today.year - 1, 7, 1)
    current_end = date(today.year + 4, 6, 30)
    expired_start, expired_end = date(today.year - 6, 1, 1), date(today.year - 1, 1, 1)
    posts = []
    roles = CommitteePost.Role
    for c in committees:
        for role in (roles.SECRETARY, roles.DEPUTY_SECRETARY, roles.ORGANIZATION, roles.PROPAGANDA, roles.DISCIPLINE):
            posts.append(CommitteePost(organization=c, role=role, person_name=_name(rng),
                                       term_start=current_start, term_end=current_end))
    for i, b in enumerate(branches):
        start, end = (expired_start, expired_end) if i % 18 == 5 else (current_start, current_end)
        for role in (roles.SECRETARY, roles.ORGANIZATION, roles.PROPAGANDA):
            posts.append(CommitteePost(organization=b, role=role, person_name=_name(rng), term_start=start, term_end=end))
    CommitteePost.objects.bulk_create(posts, batch_size=500)


def _designations(rng, villages, branches):
    kinds = {k.code: k for k in DesignationKind.objects.exclude(code="")}
    rows = []
    for code, plan in DESIGNATION_PLAN.items():
        total = sum(n for _, n in plan)
        if code in VILLAGE_KINDS:
            targets = [(None, v) for v in rng.sample(villages, total)]
        else:
            targets = [(b, None) for b in rng.sample(branches, total)]
        level = Designation.Level.REGION if code == "baijia" else Designation.Level.PREFECTURE
        it = iter(targets)
        for year, n in plan:
            for _ in range(n):
                org, village = next(it)
                rows.append(Designation(kind=kinds[code], organization=org, village=village,
                                        area=org.area if org else village, year=year, level=level))
    Designation.objects.bulk_create(rows)


def _programme(rng, villages):
    """十村示范、百村提标: the 10 brand villages lead; 100 further villages raise their standard."""
    demo_ids = list(Designation.objects.filter(kind__code="brand_village").values_list("village_id", flat=True))
    others = [v for v in villages if v.pk not in set(demo_ids)]
    rows = []
    for i, village_id in enumerate(demo_ids):
        achieved = i < 7
        rows.append(ProgrammeEnrollment(
            village_id=village_id, track=ProgrammeEnrollment.Track.DEMONSTRATION, enrolled_year=2020, target_year=2022,
            progress_percent=100 if achieved else rng.randint(70, 95),
            status="achieved" if achieved else "in_progress", achieved_on=date(2022, 11, 30) if achieved else None,
            progress_note="阵地、队伍、制度、活动、保障全面达标" if achieved else "活动场所提升改造推进中"))
    for i, village in enumerate(rng.sample(others, 100)):
        achieved = i < 30
        rows.append(ProgrammeEnrollment(
            village=village, track=ProgrammeEnrollment.Track.RAISE_STANDARD, enrolled_year=2021, target_year=2023,
            progress_percent=100 if achieved else rng.randint(30, 90),
            status="achieved" if achieved else "in_progress", achieved_on=date(2022, 12, 20) if achieved else None))
    ProgrammeEnrollment.objects.bulk_create(rows)


def _assessments(rng, branches):
    """Checklists for 2021 and 2022 (18 items each) and every village branch scored in both years."""
    items = {}
    for year in (2021, 2022):
        rows = [StandardItem(year=year, pillar=pillar, name=name, order=n)
                for pillar, names in CHECKLIST.items() for n, name in enumerate(names)]
        items[year] = StandardItem.objects.bulk_create(rows)
    failing = {2021: set(rng.sample(range(len(branches)), 25)), 2022: set(rng.sample(range(len(branches)), 12))}
    through = Assessment.failed_items.through
    links = []
    for year in (2021, 2022):
        total = len(items[year])
        failed_by_index = {i: rng.sample(items[year], rng.randint(1, 3)) for i in failing[year]}
        rows = []
        for i, b in enumerate(branches):
            failed = failed_by_index.get(i, [])
            rows.append(Assessment(organization=b, year=year, assessed_on=date(year, 12, 15), passed=not failed,
                                   score=(Decimal(total - len(failed)) * 100 / total).quantize(Decimal("0.1"))))
        rows = Assessment.objects.bulk_create(rows)
        for i, assessment in enumerate(rows):
            links += [through(assessment_id=assessment.pk, standarditem_id=item.pk) for item in failed_by_index.get(i, [])]
    through.objects.bulk_create(links, batch_size=500)
    return [branches[i] for i in sorted(failing[2022])]


def _rectifications(rng, branches, failing_2022, exclude):
    """2022: 12 cases, 51 responsible persons, 48 measures (9 closed as 晋位升级, 3 still open).
    2021: 9 cases, 36 persons, 34 measures, all closed."""
    categories = list(ProblemCategory.objects.filter(is_active=True))
    roles = list(ResponsiblePerson.Role)
    sources = list(Rectification.Source)
    pool = [b for b in branches if b.pk not in exclude]
    orgs_2022 = (failing_2022 + [b for b in rng.sample(pool, 30) if b not in failing_2022])[:12]
    orgs_2021 = rng.sample([b for b in pool if b not in orgs_2022], 9)
    plan = {
        2022: [(org, 5 if i < 3 else 4, 4, i >= 9) for i, org in enumerate(orgs_2022)],   # 51 persons, 48 measures
        2021: [(org, 4, 4 if i < 7 else 3, False) for i, org in enumerate(orgs_2021)],  # 36 persons, 34 measures
    }
    cases, persons, measures, reviews, links = [], [], [], [], []
    specs = []
    for year, rows in plan.items():
        for i, (org, n_persons, n_measures, still_open) in enumerate(rows):
            identified = date(year, 3, 1) + timedelta(days=rng.randint(0, 60))
            closed = None if still_open else date(year, 11, 20) + timedelta(days=rng.randint(0, 30))
            cases.append(Rectification(
                organization=org, year=year, identified_on=identified, source=sources[i % 3],
                status="open" if still_open else "closed", closed_on=closed,
                closure_note="" if still_open else "整改任务全部完成，经验收晋位升级",
                description="经排查，班子战斗力不强，组织生活不规范。"))
            specs.append((n_persons, n_measures, still_open, identified, closed))
    cases = Rectification.objects.bulk_create(cases)
    through = Rectification.categories.through
    for case, (n_persons, n_measures, still_open, identified, closed) in zip(cases, specs):
        for category in rng.sample(categories, 2):
            links.append(through(rectification_id=case.pk, problemcategory_id=category.pk))
        for k in range(n_persons):
            persons.append(ResponsiblePerson(rectification=case, name=_name(rng), role=roles[k % len(roles)],
                                             position=roles[k % len(roles)].label))
        for k in range(n_measures):
            deadline = identified + timedelta(days=90 + 45 * k)
            done = not still_open or k < 2
            measures.append(Measure(
                rectification=case, description=MEASURES[(case.pk + k) % len(MEASURES)], owner=_name(rng),
                deadline=deadline, status="done" if done else "open",
                completed_on=min(deadline, closed or deadline) if done else None))
        reviews.append(Review(rectification=case, reviewed_on=closed or identified + timedelta(days=200),
                              reviewer="县委组织部", outcome="continue" if still_open else "passed",
                              comment="继续推进未完成措施" if still_open else "整改到位，同意晋位升级"))
    through.objects.bulk_create(links)
    ResponsiblePerson.objects.bulk_create(persons)
    Measure.objects.bulk_create(measures)
    Review.objects.bulk_create(reviews)
