"""The result forms offer exactly the members the campaign's rule accepts (issue 18: the form offered
入党申请人 and 发展对象 and then refused them). Expected sets worked out by hand for a 2022 campaign."""
import datetime

from evaluations.forms import NotEvaluatedForm, ResultForm
from evaluations.models import EvaluationCampaign
from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory

D = datetime.date
S = PartyMember.Stage


def test_the_result_forms_offer_only_members_the_rule_accepts(world):
    org = world.org_a1
    offered = {
        PartyMemberFactory(organization=org, name="正式党员"),
        PartyMemberFactory(organization=org, name="年中入党", stage=S.PROBATIONARY, admitted_on=D(2022, 6, 1),
                           full_member_on=None),
        PartyMemberFactory(organization=org, name="年底入党", stage=S.PROBATIONARY, admitted_on=D(2022, 12, 31),
                           full_member_on=None),
        # Left during the year: still a member for part of 2022.
        PartyMemberFactory(organization=org, name="年内去世", status=PartyMember.Status.DECEASED,
                           status_changed_on=D(2022, 3, 1)),
    }
    for name, fields in [
        ("申请人", dict(stage=S.APPLICANT, activist_on=None, candidate_on=None, admitted_on=None, full_member_on=None)),
        ("发展对象", dict(stage=S.CANDIDATE, admitted_on=None, full_member_on=None)),
        ("次年入党", dict(stage=S.PROBATIONARY, admitted_on=D(2023, 1, 2), full_member_on=None)),
        ("上年去世", dict(status=PartyMember.Status.DECEASED, status_changed_on=D(2021, 12, 31))),
    ]:
        PartyMemberFactory(organization=org, name=name, **fields)
    PartyMemberFactory(organization=world.org_a2, name="别的支部")
    campaign = EvaluationCampaign.objects.create(organization=org, year=2022)
    for form_class in (ResultForm, NotEvaluatedForm):
        choices = set(form_class(campaign=campaign).fields["member"].queryset)
        assert {m.name for m in choices} == {m.name for m in offered}, form_class
