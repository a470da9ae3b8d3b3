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


def test_the_demo_appraisals_follow_the_rules(db):
    from cadres import demo as cadres_demo

    from ..models import FOLLOW_UP_GRADES, SecretaryAppraisal

    load_ngari_tree()
    branches_demo.load()
    cadres_demo.load()
    demo.load()
    demo.load()  # idempotent
    appraisals = list(SecretaryAppraisal.objects.select_related("organization__area", "secretary__organization__area"))
    today = timezone.localdate()
    years = {a.year for a in appraisals}
    assert years <= set(range(2023, 2027)) and {2023, 2024, 2025} <= years
    assert len({a.organization.area.path[:8] for a in appraisals}) >= 3  # several counties (4-character steps)
    for appraisal in appraisals:
        appraisal.full_clean()
    assert any(a.organization.kind == "committee" for a in appraisals)
    grades = [a.grade for a in appraisals]
    assert grades.count("good") + grades.count("fairly_good") > 0.7 * len(grades)
    poor = [a for a in appraisals if a.grade in FOLLOW_UP_GRADES]
    assert poor and any(a.rectified_on for a in poor) and any(a.is_overdue(today) for a in poor)
    assert any(a.secretary_id for a in appraisals)
