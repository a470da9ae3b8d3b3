from django import forms
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedModelForm
from ali_party.params import parse_id
from ali_party.pickers import picker_narrow, picker_params
from ali_party.scoping import scope_path
from ali_party.widgets import DateInput
from branches.models import Area

from .models import SecretaryAppraisal, Term, TermMember


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


class SecretaryAppraisalForm(ScopedModelForm):
    """One year's 述职评议考核 of a township 党委 or village organization's secretary. The secretary is
    chosen among the chosen organization's members (kept when already recorded), else typed in by name."""

    class Meta:
        model = SecretaryAppraisal
        fields = ["organization", "year", "secretary", "secretary_name", "report_summary", "reported_on", "grade",
                  "assessed_by", "assessed_on", "rectification_required", "rectification_deadline", "rectified_on",
                  "rectification_result"]
        widgets = {"reported_on": DateInput, "assessed_on": DateInput, "rectification_deadline": DateInput,
                   "rectified_on": DateInput, "report_summary": forms.Textarea(attrs={"rows": 4}),
                   "rectification_required": forms.Textarea(attrs={"rows": 3}),
                   "rectification_result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cadres.models import PartyMember

        from .selectors import appraised_organizations

        organizations = self.fields["organization"].queryset
        keep = organizations.filter(pk=self.instance.organization_id) if self.instance.organization_id \
            else organizations.none()
        self.fields["organization"].queryset = (
            organizations.filter(pk__in=appraised_organizations().active().values("pk")) | keep
        ).select_related("area").order_by("area__path", "name")
        picker_params(self.fields["organization"], active=True)
        self.fields["organization"].help_text = _("乡镇党委或村（社区）党组织。")
        organization = self.chosen_organization()
        members = PartyMember.objects.visible_to(self.user).filter(stage=PartyMember.Stage.FULL)
        members = members.filter(organization=organization) if organization else members.none()
        if self.instance.secretary_id:
            members = members | PartyMember.objects.filter(pk=self.instance.secretary_id)
        self.fields["secretary"].queryset = members.select_related("organization").order_by("name", "pk")
        picker_params(self.fields["secretary"], full=True)
        picker_narrow(self.fields["secretary"], required=True, organization="organization")
        self.fields["secretary"].help_text = _("先选择党组织，再从本组织正式党员中选择。")

    def chosen_organization(self):
        value = self.data.get("organization") if self.is_bound else None
        value = value or self.initial.get("organization") or self.instance.organization_id
        pk = parse_id(getattr(value, "pk", value))
        if pk is None:
            return None
        return self.fields["organization"].queryset.filter(pk=pk).first()
