"""Demo records of the funding pillar (needs only the tree: `python manage.py load_tree`).

For 2022 at the prefecture root the indicators give the article's figures exactly: 145 activity
venues upgraded (all at least 15万, the 加木村 one the demonstration site), and over 2019–2022 40
collective-economy projects with 2000万 yuan of central (三部委) support. Around them: one account
per township, one ledger per village, yearly allocations for village cadre pay and party-work funds
(paid through prefecture finance) with their expenditures, and the venues' and projects' money.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from branches.models import Area

from .catalogues import seed as seed_catalogues
from .models import (
    VENUE_PREFECTURE_DEFAULT, Allocation, CollectiveEconomyProject, Expenditure, FundPurpose, FundSource,
    Status, TownshipAccount, VenueUpgrade, VillageLedger,
)

BATCH = 500
PROJECTS_PER_YEAR = {2019: 8, 2020: 10, 2021: 10, 2022: 12}  # 40 projects
CENTRAL_AVERAGE = Decimal("500000")  # 40 × 50万 = 2000万
VENUES_DONE_2021 = 60  # the other 85 are completed in 2022: 145 by the end of 2022
PROJECT_KINDS = ["牦牛养殖合作社", "藏系绵羊育肥基地", "民族手工艺品加工厂", "光伏发电站", "砂石料场",
                 "农机租赁服务队", "商铺租赁", "乡村旅游民宿", "饲草料种植基地", "运输车队", "酥油加工坊",
                 "绒毛收购点"]
CADRE_MONTHLY_PAY = {2020: 3100, 2021: 3300, 2022: 3500}
PARTY_WORK_FUNDS = {2020: Decimal("10000"), 2021: Decimal("15000"), 2022: Decimal("20000")}


def _yuan(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


def _day(rng: random.Random, year: int, first_month: int = 1, last_month: int = 12) -> date:
    start = date(year, first_month, 1)
    end = date(year, last_month, 28)
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _split(total: Decimal, shares: list[int]) -> list[Decimal]:
    """Split `total` in proportion to `shares`, to the fen; the last part takes the rounding."""
    parts = [_yuan(total * share / sum(shares)) for share in shares[:-1]]
    return parts + [total - sum(parts, Decimal(0))]


class _Books:
    """Collects allocations and their expenditures, then writes them with bulk_create."""

    def __init__(self, ledgers: dict[int, VillageLedger]):
        self.ledgers = ledgers
        self.allocations: list[Allocation] = []
        self.payments: list[list[tuple[date, Decimal, str]]] = []
        self.vouchers: dict[int, int] = {}

    def grant(self, *, village, source, purpose, year, amount, payments, project=None, document_no=""):
        assert sum((p[1] for p in payments), Decimal(0)) <= amount, "demo must not overspend"
        self.allocations.append(Allocation(village=village, source=source, purpose=purpose, year=year,
                                           amount=_yuan(amount), project=project, document_no=document_no))
        self.payments.append(payments)

    def write(self) -> None:
        Allocation.objects.bulk_create(self.allocations, batch_size=BATCH)
        expenditures = []
        for allocation, payments in zip(self.allocations, self.payments):
            ledger = self.ledgers[allocation.village_id]
            for spent_on, amount, description in payments:
                self.vouchers[ledger.pk] = self.vouchers.get(ledger.pk, 0) + 1
                expenditures.append(Expenditure(
                    ledger=ledger, allocation=allocation, purpose=allocation.purpose, spent_on=spent_on,
                    amount=_yuan(amount), voucher_no=f"记-{self.vouchers[ledger.pk]:04d}",
                    description=description))
        Expenditure.objects.bulk_create(expenditures, batch_size=BATCH)


@transaction.atomic
def load(*, seed: int = 2023) -> None:
    if VenueUpgrade.objects.exists() or CollectiveEconomyProject.objects.exists():
        return  # already loaded
    rng = random.Random(seed)
    seed_catalogues(FundSource, FundPurpose)
    source = {s.code: s for s in FundSource.objects.all()}
    purpose = {p.code: p for p in FundPurpose.objects.all()}

    villages = list(Area.objects.filter(level=Area.Level.VILLAGE).order_by("path"))
    townships = list(Area.objects.filter(level=Area.Level.TOWNSHIP).order_by("path"))
    if not villages:
        return  # no tree, nothing to attach the records to

    # 村财乡管: one account per township (统一开户), one ledger per village (分村核算).
    accounts = TownshipAccount.objects.bulk_create([
        TownshipAccount(township=t, bank="中国农业银行阿里地区分行", account_number=f"2269{i + 1:02d}0104{rng.randrange(10**8):08d}",
                        opened_on=date(2018, 12, rng.randrange(1, 29)), bookkeeper=f"{t.name}财政所代理会计")
        for i, t in enumerate(townships)], batch_size=BATCH)
    account_by_path = {a.township.path: a for a in accounts}
    ledgers = VillageLedger.objects.bulk_create([
        VillageLedger(account=account_by_path[v.path[: 3 * Area.steplen]], village=v,
                      opened_on=date(2019, 1, 2)) for v in villages], batch_size=BATCH)
    books = _Books({ledger.village_id: ledger for ledger in ledgers})

    # Activity-venue upgrades: all 145, at least 15万 each, 60 done in 2021 and the rest in 2022.
    demo_site = next((v for v in villages if v.name == "加木村"), villages[0])
    order = [v for v in villages if v.pk != demo_site.pk]
    rng.shuffle(order)
    order.insert(0, demo_site)
    venues = []
    for i, village in enumerate(order):
        year = 2021 if i < VENUES_DONE_2021 else 2022
        total = Decimal(320000) if village.pk == demo_site.pk else Decimal(rng.randrange(150, 261) * 1000)
        completed_on = _day(rng, year, 6, 10)
        venues.append(VenueUpgrade(
            village=village, prefecture_allocation=VENUE_PREFECTURE_DEFAULT, total_investment=total,
            status=Status.COMPLETED, completed_on=completed_on, is_demonstration=village.pk == demo_site.pk,
            note="村级组织活动场所整改提升示范点" if village.pk == demo_site.pk else ""))
        started = completed_on - timedelta(days=rng.randrange(40, 90))
        books.grant(village=village, source=source["prefecture"], purpose=purpose["venue"], year=year,
                    amount=VENUE_PREFECTURE_DEFAULT, document_no=f"阿地财建〔{year}〕{i % 40 + 11}号",
                    payments=[(started, VENUE_PREFECTURE_DEFAULT, "活动场所整改提升（地区划拨）")])
        rest = total - VENUE_PREFECTURE_DEFAULT
        shares = {"county": rng.choice([40, 50, 60]), "township": rng.choice([0, 0, 5, 10]),
                  "self": rng.choice([0, 0, 0, 5])}
        parts = {code: _yuan(rest * share / 100) for code, share in shares.items() if share}
        parts["region"] = rest - sum(parts.values(), Decimal(0))
        for code, amount in parts.items():
            first, second = _split(amount, [6, 4])
            books.grant(village=village, source=source[code], purpose=purpose["venue"], year=year,
                        amount=amount, payments=[(started, first, "活动场所整改提升工程进度款"),
                                                 (completed_on, second, "活动场所整改提升工程竣工结算")])
    VenueUpgrade.objects.bulk_create(venues, batch_size=BATCH)

    # Collective-economy projects 2019–2022: 40 projects, central support pairs around 50万 so the
    # total is exactly 2000万.
    deltas = [Decimal(rng.choice([0, 5, 10, 15, 20]) * 10000) for _ in range(20)]
    central = [CENTRAL_AVERAGE + d for d in deltas] + [CENTRAL_AVERAGE - d for d in deltas]
    rng.shuffle(central)
    project_villages = rng.sample(villages, sum(PROJECTS_PER_YEAR.values()))
    projects, k = [], 0
    for year, count in PROJECTS_PER_YEAR.items():
        for _ in range(count):
            village, support = project_villages[k], central[k]
            k += 1
            done = year <= 2021
            projects.append(CollectiveEconomyProject(
                name=f"{village.name}{rng.choice(PROJECT_KINDS)}", village=village, start_year=year,
                end_year=year + 1 if done else None, central_support_funds=support,
                other_funds=Decimal(rng.randrange(0, 31) * 10000),
                status=Status.COMPLETED if done else Status.IN_PROGRESS,
                income_generated=Decimal(rng.randrange(3, 25) * 10000 * (2023 - year)) if done else Decimal(
                    rng.randrange(0, 5) * 10000),
                households_benefiting=rng.randrange(20, 160)))
    CollectiveEconomyProject.objects.bulk_create(projects, batch_size=BATCH)
    for project in projects:
        year, support = project.start_year, project.central_support_funds
        share = 100 if project.status == Status.COMPLETED else rng.choice([50, 60, 70])
        first, second = _split(_yuan(support * share / 100), [6, 4])
        books.grant(village=project.village, source=source[FundSource.CENTRAL], purpose=purpose["collective_economy"],
                    year=year, amount=support, project=project, document_no=f"藏财农〔{year}〕{rng.randrange(20, 90)}号",
                    payments=[(_day(rng, year, 5, 8), first, "集体经济项目建设款"),
                              (_day(rng, year, 9, 12), second, "集体经济项目建设款")])

    # Village cadre pay and party-work funds, paid through prefecture finance every year.
    for village in villages:
        cadres = rng.randrange(5, 10)
        for year, monthly in CADRE_MONTHLY_PAY.items():
            pay = Decimal(cadres * monthly * 12)
            quarters = _split(pay, [1, 1, 1, 1])
            books.grant(village=village, source=source["prefecture"], purpose=purpose["cadre_pay"], year=year,
                        amount=pay, document_no=f"阿地财行〔{year}〕3号",
                        payments=[(date(year, 3 * q, 25), amount, f"{year}年第{q}季度村干部报酬")
                                  for q, amount in enumerate(quarters, start=1)])
            funds = PARTY_WORK_FUNDS[year]
            used = _yuan(funds * rng.randrange(70, 101) / 100)
            uses = ["购置党员学习资料", "主题党日活动", "阵地维护及水电费", "慰问困难党员"]
            parts = _split(used, [rng.randrange(2, 6) for _ in range(3)])
            books.grant(village=village, source=source["prefecture"], purpose=purpose["party_work"], year=year,
                        amount=funds, document_no=f"阿地财行〔{year}〕5号",
                        payments=[(_day(rng, year, 3 + 3 * i, 5 + 3 * i), amount, rng.choice(uses))
                                  for i, amount in enumerate(parts)])
    books.write()
