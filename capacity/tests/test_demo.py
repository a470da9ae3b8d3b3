"""The demo reproduces the article's 2022 figures of 基本活动 and 基本能力 exactly at the root.

One test function, because loading the real tree and ~16,000 activity rows is the slow part."""
from decimal import Decimal

from activities import demo as activities_demo
from activities.models import Activity
from branches.models import Area, PartyOrganization
from branches.services import load_ngari_tree
from capacity import demo as capacity_demo
from indicators.engine import evaluate

ARTICLE_2022 = {
    "activities.political_study": 341, "activities.political_study_person_times": 2400,
    "activities.theme_party_days": 785, "activities.publicity": 670, "activities.volunteer_services": 1560,
    "activities.problems_solved": 367, "activities.service_halls": 145, "activities.contact_cards": 1502,
    "activities.proxy_matters": 769, "personnel.three_talks": 1450, "personnel.five_star_ratings": 536,
    "capacity.co_building_pairings": 34, "capacity.party_lectures": 196, "capacity.defence_education": 82,
    "capacity.drills": 53, "capacity.dispute_screenings": 235, "capacity.disputes_found": 53,
    "capacity.disputes_mediated": 53, "capacity.mediation_rate": Decimal("100.00"),
    "capacity.mediation_success_rate": Decimal("100.00"), "capacity.collective_economy_demo_villages": 7,
    "capacity.income_teams": 11, "capacity.strong_weak_pairings": 35, "capacity.ecology_teams": 356,
    "capacity.ecology_team_members": 3897, "capacity.ecology_talks": 963,
    "capacity.ecology_volunteer_services": 1350, "capacity.six_clean_campaigns": 356,
}


def _load_organizations():
    """The branches demo when present; otherwise what it promises: a 党支部 per village."""
    try:
        from branches import demo as branches_demo
    except ImportError:
        branches_demo = None
    if branches_demo is not None:
        branches_demo.load()
    if not PartyOrganization.objects.exists():
        PartyOrganization.objects.bulk_create([
            PartyOrganization(name=f"{v.name}党支部", kind="branch", area=v)
            for v in Area.objects.filter(level=Area.Level.VILLAGE)])


def test_it_reproduces_the_article_figures_and_plausible_history(db):
    root = load_ngari_tree()
    _load_organizations()
    activities_demo.load()
    capacity_demo.load()

    assert {code: evaluate(code, 2022, root).value for code in ARTICLE_2022} == ARTICLE_2022

    # 2021: smaller, and not a perfect mediation year.
    assert evaluate("activities.theme_party_days", 2021, root).value == 720
    assert evaluate("capacity.co_building_pairings", 2021, root).value == 30
    assert evaluate("capacity.mediation_rate", 2021, root).value == Decimal("95.56")
    assert evaluate("capacity.mediation_success_rate", 2021, root).value == Decimal("95.35")
    assert evaluate("capacity.ecology_teams", 2021, root).value == 300
    assert evaluate("activities.service_halls", 2021, root).value == 128

    # The 革吉县 pilot holds all the disputes.
    gegye = Area.objects.get(level=Area.Level.COUNTY, name="革吉县")
    assert evaluate("capacity.dispute_screenings", 2022, gegye).value == 235
    assert evaluate("capacity.disputes_mediated", 2022, gegye).value == 53

    # Idempotent: a second load adds nothing.
    before = Activity.objects.count()
    activities_demo.load()
    capacity_demo.load()
    assert Activity.objects.count() == before
