from django import forms
from django.utils.translation import gettext_lazy as _

from ali_party.files import POLICIES, policy_help_text
from ali_party.generic import ScopedModelForm
from ali_party.pickers import picker_params
from ali_party.widgets import DateInput
from cadres.models import PartyMember

from .models import DevelopmentContact, DevelopmentStep, ProbationReport


class StepForm(ScopedModelForm):
    """Record (or correct) one step of the member named by the page."""

    class Meta:
        model = DevelopmentStep
        fields = ["step", "done_on", "handled_by", "training_days", "training_hours", "note"]
        widgets = {"done_on": DateInput, "note": forms.Textarea(attrs={"rows": 2})}


class StepRowForm(StepForm):
    """The import's form: the member too (by ID number)."""

    class Meta(StepForm.Meta):
        fields = ["member", *StepForm.Meta.fields]


class ContactForm(ScopedModelForm):
    class Meta:
        model = DevelopmentContact
        fields = ["role", "contact", "from_on"]
        widgets = {"from_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["contact"]
        field.queryset = field.queryset.filter(stage=PartyMember.Stage.FULL)
        picker_params(field, full=1)


class ReportForm(ScopedModelForm):
    class Meta:
        model = ProbationReport
        fields = ["quarter", "submitted_on", "note"]
        widgets = {"quarter": DateInput, "submitted_on": DateInput}


class AttachmentForm(forms.Form):
    step = forms.TypedChoiceField(label=_("步骤"), coerce=int)
    file = forms.FileField(label=_("文件"), help_text=policy_help_text(POLICIES["development_attachment"]))

    def __init__(self, *args, recorded=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(row.step, str(row.definition.number) + ". " + str(row.definition.name))
                                       for row in recorded]
