"""Demo records of 基本能力: for 2022 at the prefecture root every indicator of DOMAIN.md section 5
equals the article's figure; 2021 (and some 2020 history) is smaller. Runs after the activities
demo (it adds the activities done under co-building pairings). Idempotent."""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from activities import kinds
from activities.models import Activity
from activities.services import ensure_kind_catalogue
from ali_party.demo import organization_by_village, random_day, split, villages
from branches.models import Area

from .models import (
    CoBuildingPairing, CollectiveEconomyDemoVillage, DisputeCase, DisputeScreening, EcologyTeam,
    IncomeTeam, StrongWeakPairing,
)

PAIRINGS = {2021: 30, 2022: 34}  # active at year end
PAIRING_ACTIVITIES = {
    2022: {kinds.PARTY_LECTURE: 196, kinds.DEFENCE_EDUCATION: 82, kinds.DRILL: 53},
    2021: {kinds.PARTY_LECTURE: 160, kinds.DEFENCE_EDUCATION: 70, kinds.DRILL: 45},
}
# year -> (screenings, cases found, cases handled, handled successfully)
DISPUTES = {2022: (235, 53, 53, 53), 2021: (200, 45, 43, 41)}
DEMO_VILLAGES = {2020: 3, 2021: 2, 2022: 2}  # designated in that year: 7 by 2022
INCOME_TEAMS = {2021: 8, 2022: 11}
STRONG_WEAK = {2021: 28, 2022: 35}
ECOLOGY_TEAMS = {2021: (300, 3250), 2022: (356, 3897)}  # (teams, members) at year end
GARRISONS = ["边防某团", "边防某营", "某边防连", "某边防站", "武警某中队", "某边境派出所"]
TEAM_KINDS = ["护林队", "护草队", "护河队", "巡山队", "保洁队"]
INDUSTRIES = ["牧业合作社", "民族手工业", "乡村旅游", "饲草种植", "砂石料加工"]


def _county(name: str, village_list: list[Area]) -> list[Area]:
    county = Area.objects.filter(level=Area.Level.COUNTY, name=name).first()
    if county is None:  # a tree without 革吉县 (tests): use the first county
        county = Area.objects.filter(level=Area.Level.COUNTY).order_by("path").first()
    return [v for v in village_list if v.path.startswith(county.path)]


def _pairings(village_list, org_of, rng):
    border = [v for v in village_list if v.is_border_village]
    chosen = (border + rng.sample([v for v in village_list if not v.is_border_village],
                                  max(0, PAIRINGS[2022] - len(border))))[: PAIRINGS[2022]]
    rows = []
    for i, village in enumerate(chosen):
        started = (date(rng.choice([2019, 2020, 2021]), rng.randint(1, 12), 1) if i < PAIRINGS[2021]
                   else date(2022, rng.randint(1, 3), 1))
        org = org_of[village.pk]
        rows.append(CoBuildingPairing(village=village, organization=org if org.area_id == village.pk else None,
                                      garrison_unit=f"{rng.choice(GARRISONS)}{i + 1}分队", started_on=started,
                                      note="“五共五固”“四个一”“六联”“三进三帮”"))
    CoBuildingPairing.objects.bulk_create(rows)
    pairings = list(CoBuildingPairing.objects.select_related("village"))
    kind_by_code = ensure_kind_catalogue()
    activities = []
    for year, counts in PAIRING_ACTIVITIES.items():
        active = [p for p in pairings if p.started_on <= date(year, 12, 31)]
        for code, count in counts.items():
            for _ in range(count):
                pairing = rng.choice(active)
                n = rng.randint(10, 60)
                activities.append(Activity(
                    kind=kind_by_code[code], held_on=random_day(year, rng, start=pairing.started_on),
                    organization=org_of[pairing.village_id], village=pairing.village, pairing=pairing,
                    participants=n, person_times=n, note=f"与{pairing.garrison_unit}共建"))
    Activity.objects.bulk_create(activities, batch_size=1000)


