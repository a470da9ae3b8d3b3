from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.files import POLICIES, policy_help_text
from ali_party.generic import ScopedModelForm, use_picker
from ali_party.params import parse_id
from ali_party.pickers import picker_narrow, picker_params
from ali_party.widgets import DateInput, StoredFileInput
from cadres.models import PartyMember

from .models import (
    AbsenceReason, EvaluationCampaign, FiveGoals, FollowUp, HeartToHeartTalk, MeetingKind, NotEvaluated,
    OrganizationLifeMeeting, Rating, RecordBookIssue, members_in_campaign,
)
from .services import AttendanceRow



class _OrganizationFormMixin:
    def _tidy_organization(self):
        field = self.fields["organization"]
        field.queryset = field.queryset.order_by("area__path", "name")


class MeetingForm(_OrganizationFormMixin, ScopedModelForm):
    class Meta:
        model = OrganizationLifeMeeting
        fields = ["organization", "kind", "held_on", "topic", "expected_count", "present_count", "minutes",
                  "attachment"]
        widgets = {"held_on": DateInput, "minutes": forms.Textarea(attrs={"rows": 5}), "attachment": StoredFileInput}
        help_texts = {"expected_count": _("登记参会名单后，应到、实到人数按名单自动计算。"),
                      "attachment": policy_help_text(POLICIES["meeting_attachment"])}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tidy_organization()
        self.fields["kind"].queryset = MeetingKind.objects.filter(is_active=True)
        if self.instance.pk and self.instance.attachment:
            widget = self.fields["attachment"].widget
            widget.display_name = self.instance.attachment_name
            widget.download_url = reverse("evaluations:meeting_attachment", args=[self.instance.pk])


class AttendanceForm(forms.Form):
    """One row per listed member: present, absent with one of the model's reasons, or left off the
    expected count. On a meeting without a roll every listed member starts as present, so a clerk
    only clicks the absentees; the "全部出席" submit (ALL_PRESENT) records everyone as present."""

    PRESENT = "present"
    SKIP = ""
    ALL_PRESENT = "all_present"

    def __init__(self, *args, meeting, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.members = list(members)
        current = {a.member_id: a for a in meeting.attendance.all()}
        default = self.SKIP if current else self.PRESENT  # with a roll, a member not on it stays off it
        choices = [(self.PRESENT, _("出席")), *AbsenceReason.choices, (self.SKIP, _("不列入应到"))]
        for member in self.members:
            row = current.get(member.pk)
            initial = default if row is None else (self.PRESENT if row.present else row.absence_reason)
            self.fields[f"status_{member.pk}"] = forms.ChoiceField(
                label=member.name, choices=choices, required=False, initial=initial,
                widget=forms.RadioSelect(attrs={"class": "btn-check", "autocomplete": "off"}))
            self.fields[f"note_{member.pk}"] = forms.CharField(
                label=_("缺席说明"), max_length=200, required=False, initial=row.absence_note if row else "")

    def rows_for_template(self):
        return [(m, self[f"status_{m.pk}"], self[f"note_{m.pk}"]) for m in self.members]

    def attendance_rows(self) -> list[AttendanceRow]:
        if self.data.get(self.ALL_PRESENT):
            return [AttendanceRow(member=member) for member in self.members]
        rows = []
        for member in self.members:
            status = self.cleaned_data.get(f"status_{member.pk}") or self.SKIP
            if status == self.SKIP:
                continue
            present = status == self.PRESENT
            rows.append(AttendanceRow(member=member, present=present, absence_reason="" if present else status,
                                      absence_note=self.cleaned_data.get(f"note_{member.pk}", "")))
        return rows


class RecordBookForm(_OrganizationFormMixin, ScopedModelForm):
    class Meta:
        model = RecordBookIssue
        fields = ["organization", "year", "books", "boards", "issued_on", "note"]
        widgets = {"issued_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tidy_organization()


class FiveGoalsForm(_OrganizationFormMixin, ScopedModelForm):
    class Meta:
        model = FiveGoals
        fields = ["organization", "year", "has_plan", "has_bulletin", "has_records", "has_attendance_register",
                  "has_notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tidy_organization()


class TalkForm(_OrganizationFormMixin, ScopedModelForm):
    """Member choices are the chosen organization's members (a prefecture-wide list would be
    thousands of names); people from elsewhere are typed in by name."""

    class Meta:
        model = HeartToHeartTalk
        fields = ["organization", "held_on", "topic", "initiator", "initiator_name", "counterparts",
                  "counterpart_names", "note"]
        widgets = {"held_on": DateInput, "note": forms.Textarea(attrs={"rows": 4}),
                   "counterparts": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tidy_organization()
        organization = self.chosen_organization()
        members = PartyMember.objects.filter(stage__gte=PartyMember.Stage.PROBATIONARY).visible_to(self.user)
        members = members.filter(organization=organization) if organization else members.none()
        self.fields["initiator"].queryset = members
        self.fields["counterparts"].queryset = members
        for name in ("initiator", "counterparts"):
            picker_params(self.fields[name], min_stage=PartyMember.Stage.PROBATIONARY)
            picker_narrow(self.fields[name], required=True, organization="organization")

    def chosen_organization(self):
        value = self.data.get("organization") if self.is_bound else None
        value = value or self.initial.get("organization") or self.instance.organization_id
        pk = parse_id(getattr(value, "pk", value))  # "¹" passes isdigit() and is no id
        if pk is None:
            return None
        return self.fields["organization"].queryset.filter(pk=pk).first()


class CampaignForm(_OrganizationFormMixin, ScopedModelForm):
    class Meta:
        model = EvaluationCampaign
        fields = ["organization", "year", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._tidy_organization()


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("重新开启原因"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class _CampaignMemberForm(forms.Form):
    """Member choices: the members the campaign's rule accepts (evaluations.models.members_in_campaign);
    the service still judges eligibility, with the rule's own message."""

    member = forms.ModelChoiceField(label=_("党员"), queryset=PartyMember.objects.none())

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        if "member" in self.fields:
            self.fields["member"].queryset = members_in_campaign(campaign)
            use_picker(self.fields["member"])
            picker_params(self.fields["member"], campaign=campaign)


class ResultForm(_CampaignMemberForm):
    rating = forms.ChoiceField(label=_("评定等次"), choices=Rating.choices)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)


class ResultUpdateForm(ResultForm):
    member = None


class NotEvaluatedForm(_CampaignMemberForm):
    reason = forms.ChoiceField(label=_("未参加原因"), choices=NotEvaluated.Reason.choices)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class FollowUpForm(ScopedModelForm):
    class Meta:
        model = FollowUp
        fields = ["measure", "status", "closed_on", "note"]
        widgets = {"closed_on": DateInput, "note": forms.Textarea(attrs={"rows": 4})}
