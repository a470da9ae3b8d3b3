from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedModelForm
from ali_party.pickers import picker_params
from ali_party.widgets import DateInput
from branches.models import Area

from .models import (
    Allocation, CollectiveEconomyProject, Expenditure, FundPurpose, FundSource, TownshipAccount,
    VenueUpgrade, VillageLedger,
)



def _limit_level(form, name: str, level: str) -> None:
    field = form.fields[name]
    field.queryset = field.queryset.filter(level=level).order_by("path")
    picker_params(field, level=level)


def _active_or_current(form, name: str, model) -> None:
    """Catalogue choices: active entries, plus the one already chosen on an edited record."""
    current = getattr(form.instance, f"{name}_id", None)
    form.fields[name].queryset = model.objects.filter(Q(is_active=True) | Q(pk=current))


class AllocationForm(ScopedModelForm):
    class Meta:
        model = Allocation
        fields = ["year", "source", "purpose", "amount", "village", "project", "document_no", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_level(self, "village", Area.Level.VILLAGE)
        self.fields["village"].required = False
        self.fields["village"].help_text = _("拨给集体经济项目时可不填，自动取项目所在村。")
        _active_or_current(self, "source", FundSource)
        _active_or_current(self, "purpose", FundPurpose)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("village") and not cleaned.get("project") and "village" not in self.errors:
            self.add_error("village", _("请选择受援村(社区)或集体经济项目。"))
        return cleaned

    def _post_clean(self):
        # The village may come from the project; the service fills it in and validates the model.
        if self.cleaned_data.get("village") is None and self.cleaned_data.get("project") is not None:
            self.cleaned_data["village"] = self.cleaned_data["project"].village
        super()._post_clean()


class ExpenditureForm(ScopedModelForm):
    class Meta:
        model = Expenditure
        fields = ["allocation", "purpose", "spent_on", "amount", "voucher_no", "description"]
        widgets = {"spent_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _active_or_current(self, "purpose", FundPurpose)


class TownshipAccountForm(ScopedModelForm):
    class Meta:
        model = TownshipAccount
        fields = ["township", "bank", "account_number", "opened_on", "bookkeeper"]
        widgets = {"opened_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_level(self, "township", Area.Level.TOWNSHIP)


class VillageLedgerForm(ScopedModelForm):
    class Meta:
        model = VillageLedger
        fields = ["village", "opened_on"]
        widgets = {"opened_on": DateInput}

    def __init__(self, *args, account: TownshipAccount, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.account = account
        _limit_level(self, "village", Area.Level.VILLAGE)
        self.fields["village"].queryset = self.fields["village"].queryset.filter(
            path__startswith=account.township.path, funding_ledger__isnull=True)
        picker_params(self.fields["village"], under=account.township)


class VenueUpgradeForm(ScopedModelForm):
    class Meta:
        model = VenueUpgrade
        fields = ["village", "prefecture_allocation", "total_investment", "status", "completed_on",
                  "is_demonstration", "note"]
        widgets = {"completed_on": DateInput, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_level(self, "village", Area.Level.VILLAGE)


class CollectiveEconomyProjectForm(ScopedModelForm):
    class Meta:
        model = CollectiveEconomyProject
        fields = ["name", "village", "start_year", "end_year", "central_support_funds", "other_funds",
                  "status", "income_generated", "households_benefiting", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_level(self, "village", Area.Level.VILLAGE)
