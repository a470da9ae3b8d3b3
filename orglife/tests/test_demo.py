"""The demo terms pass the rules the pages enforce, and leave the article's figures alone."""
from django.utils import timezone

from branches import demo as branches_demo
from branches.services import load_ngari_tree
from indicators.engine import evaluate
from orglife import demo

from ..models import Term, term_due_date


def test_the_demo_terms_follow_the_rules(db):
    root = load_ngari_tree()
    branches_demo.load()
    demo.load()
    demo.load()  # idempotent
    terms = list(Term.objects.select_related("organization__area", "previous"))
    assert len(terms) > 500
    today = timezone.localdate()
    for term in terms:
        assert term.due_on == term_due_date(term.organization, term.start_date)
        assert term.election_date <= today
        assert term.shift_errors(term.previous) == {}, term
        term.full_clean()
    assert Term.objects.overdue(today).exists()
    assert Term.objects.exclude(reschedule_approved_by="").count() == 2
    assert evaluate("org.terms_due", 2022, root).value > 0
    assert evaluate("org.weak_orgs", 2022, root).value == 12
