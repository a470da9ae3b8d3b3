"""The member pickers of the mobility forms offer exactly the members the forms accept: 预备 and
正式 members in good standing (a suspended or transferred-out member would only lead to 'invalid
choice')."""
import datetime

from ali_party.pickers import get_kind
from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory
from mobility.forms import FloatingForm, LostContactForm


def _offered(field, user):
    widget = field.widget
    return {row["value"] for row in get_kind(widget.kind).results(user, "", dict(widget.params))["results"]}


def test_the_member_pickers_offer_members_in_good_standing_only(world):
    member = PartyMemberFactory(organization=world.org_a1, name="在册")
    suspended = PartyMemberFactory(organization=world.org_a1, name="停止党籍", status=PartyMember.Status.SUSPENDED,
                                   status_changed_on=datetime.date(2022, 1, 5))
    applicant = PartyMemberFactory(organization=world.org_a1, name="申请人", stage=PartyMember.Stage.APPLICANT,
                                   activist_on=None, candidate_on=None, admitted_on=None, full_member_on=None)
    for form in (FloatingForm(user=world.alice), LostContactForm(user=world.alice)):
        field = form.fields["member"]
        offered = _offered(field, world.alice)
        assert member.pk in offered
        assert suspended.pk not in offered and applicant.pk not in offered
        assert offered <= set(field.queryset.values_list("pk", flat=True))
