from ali_party.generic import ScopedModelForm, VillageChoicesMixin
from ali_party.pickers import picker_narrow
from ali_party.widgets import DateInput

from .models import (
    CoBuildingPairing, CollectiveEconomyDemoVillage, DisputeCase, DisputeScreening, EcologyTeam,
    IncomeTeam, StrongWeakPairing,
)


class _VillageForm(VillageChoicesMixin, ScopedModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_villages()


class CoBuildingPairingForm(_VillageForm):
    class Meta:
        model = CoBuildingPairing
        fields = ["village", "organization", "garrison_unit", "started_on", "ended_on", "note"]
        widgets = {"started_on": DateInput, "ended_on": DateInput}


class DisputeScreeningForm(_VillageForm):
    class Meta:
        model = DisputeScreening
        fields = ["village", "screened_on", "disputes_found", "note"]
        widgets = {"screened_on": DateInput}


class DisputeCaseForm(_VillageForm):
    class Meta:
        model = DisputeCase
        fields = ["village", "screening", "found_on", "description", "handling", "handled", "handled_on", "outcome"]
        widgets = {"found_on": DateInput, "handled_on": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        picker_narrow(self.fields["screening"], village="village")


class CollectiveEconomyDemoVillageForm(_VillageForm):
    class Meta:
        model = CollectiveEconomyDemoVillage
        fields = ["village", "designated_year", "note"]


class IncomeTeamForm(_VillageForm):
    class Meta:
        model = IncomeTeam
        fields = ["village", "kind", "name", "members_count", "income", "started_on", "ended_on"]
        widgets = {"started_on": DateInput, "ended_on": DateInput}


class StrongWeakPairingForm(_VillageForm):
    village_fields = ("strong_village", "weak_village")

    class Meta:
        model = StrongWeakPairing
        fields = ["strong_village", "weak_village", "started_on", "ended_on", "model_note"]
        widgets = {"started_on": DateInput, "ended_on": DateInput}


class EcologyTeamForm(_VillageForm):
    class Meta:
        model = EcologyTeam
        fields = ["village", "name", "members_count", "started_on", "ended_on"]
        widgets = {"started_on": DateInput, "ended_on": DateInput}