def _disputes(gegye_villages, rng):
    for year, (screenings, found, handled, successful) in DISPUTES.items():
        rows = [DisputeScreening(village=rng.choice(gegye_villages), screened_on=random_day(year, rng),
                                 note="“占堆调解室”“四法”排查") for _ in range(screenings)]
        # Each of `found` screenings turned up one dispute; the case is found that day.
        with_case = set(rng.sample(range(screenings), found))
        for i in with_case:
            rows[i].disputes_found = 1
        DisputeScreening.objects.bulk_create(rows)
        saved = list(DisputeScreening.objects.filter(screened_on__year=year, disputes_found=1).order_by("pk"))
        cases = []
        for i, screening in enumerate(saved):
            is_handled = i < handled
            outcome = "" if not is_handled else (
                DisputeCase.Outcome.SUCCESS if i < successful else
                DisputeCase.Outcome.REFERRED if i % 2 else DisputeCase.Outcome.FAILED)
            handled_on = min(screening.screened_on + timedelta(days=rng.randint(0, 10)), date(year, 12, 31))
            cases.append(DisputeCase(
                village=screening.village, screening=screening, found_on=screening.screened_on,
                description=rng.choice(["草场边界纠纷", "邻里纠纷", "婚姻家庭纠纷", "债务纠纷", "牲畜损害赔偿纠纷"]),
                handling="村“两委”和调解员上门调解，依法依规、以情说理" if is_handled else "",
                handled=is_handled, handled_on=handled_on if is_handled else None, outcome=outcome))
        DisputeCase.objects.bulk_create(cases)


def _collective_economy(village_list, rng):
    demo = rng.sample(village_list, sum(DEMO_VILLAGES.values()))
    years = [y for y, n in sorted(DEMO_VILLAGES.items()) for _ in range(n)]
    CollectiveEconomyDemoVillage.objects.bulk_create([
        CollectiveEconomyDemoVillage(village=v, designated_year=y, note=rng.choice(INDUSTRIES))
        for v, y in zip(demo, years)])

    teams = []
    for i in range(INCOME_TEAMS[2022]):
        village = rng.choice(village_list)
        kind = IncomeTeam.Kind.CONSTRUCTION if i % 2 else IncomeTeam.Kind.INCOME
        year = rng.choice([2019, 2020, 2021]) if i < INCOME_TEAMS[2021] else 2022
        teams.append(IncomeTeam(village=village, kind=kind, name=f"{village.name}党员{IncomeTeam.Kind(kind).label}",
                                members_count=rng.randint(8, 30), income=Decimal(rng.randint(50, 900) * 1000),
                                started_on=random_day(year, rng)))
    IncomeTeam.objects.bulk_create(teams)

    by_county: dict[str, list[Area]] = {}
    for v in village_list:
        by_county.setdefault(v.path[: 2 * Area.steplen], []).append(v)
    groups = [g for g in by_county.values() if len(g) >= 2]
    pairs: set[tuple[int, int]] = set()
    rows = []
    while len(rows) < STRONG_WEAK[2022]:
        strong, weak = rng.sample(rng.choice(groups), 2)
        if (strong.pk, weak.pk) in pairs:
            continue
        pairs.add((strong.pk, weak.pk))
        year = rng.choice([2020, 2021]) if len(rows) < STRONG_WEAK[2021] else 2022
        rows.append(StrongWeakPairing(strong_village=strong, weak_village=weak, started_on=random_day(year, rng),
                                      model_note="支部+公司+协会(合作社)+农牧户"))
    StrongWeakPairing.objects.bulk_create(rows)


def _ecology(village_list, rng):
    teams_2021, members_2021 = ECOLOGY_TEAMS[2021]
    teams_2022, members_2022 = ECOLOGY_TEAMS[2022]
    sizes = split(members_2021, teams_2021, rng, minimum=5) + split(
        members_2022 - members_2021, teams_2022 - teams_2021, rng, minimum=5)
    rows = []
    for i, size in enumerate(sizes):
        village = village_list[i % len(village_list)]
        year = rng.choice([2019, 2020, 2021]) if i < teams_2021 else 2022
        rows.append(EcologyTeam(village=village, name=f"{village.name}{TEAM_KINDS[(i // len(village_list)) % 5]}"
                                f"{'' if i < 5 * len(village_list) else i}",
                                members_count=size, started_on=random_day(year, rng)))
    EcologyTeam.objects.bulk_create(rows, batch_size=500)


@transaction.atomic
def load(*, seed: int = 2023) -> None:
    if CoBuildingPairing.objects.exists():
        return
    rng = random.Random(seed)
    village_list = villages()
    if not village_list:
        raise RuntimeError("没有村(社区)：请先载入组织树（python manage.py load_tree）。")
    org_of = organization_by_village(village_list)
    _pairings(village_list, org_of, rng)
    _disputes(_county("革吉县", village_list), rng)
    _collective_economy(village_list, rng)
    _ecology(village_list, rng)
