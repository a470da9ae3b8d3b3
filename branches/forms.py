from django import forms
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedModelForm
from ali_party.pickers import picker_params
from ali_party.widgets import DateInput

from .models import (
    Area, Assessment, CommitteePost, Designation, DesignationKind, Measure, PartyOrganization, ProblemCategory,
    ProgrammeEnrollment, Rectification, ResponsiblePerson, Review, StandardItem,
)



def _village_choices(field) -> None:
    field.queryset = field.queryset.filter(level=Area.Level.VILLAGE).order_by("path")
    picker_params(field, level=Area.Level.VILLAGE)


def _organization_choices(field) -> None:
    field.queryset = field.queryset.select_related("area").order_by("area__path", "name")


class AreaForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    code = forms.CharField(label=_("区划代码"), max_length=20, required=False)
    is_border_village = forms.BooleanField(label=_("边境村"), required=False)
    is_community = forms.BooleanField(label=_("社区"), required=False, help_text=Area._meta.get_field(
        "is_community").help_text)


class PartyOrganizationForm(ScopedModelForm):
    """Creates and edits an organization; its status changes through OrganizationStatusForm."""

    class Meta:
        model = PartyOrganization
        fields = ["name", "kind", "parent", "area", "unit_name", "founded_on", "at_relocation_site",
                  "at_border_resettlement_site"]
        widgets = {"founded_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = self.fields["area"].queryset.exclude(
            level=Area.Level.PREFECTURE).order_by("path")
        picker_params(self.fields["area"], level=[Area.Level.COUNTY, Area.Level.TOWNSHIP, Area.Level.VILLAGE])
        picker_params(self.fields["parent"], active=True)
        parents = self.fields["parent"].queryset
        keep = parents.filter(pk=self.instance.parent_id) if self.instance.parent_id else parents.none()
        parents = (parents.active() | keep).select_related("area")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents


class OrganizationStatusForm(ScopedModelForm):
    class Meta:
        model = PartyOrganization
        fields = ["status", "status_changed_on", "merged_into"]
        widgets = {"status_changed_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = self.fields["merged_into"].queryset.active().select_related("area")
        if self.instance.pk:
            queryset = queryset.exclude(pk=self.instance.pk)
        self.fields["merged_into"].queryset = queryset
        picker_params(self.fields["merged_into"], active=True)


class CommitteePostForm(ScopedModelForm):
    class Meta:
        model = CommitteePost
        fields = ["role", "person_name", "term_start", "term_end", "left_on"]
        widgets = {"term_start": DateInput, "term_end": DateInput, "left_on": DateInput}


class DesignationForm(ScopedModelForm):
    class Meta:
        model = Designation
        fields = ["kind", "organization", "village", "year", "level", "revoked_on", "note"]
        widgets = {"revoked_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = DesignationKind.objects.filter(is_active=True)
        _organization_choices(self.fields["organization"])
        _village_choices(self.fields["village"])
        self.fields["organization"].help_text = _("命名给党组织时填写；命名给村(社区)时留空并选择村(社区)。")


class ProgrammeEnrollmentForm(ScopedModelForm):
    class Meta:
        model = ProgrammeEnrollment
        fields = ["village", "track", "enrolled_year", "target_year", "progress_percent", "progress_note",
                  "status", "achieved_on"]
        widgets = {"achieved_on": DateInput, "progress_note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _village_choices(self.fields["village"])


class AssessmentForm(ScopedModelForm):
    class Meta:
        model = Assessment
        fields = ["organization", "year", "assessed_on", "failed_items", "note"]
        widgets = {"assessed_on": DateInput, "failed_items": forms.CheckboxSelectMultiple,
                   "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _organization_choices(self.fields["organization"])
        self.fields["failed_items"].queryset = StandardItem.objects.filter(is_active=True).order_by(
            "-year", "pillar", "order")
        self.fields["failed_items"].help_text = _("勾选未达标的项目（须为考核年度的项目）；不勾选即为全部达标。")


class RectificationForm(ScopedModelForm):
    class Meta:
        model = Rectification
        fields = ["organization", "year", "identified_on", "source", "categories", "description"]
        widgets = {"identified_on": DateInput, "categories": forms.CheckboxSelectMultiple,
                   "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _organization_choices(self.fields["organization"])
        self.fields["categories"].queryset = ProblemCategory.objects.filter(is_active=True)


class ResponsiblePersonForm(ScopedModelForm):
    class Meta:
        model = ResponsiblePerson
        fields = ["name", "position", "role"]


class MeasureForm(ScopedModelForm):
    class Meta:
        model = Measure
        fields = ["description", "owner", "deadline", "status", "completed_on"]
        widgets = {"deadline": DateInput, "completed_on": DateInput}


class ReviewForm(ScopedModelForm):
    class Meta:
        model = Review
        fields = ["reviewed_on", "reviewer", "outcome", "comment"]
        widgets = {"reviewed_on": DateInput, "comment": forms.Textarea(attrs={"rows": 3})}


class RectificationCloseForm(ScopedModelForm):
    class Meta:
        model = Rectification
        fields = ["closed_on", "closure_note"]
        widgets = {"closed_on": DateInput, "closure_note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].required = True
