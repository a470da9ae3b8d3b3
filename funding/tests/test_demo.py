"""The demo reproduces the article's 基本保障 figures at the prefecture root."""
from decimal import Decimal

from branches.models import Area
from branches.services import load_ngari_tree
from funding import demo, selectors
from funding.models import CollectiveEconomyProject, Expenditure, TownshipAccount, VenueUpgrade, VillageLedger
from indicators.engine import evaluate

from .spans import span_total


def test_it_loads_the_demo_with_the_articles_figures(db):
    root = load_ngari_tree()
    demo.load()
    demo.load()  # idempotent

    def value(code, year):
        return evaluate(code, year, root).value

    assert value("funding.venues_upgraded", 2022) == 145
    assert 0 < value("funding.venues_upgraded", 2021) < 145
    assert value("funding.venues_below_standard", 2022) == 0
    assert value("funding.venue_investment", 2022) >= Decimal("2175.00")  # 145 × 15万 at least
    assert span_total("funding.central_support_funds", root, 2019, 2022) == Decimal("2000.00")
    assert span_total("funding.collective_projects", root, 2019, 2022) == 40
    assert 0 < value("funding.utilization_rate", 2022) <= 100

    assert VenueUpgrade.objects.count() == 145
    assert set(VenueUpgrade.objects.values_list("prefecture_allocation", flat=True)) == {Decimal("40000.00")}
    demo_site = VenueUpgrade.objects.get(is_demonstration=True)
    assert demo_site.village.name == "加木村"
    assert [a.name for a in Area.objects.get_ancestors(demo_site.village)] == ["阿里地区", "噶尔县", "狮泉河镇"]
    assert CollectiveEconomyProject.objects.count() == 40
    assert TownshipAccount.objects.count() == Area.objects.filter(level=Area.Level.TOWNSHIP).count()
    assert VillageLedger.objects.count() == 145
    assert Expenditure.objects.exists()

    table = selectors.funds_by_source_and_purpose(root, 2019, 2022)
    central = next(s for s in table.sources if s.code == "central")
    assert table.source_total(central) == Decimal("20000000.00")
