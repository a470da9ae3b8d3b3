"""The year a page shows (ali_party.years.shown_year): ?year=, else the year the user chose before,
else the latest complete year of the indicators, else — landing pages — the latest year that has
records in the user's scope, not the calendar year."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity
from activities.tests.factories import ActivityFactory
from ali_party.years import latest_year, recent_years
from branches.models import Assessment
from evaluations.models import OrganizationLifeMeeting
from evaluations.tests.factories import kind as meeting_kind
from funding.tests.factories import AllocationFactory

D = datetime.date
THIS_YEAR = timezone.localdate().year


def page_year(client, url_name, **params) -> int:
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    context = response.context
    return context["summary"]["year"] if "summary" in context else context["year"]


def test_activities_index_opens_on_the_latest_year_with_activities(client_for, world):
    ActivityFactory(organization=world.org_a1, held_on=D(2021, 3, 1))
    ActivityFactory(organization=world.org_a2, held_on=D(2022, 11, 30))
    ActivityFactory(organization=world.org_a2, held_on=D(2022, 12, 1))
    ActivityFactory(organization=world.org_b1, held_on=D(2020, 6, 1))
    response = client_for(world.alice).get(reverse("activities:index"))
    assert response.context["year"] == 2022
    assert sum(n for _kind, n in response.context["kind_counts"]) == 2  # the two 2022 activities
    # scoped: bob's county last had an activity in 2020
    assert page_year(client_for(world.bob), "activities:index") == 2020
    assert page_year(client_for(world.carol), "activities:index") == 2022


def test_activities_index_year_is_still_chosen_by_the_query(client_for, world):
    ActivityFactory(organization=world.org_a1, held_on=D(2021, 3, 1))
    ActivityFactory(organization=world.org_a1, held_on=D(2022, 3, 1))
    client = client_for(world.alice)
    for junk in ("abc", "1900", "²", "9" * 40):  # not a year: as if none were given
        assert page_year(client, "activities:index", year=junk) == 2022
    response = client.get(reverse("activities:index"), {"year": 2021})
    assert response.context["year"] == 2021
    assert sum(n for _kind, n in response.context["kind_counts"]) == 1
    # …and the chosen year stays: junk afterwards keeps 2021 (ali_party.years.shown_year).
    assert page_year(client, "activities:index", year="abc") == 2021


def test_a_chosen_year_stays_across_pillars_and_drill_down(client_for, world):
    """One rule for every page (issue 18, item 5): the year chosen on one page is the year the next
    pages open on — another pillar's landing page, an organization's page — until another is chosen."""
    ActivityFactory(organization=world.org_a1, held_on=D(2022, 3, 1))
    AllocationFactory(village=world.village_a1, year=2022)
    client = client_for(world.alice)
    assert page_year(client, "activities:index") == 2022  # latest with records, nothing chosen yet
    assert page_year(client, "funding:index", year=2020) == 2020
    assert page_year(client, "activities:index") == 2020
    organization = client.get(reverse("branches:organization_detail", args=[world.org_a1.pk]))
    assert organization.context["year"] == 2020
    assert page_year(client, "branches:index") == 2020
    # Another user's session is their own.
    assert page_year(client_for(world.carol), "activities:index") == 2022


def test_pages_open_on_the_latest_complete_year_when_there_is_one(client_for, world):
    """The dashboard's year (the latest year whose snapshots were computed whole) is every page's
    default, before a page's own latest year with records."""
    from indicators.models import CompleteYear
    from indicators.services import catalogue_version
    ActivityFactory(organization=world.org_a1, held_on=D(2022, 3, 1))
    CompleteYear.objects.create(year=2021, catalogue=catalogue_version(), computed_at=timezone.now())
    assert page_year(client_for(world.alice), "activities:index") == 2021


def test_a_scope_without_records_opens_on_this_year(client_for, world):
    ActivityFactory(organization=world.org_a1, held_on=D(2022, 3, 1))
    assert page_year(client_for(world.bob), "activities:index") == THIS_YEAR


def test_records_dated_after_this_year_do_not_count(client_for, world):
    ActivityFactory(organization=world.org_a1, held_on=D(2022, 3, 1))
    ActivityFactory(organization=world.org_a1, held_on=D(THIS_YEAR + 1, 1, 5))
    assert page_year(client_for(world.alice), "activities:index") == 2022


def test_evaluations_index_opens_on_the_latest_year_with_meetings(client_for, world):
    for organization, held_on in [(world.org_a1, D(2021, 4, 1)), (world.org_a2, D(2022, 2, 1)),
                                  (world.org_b1, D(2019, 5, 1))]:
        OrganizationLifeMeeting.objects.create(organization=organization, kind=meeting_kind("branch_committee"),
                                               held_on=held_on, topic="学习")
    assert page_year(client_for(world.alice), "evaluations:index") == 2022
    assert page_year(client_for(world.bob), "evaluations:index") == 2019
    assert page_year(client_for(world.alice), "evaluations:index", year=2021) == 2021


def test_branches_index_opens_on_the_latest_year_with_assessments(client_for, world):
    Assessment.objects.create(organization=world.org_a1, year=2020, assessed_on=D(2020, 12, 1))
    Assessment.objects.create(organization=world.org_a1, year=2021, assessed_on=D(2021, 12, 1))
    Assessment.objects.create(organization=world.org_b1, year=2022, assessed_on=D(2022, 12, 1))
    assert page_year(client_for(world.alice), "branches:index") == 2021
    assert page_year(client_for(world.carol), "branches:index") == 2022
    assert page_year(client_for(world.alice), "branches:index", year=2020) == 2020


def test_funding_index_opens_on_the_latest_year_with_allocations_of_the_area(client_for, world):
    AllocationFactory(village=world.village_a1, year=2020)
    AllocationFactory(village=world.village_a2, year=2021)
    AllocationFactory(village=world.village_b1, year=2022)
    client = client_for(world.carol)
    assert page_year(client, "funding:index") == 2022
    assert page_year(client, "funding:index", area=world.county_a.pk) == 2021
    assert page_year(client, "funding:index", area=world.township_a.pk) == 2020
    assert page_year(client, "funding:index", area=world.county_a.pk, year=2019) == 2019


@pytest.mark.parametrize("model, field", [(Activity, "held_on"), (Assessment, "year")])
def test_latest_year_is_one_query(world, django_assert_num_queries, model, field):
    with django_assert_num_queries(1):
        assert latest_year(model.objects.visible_to(world.carol), field) == THIS_YEAR


def test_recent_years_run_from_this_year_down_to_the_first():
    assert list(recent_years(THIS_YEAR - 2)) == [THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2]
    assert list(recent_years())[-1] == 2015


@pytest.mark.parametrize("value,pk", [("12", 12), (" 7 ", 7), ("0", None), ("-1", None), ("²", None),
                                      ("１２３", None), ("abc", None), ("", None), (None, None),
                                      (str(2**63 - 1), 2**63 - 1), (str(2**63), None), ("9" * 400, None)])
def test_the_one_id_parser(value, pk):
    from ali_party.params import parse_id
    assert parse_id(value) == pk
