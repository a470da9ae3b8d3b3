"""The demo data set reproduces every figure of the source article, through the real pipeline,
and the figures appear on the prefecture dashboard itself."""
import re

import pytest
from django.urls import reverse

from accounts.models import User
from branches.models import Area
from indicators import services
from indicators.demo import load_demo
from indicators.models import IndicatorSnapshot, RecomputeRun
from indicators.tasks import recompute_years

# code -> the article's figure for 2022 at the prefecture (DOMAIN.md lists them).
ARTICLE_2022 = {
    "org.relocation_site_orgs": "8", "org.relocation_work_group_branches": "31",
    "org.designations.brand_village": "10", "org.designations.baijia": "10",
    "org.designations.four_creations": "40", "org.designations.other_demonstration": "15",
    "org.weak_orgs": "12", "org.weak_responsible_persons": "51", "org.weak_measures": "48",
    "personnel.two_committee_party_member_rate": "100.00",
    "personnel.language_training_sessions": "386", "personnel.language_training_attendance": "1631",
    "personnel.three_talks": "1450", "personnel.five_star_ratings": "536",
    "personnel.language_proficient_count": "695", "personnel.language_proficiency_rate": "80.53",
    "personnel.language_proficiency_change": "+1.16",
    "personnel.farmer_herder_members": "8521", "personnel.farmer_herder_women": "2122",
    "personnel.farmer_herder_under_30": "1744",
    "personnel.cadres_sent": "728", "personnel.cadre_problems_solved": "1362",
    "personnel.cadre_policy_talks": "1260",
    "activities.political_study": "341", "activities.political_study_person_times": "2400",
    "activities.theme_party_days": "785", "activities.publicity": "670",
    "activities.volunteer_services": "1560", "activities.problems_solved": "367",
    "activities.service_halls": "145", "activities.contact_cards": "1502", "activities.proxy_matters": "769",
    "systems.record_books_and_boards": "3750", "systems.nine_ones_activities": "30000",
    "systems.rating_excellent": "2153", "systems.rating_excellent_rate": "25.35",
    "systems.rating_qualified": "6081", "systems.rating_qualified_rate": "71.59",
    "systems.rating_basically_qualified": "11", "systems.rating_basically_qualified_rate": "0.13",
    "systems.rating_unqualified": "1", "systems.rating_unqualified_rate": "0.01",
    "systems.rating_ungraded": "248", "systems.rating_ungraded_rate": "2.92",
    "systems.heart_to_heart_talks": "1960",
    "capacity.co_building_pairings": "34", "capacity.party_lectures": "196",
    "capacity.defence_education": "82", "capacity.drills": "53", "capacity.dispute_screenings": "235",
    "capacity.disputes_mediated": "53", "capacity.mediation_rate": "100.00",
    "capacity.mediation_success_rate": "100.00", "capacity.collective_economy_demo_villages": "7",
    "capacity.income_teams": "11", "capacity.strong_weak_pairings": "35", "capacity.ecology_teams": "356",
    "capacity.ecology_team_members": "3897", "capacity.ecology_talks": "963",
    "capacity.ecology_volunteer_services": "1350", "capacity.six_clean_campaigns": "356",
    "funding.venues_upgraded": "145",
}


def kpi_values(html: str) -> dict[str, str]:
    """{code: shown value} from the dashboard's KPI cards."""
    pattern = re.compile(r'data-code="([^"]+)".*?<span class="kpi-value">([^<]*)</span>', re.S)
    return {code: value.strip() for code, value in pattern.findall(html)}


def check_dashboard(client):
    root = Area.objects.get(level=Area.Level.PREFECTURE)
    client.force_login(User.objects.get(username="prefecture"))
    html = client.get(reverse("indicators:area_dashboard", args=[root.pk]), {"year": 2022}).content.decode()
    shown = kpi_values(html)
    wrong = {code: (shown.get(code), figure) for code, figure in ARTICLE_2022.items() if shown.get(code) != figure}
    assert not wrong, f"dashboard value != article figure: {wrong}"
    assert "数据更新于" in html
    # The 2019–2022 span of central support: 2000 万元 for 40 projects.
    from funding.tests.spans import span_total
    assert span_total("funding.central_support_funds", root, 2019, 2022) == 2000
    assert span_total("funding.collective_projects", root, 2019, 2022) == 40


def test_demo_reproduces_the_article_on_the_dashboard(db, client):
    load_demo(recompute=False)
    recompute_years.delay(years=[2021, 2022])  # eager in this test: the same task a worker runs
    check_dashboard(client)


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
def test_real_worker_pipeline_reproduces_the_article(celery_worker_process, client):
    load_demo(recompute=False)
    run = RecomputeRun.objects.create()
    assert recompute_years.delay(years=[2021, 2022], run_id=run.pk).get(timeout=300) == run.pk
    assert IndicatorSnapshot.objects.filter(year=2022).count() > 1000
    check_dashboard(client)
    # A second run over unchanged records writes nothing.
    assert services.write_snapshots(2022, services.compute_snapshots(2022)) == 0
