"""Review findings: a relief changes only ledgers in its decider's scope; generated lines are audited."""
import datetime
from decimal import Decimal

from auditlog.models import LogEntry

from ali_party.scoping import Role
from cadres.models import OrganizationTransfer, PartyMember
from conftest import make_user
from dues import services
from dues.models import DuesLedgerLine, DuesRelief

from .test_services import _request, branch, lines_of  # noqa: F401 (the fixture)

D = datetime.date
M = Decimal


def _moved_to_county_b(w):
    """The farmer (加木村, county A) moves to 普兰一村 (county B) on 2022-04-15."""
    PartyMember.objects.filter(pk=w.farmer.pk).update(organization=w.org_b1)
    OrganizationTransfer.objects.create(member=w.farmer, from_organization=w.org_a1, to_organization=w.org_b1,
                                        transferred_on=D(2022, 4, 15))
    w.farmer.refresh_from_db()


def test_a_relief_decided_in_another_county_leaves_the_old_branchs_ledger_alone(branch):  # noqa: F811
    w = branch
    march = services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3)
    assert lines_of(march)["牧民"].amount_due == M("0.50")
    _moved_to_county_b(w)
    township_b = make_user("tb", Role.TOWNSHIP_CLERK, w.township_b)
    relief = _request(w, w.bob, w.farmer)  # exempt, March to May 2022
    services.relief_decide(actor=township_b, relief=relief, decision=DuesRelief.Status.APPROVED)
    # County A's March line (owed to 加木村党支部) is not county B's to waive ...
    assert lines_of(march)["牧民"].amount_due == M("0.50")
    # ... nor does county A's own regeneration apply it.
    march = services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3)
    assert (lines_of(march)["牧民"].amount_due, lines_of(march)["牧民"].relief_id) == (M("0.50"), None)
    # County B's own months take it.
    may = services.ledger_generate(actor=w.bob, organization=w.org_b1, year=2022, month=5)
    assert lines_of(may)["牧民"].amount_due == M("0.00")


def test_generated_ledger_lines_are_in_the_change_log(branch):  # noqa: F811
    w = branch
    ledger = services.ledger_generate(actor=w.alice, organization=w.org_a1, year=2022, month=3)
    lines = list(ledger.lines.all())
    assert lines
    logged = set(LogEntry.objects.get_for_model(DuesLedgerLine).filter(action=LogEntry.Action.CREATE)
                 .values_list("object_id", flat=True))
    assert {line.pk for line in lines} <= logged


def _offered(field, user):
    from ali_party.pickers import get_kind

    widget = field.widget
    return {row["value"] for row in get_kind(widget.kind).results(user, "", dict(widget.params))["results"]}


def test_the_dues_pickers_offer_what_the_forms_accept(world):
    """A picker that offers an applicant or a dissolved branch would only lead to 'invalid choice'."""
    from branches.models import PartyOrganization
    from cadres.tests.factories import PartyMemberFactory
    from dues.forms import DuesProfileForm, LedgerGenerateForm, ReliefRequestForm

    w = world
    member = PartyMemberFactory(organization=w.org_a1, name="党员")
    PartyMemberFactory(organization=w.org_a1, name="申请人", stage=PartyMember.Stage.APPLICANT,
                       activist_on=None, candidate_on=None, admitted_on=None, full_member_on=None)
    PartyOrganization.objects.filter(pk=w.org_a2.pk).update(status=PartyOrganization.Status.DISSOLVED,
                                                             status_changed_on=datetime.date(2022, 1, 1))
    checks = [(ReliefRequestForm(user=w.alice).fields["member"], member.pk),
              (DuesProfileForm(user=w.alice).fields["member"], member.pk),
              (LedgerGenerateForm(user=w.alice).fields["organization"], w.org_a1.pk)]
    for field, expected in checks:
        offered = _offered(field, w.alice)
        accepted = set(field.queryset.values_list("pk", flat=True))
        assert expected in offered and offered <= accepted, field.queryset.model
