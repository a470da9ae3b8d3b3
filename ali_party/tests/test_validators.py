"""ali_party.validators.future_date_errors: the one check behind "…日期不能晚于今天" in every pillar."""
import datetime

from django.utils import translation

from ali_party.validators import future_date_errors
from funding.models import Expenditure, VenueUpgrade


def test_it_refuses_tomorrow_and_names_the_field(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: datetime.date(2026, 12, 1))
    assert future_date_errors(Expenditure(spent_on=datetime.date(2026, 12, 2)), "spent_on") == {
        "spent_on": "支出日期不能晚于今天。"}


def test_it_takes_today_an_empty_date_and_several_fields(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: datetime.date(2026, 12, 1))
    assert future_date_errors(Expenditure(spent_on=datetime.date(2026, 12, 1)), "spent_on") == {}
    assert future_date_errors(VenueUpgrade(completed_on=None), "completed_on") == {}
    upgrade = VenueUpgrade(completed_on=datetime.date(2027, 1, 1))
    assert list(future_date_errors(upgrade, "completed_on")) == ["completed_on"]


def test_a_value_that_is_not_a_date_is_left_to_its_field():
    # full_clean() still runs clean() after a field's own error; the field reports the bad value.
    assert future_date_errors(Expenditure(spent_on="2099-13-45"), "spent_on") == {}


def test_the_message_is_translated(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: datetime.date(2026, 12, 1))
    with translation.override("en"):
        errors = future_date_errors(Expenditure(spent_on=datetime.date(2027, 1, 1)), "spent_on")
    assert errors["spent_on"].endswith("cannot be later than today.")
