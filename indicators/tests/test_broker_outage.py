"""Redis unreachable: a save still succeeds, the recompute it asks for waits in PostgreSQL (shown
as 排队中 on the dashboard) and is sent by celery beat once the broker is back. The fault test
tests/faults/test_redis_outage.py proves the same end to end with real servers."""
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse
from kombu.exceptions import OperationalError

from indicators import services
from indicators.models import RecomputeRun
from indicators.tasks import recompute_all, recompute_years


@pytest.fixture
def broker_down(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    cache.clear()
    with mock.patch.object(recompute_years, "apply_async", side_effect=OperationalError("Connection refused")) as sent:
        yield sent
    cache.clear()


def test_it_keeps_the_recompute_in_the_database_when_the_broker_is_down(db, broker_down,
                                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_recompute([2026, 2025])
    run = RecomputeRun.objects.get()
    assert (run.status, run.error, run.years) == ("queued", services.BROKER_DOWN, "2025,2026")


def test_it_collects_the_years_in_one_waiting_run_and_stops_calling_the_broker(db, broker_down,
                                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_recompute([2026])
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_recompute([2024, 2025])
    assert list(RecomputeRun.objects.values_list("years", flat=True)) == ["2024,2025,2026"]
    assert broker_down.call_count == 1  # the second save did not wait for the broker again


def test_it_sends_the_waiting_runs_once_the_broker_is_back(db):
    run = services.keep_for_later([2026])
    with mock.patch.object(recompute_years, "delay") as delay:
        assert services.send_pending_recomputes() == [run.pk]
        assert services.send_pending_recomputes() == []
    delay.assert_called_once_with(years=[2026], run_id=run.pk)
    run.refresh_from_db()
    assert (run.status, run.error) == ("queued", "")


def test_a_save_is_acknowledged_while_the_broker_is_down(client_for, world, settings, broker_down,
                                                         django_capture_on_commit_callbacks):
    settings.INDICATORS_AUTO_RECOMPUTE = True
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.alice).post(reverse("branches:organization_create"), {
            "name": "断网期间新建党支部", "kind": "branch", "area": world.village_a1.pk})
    assert response.status_code == 302
    assert RecomputeRun.objects.filter(status="queued", error=services.BROKER_DOWN).count() == 1
    page = client_for(world.alice).get(reverse("indicators:area_dashboard", args=[world.county_a.pk]))
    assert page.status_code == 200 and "排队中" in page.content.decode()


def test_the_recompute_button_works_while_the_broker_is_down(client_for, world):
    with mock.patch.object(recompute_all, "delay", side_effect=OperationalError("Connection refused")):
        response = client_for(world.carol).post(reverse("indicators:recompute"))
    assert response.status_code == 302
    assert RecomputeRun.objects.get().error == services.BROKER_DOWN
