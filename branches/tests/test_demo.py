"""The demo reproduces section 1 of the article for 2022 at the prefecture root."""
from branches import demo
from branches.models import Area, PartyOrganization
from branches.services import load_ngari_tree
from indicators.engine import evaluate

ARTICLE_2022 = {
    "org.relocation_site_orgs": 8,
    "org.relocation_work_group_branches": 31,
    "org.designations.brand_village": 10,
    "org.designations.baijia": 10,
    "org.designations.four_creations": 40,
    "org.designations.other_demonstration": 15,
    "org.designations.putonghua": 5,
    "org.designations.rural_revitalization": 5,
    "org.designations.grassroots_governance": 5,
    "org.weak_orgs": 12,
    "org.weak_responsible_persons": 51,
    "org.weak_measures": 48,
}


def test_it_reproduces_the_article_figures_and_the_tree_of_organizations(db):
    root = load_ngari_tree()
    demo.load()
    demo.load()  # idempotent
    for code, expected in ARTICLE_2022.items():
        assert evaluate(code, 2022, root).value == expected, code
        assert evaluate(code, 2021, root).value < expected, code
    assert evaluate("org.organizations.committee", 2022, root).value == 38
    assert evaluate("org.organizations.branch", 2022, root).value == 145
    # The other pillars' demos rely on one 党委 per township and exactly one 党支部 per village.
    for village in Area.objects.filter(level=Area.Level.VILLAGE):
        assert PartyOrganization.objects.filter(area=village, kind="branch").count() == 1
    assert PartyOrganization.objects.filter(kind="committee", area__level="township").count() == 38
