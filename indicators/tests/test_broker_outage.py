"""Redis unreachable: a save still succeeds and its dirty mark waits in the database (shown as 排队中
on the dashboard); the next change or celery beat's process_dirty, once the broker is back, does the
recompute. The fault test tests/faults/test_redis_outage.py proves the same end to end with real
servers."""
from unittest import mock

import pytest
from django.urls import reverse
from kombu.exceptions import OperationalError

from branches.models import Area, PartyOrganization
from indicators import services
from indicators.models import DirtyMark, IndicatorSnapshot
from indicators.tasks import process_dirty


@pytest.fixture
def broker_down(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch.object(process_dirty, "apply_async", side_effect=OperationalError("Connection refused")) as sent:
        yield sent


def test_a_save_is_acknowledged_while_the_broker_is_down_and_its_mark_waits(
        client_for, world, settings, broker_down, django_capture_on_commit_callbacks):
    settings.INDICATORS_AUTO_RECOMPUTE = True
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.alice).post(reverse("branches:organization_create"), {
            "name": "断网期间新建党支部", "kind": "branch", "area": world.village_a1.pk})
    assert response.status_code == 302
    assert PartyOrganization.objects.filter(name="断网期间新建党支部").exists()
    assert broker_down.called  # it tried, and the failure did not reach the clerk
    mark = DirtyMark.objects.get()
    assert mark.places == world.village_a1.path[:3 * Area.steplen] and "branches_partyorganization" in mark.tables
    page = client_for(world.alice).get(reverse("indicators:area_dashboard", args=[world.county_a.pk]))
    assert page.status_code == 200 and "排队中" in page.content.decode()

    # The broker is back: beat's periodic task (run here in process) recomputes and empties the queue.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    assert len(process_dirty.apply().get()) == 1
    assert not DirtyMark.objects.exists()
    branches = IndicatorSnapshot.objects.get(code="org.organizations.branch", area=world.village_a1,
                                             year=services.default_years()[-1])
    assert branches.value == PartyOrganization.objects.filter(area=world.village_a1, kind="branch").count()
    page = client_for(world.alice).get(reverse("indicators:area_dashboard", args=[world.county_a.pk]))
    assert "排队中" not in page.content.decode()


def test_the_recompute_button_queues_everything_once(client_for, world, broker_down,
                                                     django_capture_on_commit_callbacks):
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(world.carol).post(reverse("indicators:recompute"))
        assert response.status_code == 302
    mark = DirtyMark.objects.get()  # pressed three times: one mark
    assert (mark.places, mark.tables, mark.columns) == ("", "", None)
    assert mark.years == ",".join(map(str, services.default_years()))
