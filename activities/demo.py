"""Demo records of 基本活动: for 2022 at the prefecture root every indicator of DOMAIN.md section 3
(and "三讲"/"五星" of section 2) equals the article's figure; 2021 is smaller (activities are
kept to 2021–2022 so the demo loads fast; halls, cards and 代办 also have 2020).

Runs after the branches demo (one 党支部 per village, one 党委 per township); each record is
organized by its village's branch (or the nearest organization above it). Idempotent.
"""
from __future__ import annotations

import random
from datetime import date

from django.db import transaction

from ali_party.demo import organization_by_village, random_day, split, villages

from . import kinds
from .models import Activity, ContactCardIssue, ProxyMatter, ServiceHall, ServiceHallDuty
from .services import ensure_kind_catalogue

# kind code -> activities per year; political study also has its person-times.
ACTIVITY_COUNTS = {
    2022: {kinds.POLITICAL_STUDY: 341, kinds.THEME_PARTY_DAY: 785, kinds.PUBLICITY: 670,
           kinds.VOLUNTEER_SERVICE: 1560, kinds.THREE_TALKS: 1450, kinds.FIVE_STAR: 536,
           kinds.ECOLOGY_TALK: 963, kinds.ECOLOGY_SERVICE: 1350, kinds.SIX_CLEAN: 356},
    2021: {kinds.POLITICAL_STUDY: 298, kinds.THEME_PARTY_DAY: 720, kinds.PUBLICITY: 590,
           kinds.VOLUNTEER_SERVICE: 1380, kinds.THREE_TALKS: 1210, kinds.FIVE_STAR: 480,
           kinds.ECOLOGY_TALK: 840, kinds.ECOLOGY_SERVICE: 1180, kinds.SIX_CLEAN: 300},
}
STUDY_PERSON_TIMES = {2022: 2400, 2021: 2050}
PROBLEMS_SOLVED = {2022: 367, 2021: 301}
CONTACT_CARDS = {2022: 1502, 2021: 1180, 2020: 900}
PROXY_MATTERS = {2022: 769, 2021: 612, 2020: 480}
# Halls open at the end of each year (all 145 villages by 2022).
HALLS_OPEN_BY = {2020: 100, 2021: 128}
DUTY_POSTS = ["村党支部书记", "村委会主任", "村党支部副书记", "村委会副主任", "村务监督委员会主任"]
CADRE_NAMES = ["扎西", "次仁", "旦增", "格桑", "达瓦", "尼玛", "卓玛", "拉姆", "央金", "普布", "边巴", "索朗"]


def _activity_rows(year, village_list, org_of, kind_by_code, rng):
    rows = []
    for code, count in ACTIVITY_COUNTS[year].items():
        if code == kinds.POLITICAL_STUDY:
            person_times = split(STUDY_PERSON_TIMES[year], count, rng, minimum=3)
        else:
            person_times = [rng.randint(6, 40) for _ in range(count)]
        for n in person_times:
            village = rng.choice(village_list)
            rows.append(Activity(kind=kind_by_code[code], held_on=random_day(year, rng),
                                 organization=org_of[village.pk], village=village,
                                 participants=n, person_times=n))
    solving = [a for a in rows if a.kind.code in kinds.PROBLEM_SOLVING_KINDS]
    for _ in range(PROBLEMS_SOLVED[year]):
        rng.choice(solving).problems_solved += 1
    return rows


@transaction.atomic
def load(*, seed: int = 2023) -> None:
    if Activity.objects.filter(pairing__isnull=True).exists() or ServiceHall.objects.exists():
        return
    rng = random.Random(seed)
    village_list = villages()
    if not village_list:
        raise RuntimeError("没有村(社区)：请先载入组织树（python manage.py load_tree）。")
    org_of = organization_by_village(village_list)
    kind_by_code = ensure_kind_catalogue()

    activities = []
    for year in sorted(ACTIVITY_COUNTS):
        activities += _activity_rows(year, village_list, org_of, kind_by_code, rng)
    Activity.objects.bulk_create(activities, batch_size=1000)

    # One hall per village: the first HALLS_OPEN_BY[2020] open by 2020, more in 2021, the rest in 2022.
    order = village_list[:]
    rng.shuffle(order)
    halls = []
    for i, village in enumerate(order):
        year = 2020 if i < HALLS_OPEN_BY[2020] else 2021 if i < HALLS_OPEN_BY[2021] else 2022
        opened = random_day(year, rng) if year > 2020 else date(rng.choice([2018, 2019, 2020]), rng.randint(1, 12), 1)
        halls.append(ServiceHall(village=village, name=f"{village.name}一站式便民服务大厅", opened_on=opened))
    ServiceHall.objects.bulk_create(halls, batch_size=500)
    halls = list(ServiceHall.objects.all())
    duties = []
    for hall in halls:
        for weekday in range(1, 6):
            duties.append(ServiceHallDuty(hall=hall, weekday=weekday, cadre_name=rng.choice(CADRE_NAMES),
                                          post=DUTY_POSTS[weekday - 1]))
    ServiceHallDuty.objects.bulk_create(duties, batch_size=1000)

    cards = []
    for year, total in CONTACT_CARDS.items():
        batches = total // 5
        for count in split(total, batches, rng, minimum=1):
            cards.append(ContactCardIssue(village=rng.choice(village_list), issued_on=random_day(year, rng),
                                          count=count))
    ContactCardIssue.objects.bulk_create(cards, batch_size=1000)

    matters = []
    outcomes = [ProxyMatter.Outcome.DONE] * 8 + [ProxyMatter.Outcome.IN_PROGRESS, ProxyMatter.Outcome.FAILED]
    for year, total in PROXY_MATTERS.items():
        for _ in range(total):
            kind = rng.choice(ProxyMatter.Kind.values)
            matters.append(ProxyMatter(village=rng.choice(village_list), accepted_on=random_day(year, rng),
                                       kind=kind, outcome=rng.choice(outcomes),
                                       description=f"为群众代办{ProxyMatter.Kind(kind).label}"))
    ProxyMatter.objects.bulk_create(matters, batch_size=1000)
