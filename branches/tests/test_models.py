"""Rules on the branches models: a rectification measure's overdue state (Measure.is_overdue)."""
import datetime

from django.utils import timezone

from branches.models import Measure

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def test_an_open_measure_due_yesterday_is_overdue():
    assert Measure(status=Measure.Status.OPEN, deadline=YESTERDAY).is_overdue


def test_an_open_measure_due_today_is_not_overdue_yet():
    assert not Measure(status=Measure.Status.OPEN, deadline=TODAY).is_overdue


def test_a_done_measure_is_never_overdue():
    assert not Measure(status=Measure.Status.DONE, deadline=YESTERDAY, completed_on=YESTERDAY).is_overdue
