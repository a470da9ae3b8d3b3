"""The demo records pass the rules the pages enforce and have every kind the pages and reminders show."""
from django.utils import timezone

from branches import demo as branches_demo
from branches.services import load_ngari_tree
from cadres import demo as cadres_demo
from mobility import demo
from mobility.models import FloatingPeriod, IncomingMember, LostContact


def test_the_demo_follows_the_rules(db):
    load_ngari_tree()
    branches_demo.load()
    cadres_demo.load()
    demo.load()
    demo.load()  # idempotent
    today = timezone.localdate()
    periods = list(FloatingPeriod.objects.select_related("member__organization__area"))
    lost = list(LostContact.objects.select_related("member__organization__area"))
    incoming = list(IncomingMember.objects.select_related("organization__area"))
    assert 30 <= len(periods) <= 60 and 5 <= len(lost) <= 10 and 3 <= len(incoming) <= 10
    for record in periods + lost + incoming:
        record._state.adding = False  # already stored: the good-standing check is for new records
        record.full_clean()
    counties = {p.member.organization.area.path[:8] for p in periods}
    assert len(counties) >= 5 and len({c.member.organization.area.path[:8] for c in lost}) >= 5
    assert any(p.returned_on for p in periods)
    assert FloatingPeriod.objects.transfer_due(today).exists()
    assert FloatingPeriod.objects.reaching_six_months(today).exists()
    assert any(c.found_on for c in lost) and any(c.found_on is None for c in lost)
