from django import forms
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedModelForm

from .models import Area, PartyOrganization


class AreaForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    code = forms.CharField(label=_("区划代码"), max_length=20, required=False)
    is_border_village = forms.BooleanField(label=_("边境村"), required=False)


class PartyOrganizationForm(ScopedModelForm):
    class Meta:
        model = PartyOrganization
        fields = ["name", "kind", "parent", "area", "founded_on", "at_relocation_site",
                  "at_border_resettlement_site", "status", "status_changed_on"]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}),
            "status_changed_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = self.fields["area"].queryset.exclude(
            level=Area.Level.PREFECTURE).order_by("path")
        self.fields["area"].label_from_instance = lambda a: f"{'　' * (a.depth - 2)}{a.name}"
        self.fields["parent"].queryset = self.fields["parent"].queryset.select_related("area")
