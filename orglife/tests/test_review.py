"""Review: the elected-member picker offers a township clerk what the form accepts (their own full
members), not nothing; it never offers another county's members."""
import datetime

from ali_party.pickers import get_kind
from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory
from orglife.forms import TermMemberForm
from orglife.services import term_create


def _offered(form, user):
    widget = form.fields["member"].widget
    return {row["value"] for row in get_kind(widget.kind).results(user, "", dict(widget.params))["results"]}


def test_the_elected_member_picker_offers_what_the_form_accepts(world):
    w = world
    term = term_create(actor=w.alice, organization=w.org_a1, election_date=datetime.date(2021, 5, 1),
                       start_date=datetime.date(2021, 5, 1))
    own = PartyMemberFactory(organization=w.org_a1, name="本村", stage=PartyMember.Stage.FULL)
    other_county = PartyMemberFactory(organization=w.org_b1, name="外县", stage=PartyMember.Stage.FULL)
    for user in (w.tess, w.alice, w.carol):
        form = TermMemberForm(user=user, term=term)
        offered = _offered(form, user)
        accepted = set(form.fields["member"].queryset.values_list("pk", flat=True))
        assert own.pk in offered and other_county.pk not in offered, user
        assert offered <= accepted, user


def test_the_term_organization_picker_offers_active_organizations_only(world):
    from branches.models import PartyOrganization
    from orglife.forms import TermForm

    w = world
    PartyOrganization.objects.filter(pk=w.org_a2.pk).update(status=PartyOrganization.Status.DISSOLVED,
                                                             status_changed_on=datetime.date(2022, 1, 1))
    field = TermForm(user=w.alice).fields["organization"]
    widget = field.widget
    offered = {row["value"] for row in get_kind(widget.kind).results(w.alice, "", dict(widget.params))["results"]}
    assert offered == set(field.queryset.values_list("pk", flat=True)) == {w.org_a1.pk}
