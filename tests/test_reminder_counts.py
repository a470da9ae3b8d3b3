"""The dashboard's 待办提醒 counts (ali_party.reminders.counts_for) are the number of reminders
the reminders page would list, kind by kind, with no row limit: on the demo data, for a county
clerk and for prefecture staff, each source's count against a tally of its own reminders listed
with the page's limits lifted; and past a page limit the count goes on."""
import datetime
from collections import Counter

import pytest

from accounts.models import User
from ali_party import reminders
from indicators.demo import load_demo

TODAY = datetime.date(2023, 3, 1)  # after the demo's year: terms, follow-ups, appraisals and floating periods are due
LIMITED = ["development.reminders", "orglife.reminders", "mobility.reminders", "lapse.reminders"]


@pytest.fixture
def demo(db, monkeypatch):
    import importlib
    load_demo(recompute=False)
    for module in LIMITED:
        monkeypatch.setattr(importlib.import_module(module), "LIMIT", 10 ** 6)


@pytest.mark.parametrize("username", ["gaer", "prefecture"])
def test_the_counts_are_the_reminders_listed_kind_by_kind(demo, username):
    user = User.objects.get(username=username)
    listed = Counter(str(r.kind) for r in reminders.reminders_for(user, TODAY))
    assert reminders.counts_for(user, TODAY) == dict(listed)
    assert sum(listed.values()) > 0


def test_past_the_page_limit_the_count_goes_on(demo, monkeypatch):
    import mobility.reminders
    from mobility.models import LostContact
    user = User.objects.get(username="prefecture")
    open_cases = LostContact.objects.filter(found_on__isnull=True).count()
    assert open_cases >= 3
    monkeypatch.setattr(mobility.reminders, "LIMIT", 2)
    listed = [r for r in reminders.reminders_for(user, TODAY) if str(r.kind) == "失联党员"]
    assert len(listed) == 2
    assert reminders.counts_for(user, TODAY)["失联党员"] == open_cases
