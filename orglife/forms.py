from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedModelForm
from ali_party.pickers import picker_params
from ali_party.scoping import scope_path
from ali_party.widgets import DateInput
from branches.models import Area

from .models import Term, TermMember


class TermForm(ScopedModelForm):
    """A term as the election produced it; the due date, the previous term and the end are derived."""

    class Meta:
        model = Term
        fields = ["organization", "number", "election_date", "start_date", "approved_by", "approval_number",
                  "approved_on", "reschedule_approved_by", "reschedule_number", "reschedule_approved_on", "note"]
        widgets = {"election_date": DateInput, "start_date": DateInput, "approved_on": DateInput,
                   "reschedule_approved_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = self.fields["organization"].queryset
        keep = organizations.filter(pk=self.instance.organization_id) if self.instance.organization_id \
            else organizations.none()
        self.fields["organization"].queryset = (organizations.active() | keep).select_related("area").order_by(
            "area__path", "name")
        picker_params(self.fields["organization"], active=True)  # the kept one is shown as chosen


class TermMemberForm(ScopedModelForm):
    """One person elected: a full member of the term's county (chosen), or a name."""

    class Meta:
        model = TermMember
        fields = ["role", "member", "person_name"]

    def __init__(self, *args, term=None, **kwargs):
        super().__init__(*args, **kwargs)
        from cadres.models import PartyMember

        term = term or self.instance.term
        county = term.organization.area.path[: 2 * Area.steplen]
        self.fields["member"].queryset = (self.fields["member"].queryset.filter(
            organization__area__path__startswith=county, stage=PartyMember.Stage.FULL,
            status=PartyMember.Status.NORMAL).select_related("organization").order_by("organization__name", "name"))
        self.fields["member"].label_from_instance = lambda m: f"{m.name}（{m.organization.name}）"
        # The picker's under= is looked up in the user's scope: a township clerk (below the county)
        # is offered their own area's full members, as the queryset above accepts.
        own = scope_path(self.user) or ""
        under = own if own.startswith(county) else county
        under_area = Area.objects.filter(path=under).values_list("pk", flat=True).first()
        picker_params(self.fields["member"], full=True, under=under_area)
        self.fields["member"].help_text = _("本县正式党员。")
