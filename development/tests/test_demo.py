"""The demo steps pass every rule the record page enforces, in several counties, with some late."""
from django.utils import timezone

from branches import demo as branches_demo
from branches.models import Area
from branches.services import load_ngari_tree
from cadres import demo as cadres_demo
from development import demo

from ..models import DevelopmentContact, DevelopmentStep, ProbationReport
from ..selectors import Overdue, member_overdue


def test_the_demo_steps_follow_the_rules(db):
    load_ngari_tree()
    branches_demo.load()
    cadres_demo.load()
    demo.load()
    demo.load()  # idempotent
    today = timezone.localdate()
    steps = list(DevelopmentStep.objects.select_related("member__organization__area"))
    assert len(steps) > 3000
    by_member = {}
    for row in steps:
        by_member.setdefault(row.member_id, []).append(row)
    contacts = {}
    for contact in DevelopmentContact.objects.select_related("contact"):
        contact.full_clean()
        contacts.setdefault(contact.member_id, []).append(contact)
    for rows in by_member.values():
        recorded = {r.step: r.done_on for r in rows}
        for row in rows:
            row.full_clean()
            others = {n: d for n, d in recorded.items() if n != row.step}
            assert row.sequence_errors(others) == {}, row
            assert row.contact_errors(contacts.get(row.member_id, [])) == {}, row
    for report in ProbationReport.objects.select_related("member"):
        report.full_clean()
    counties = {row.member.organization.area.path[: 2 * Area.steplen] for row in steps}
    assert len(counties) == 7
    late = [row for row in steps if row.is_late]
    assert late and len(late) < len(steps) / 10
    kinds = set()
    for rows in by_member.values():
        member = rows[0].member
        reports = set(ProbationReport.objects.filter(member=member).values_list("quarter", flat=True)) \
            if member.admitted_on else set()
        kinds |= {item.kind for item in member_overdue(member, {r.step: r for r in rows}, reports, today)}
    assert {Overdue.TALK, Overdue.APPROVAL} <= kinds
    assert DevelopmentStep.objects.filter(step=11, training_days__gte=3).count() == \
        DevelopmentStep.objects.filter(step=11).count() > 0
