from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ali_party.files import POLICIES, policy_help_text
from ali_party.generic import ScopedModelForm, VillageChoicesMixin
from ali_party.pickers import picker_narrow
from ali_party.widgets import DateInput

from .models import Activity, ActivityKind, ContactCardIssue, ProxyMatter, ServiceHall, ServiceHallDuty


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the service checks each one's size and real type."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items if item]


class ActivityForm(VillageChoicesMixin, ScopedModelForm):
    photos = MultipleFileField(label=_("活动照片"), help_text=format_lazy(
        "{}{}", policy_help_text(POLICIES["activity_photo"]), _("可多选。")))
    sign_in_sheets = MultipleFileField(label=_("签到表"), help_text=format_lazy(
        "{}{}", policy_help_text(POLICIES["activity_sign_in"]), _("可多选。")))

    class Meta:
        model = Activity
        fields = ["kind", "held_on", "organization", "village", "participants", "person_times",
                  "problems_solved", "attendees", "pairing", "note"]
        widgets = {"held_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_villages()
        kind_field = self.fields["kind"]
        current = self.instance.kind_id if self.instance.pk else None
        kind_field.queryset = ActivityKind.objects.filter(active=True) | ActivityKind.objects.filter(pk=current)
        # Searched among the chosen organization's members once there is one (any member in scope
        # may still attend: the field accepts them all).
        picker_narrow(self.fields["attendees"], organization="organization")
        picker_narrow(self.fields["pairing"], village="village")


class ServiceHallForm(VillageChoicesMixin, ScopedModelForm):
    class Meta:
        model = ServiceHall
        fields = ["village", "name", "opened_on", "closed_on", "note"]
        widgets = {"opened_on": DateInput, "closed_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_villages()


class ServiceHallDutyForm(forms.ModelForm):
    class Meta:
        model = ServiceHallDuty
        fields = ["weekday", "cadre_name", "post"]


class ContactCardIssueForm(VillageChoicesMixin, ScopedModelForm):
    class Meta:
        model = ContactCardIssue
        fields = ["village", "issued_on", "count", "note"]
        widgets = {"issued_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_villages()


class ProxyMatterForm(VillageChoicesMixin, ScopedModelForm):
    class Meta:
        model = ProxyMatter
        fields = ["village", "accepted_on", "kind", "description", "outcome"]
        widgets = {"accepted_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_villages()
