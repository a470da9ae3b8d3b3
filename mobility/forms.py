from ali_party.generic import ScopedModelForm
from ali_party.pickers import picker_params
from ali_party.widgets import DateInput
from cadres.models import PartyMember

from .models import FloatingPeriod, IncomingMember, LostContact


def _members(field):
    """Party members (预备 and 正式) in good standing, labelled with their organization; no personal
    data decrypted. The picker offers what the queryset accepts."""
    field.queryset = (field.queryset.filter(stage__gte=PartyMember.Stage.PROBATIONARY).in_good_standing()
                      .select_related("organization").only("pk", "name", "organization__name")
                      .order_by("organization__name", "name"))
    field.label_from_instance = lambda m: f"{m.name}（{m.organization.name}）"
    picker_params(field, min_stage=PartyMember.Stage.PROBATIONARY, in_good_standing=True)


class _MemberRecordForm(ScopedModelForm):
    """A record of one member: the member is chosen when it is created and stays with it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["member"]
        else:
            _members(self.fields["member"])


class FloatingForm(_MemberRecordForm):
    class Meta:
        model = FloatingPeriod
        fields = ["member", "left_on", "destination", "destination_organization", "reason", "certificate_number",
                  "fixed_place", "returned_on", "note"]
        widgets = {"left_on": DateInput, "returned_on": DateInput}


class LostContactForm(_MemberRecordForm):
    class Meta:
        model = LostContact
        fields = ["member", "lost_since", "reason", "search_efforts", "found_on", "outcome", "note"]
        widgets = {"lost_since": DateInput, "found_on": DateInput}


class IncomingForm(ScopedModelForm):
    class Meta:
        model = IncomingMember
        fields = ["name", "gender", "origin_organization", "certificate_number", "arrived_on", "left_on",
                  "organization", "note"]
        widgets = {"arrived_on": DateInput, "left_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = self.fields["organization"].queryset
        keep = organizations.filter(pk=self.instance.organization_id) if self.instance.organization_id \
            else organizations.none()
        self.fields["organization"].queryset = (organizations.active() | keep).select_related("area").order_by(
            "area__path", "name")
        picker_params(self.fields["organization"], active=True)
