from django.urls import path
from django.utils.translation import gettext_lazy as _

from ali_party.records import record_urls

from . import filters, forms, models, services, tables
from .views import index, pairings

app_name = "capacity"
urlpatterns = [path("", index.index_view, name="index")]

urlpatterns += record_urls(
    app=app_name, prefix="pairing", model=models.CoBuildingPairing, form_class=forms.CoBuildingPairingForm,
    filterset_class=filters.CoBuildingPairingFilter, create_service=services.pairing_create,
    update_service=services.pairing_update, instance_kwarg="pairing", title=_("军地共建结对"),
    select_related=("village", "organization"), detail_view=pairings.PairingDetailView,
    table_class=tables.CoBuildingPairingTable,
)
urlpatterns += record_urls(
    app=app_name, prefix="screening", model=models.DisputeScreening, form_class=forms.DisputeScreeningForm,
    filterset_class=filters.DisputeScreeningFilter, create_service=services.screening_create,
    update_service=services.screening_update, instance_kwarg="screening", title=_("矛盾纠纷排查"),
    select_related=("village",),
    table_class=tables.DisputeScreeningTable,
)
urlpatterns += record_urls(
    app=app_name, prefix="case", model=models.DisputeCase, form_class=forms.DisputeCaseForm,
    filterset_class=filters.DisputeCaseFilter, create_service=services.dispute_case_create,
    update_service=services.dispute_case_update, instance_kwarg="case", title=_("矛盾纠纷"),
    select_related=("village", "screening", "screening__village"),
    table_class=tables.DisputeCaseTable,
)
urlpatterns += record_urls(
    app=app_name, prefix="demo_village", model=models.CollectiveEconomyDemoVillage,
    form_class=forms.CollectiveEconomyDemoVillageForm, filterset_class=filters.CollectiveEconomyDemoVillageFilter,
    create_service=services.demo_village_create, update_service=services.demo_village_update,
    instance_kwarg="designation", title=_("集体经济示范村"), select_related=("village",),
    table_class=tables.DemoVillageTable,
)
urlpatterns += record_urls(
    app=app_name, prefix="income_team", model=models.IncomeTeam, form_class=forms.IncomeTeamForm,
    filterset_class=filters.IncomeTeamFilter, create_service=services.income_team_create,
    update_service=services.income_team_update, instance_kwarg="team", title=_("党员施工队/创收队"),
    select_related=("village",),
    table_class=tables.IncomeTeamTable,
)
urlpatterns += record_urls(
    app=app_name, prefix="strong_weak", model=models.StrongWeakPairing, form_class=forms.StrongWeakPairingForm,
    filterset_class=filters.StrongWeakPairingFilter, create_service=services.strong_weak_create,
    update_service=services.strong_weak_update, instance_kwarg="pairing", title=_("强带弱结对"),
    select_related=("strong_village", "weak_village"),
    table_class=tables.StrongWeakPairingTable,
)
urlpatterns += record_urls(
    app=app_name, prefix="ecology_team", model=models.EcologyTeam, form_class=forms.EcologyTeamForm,
    filterset_class=filters.EcologyTeamFilter, create_service=services.ecology_team_create,
    update_service=services.ecology_team_update, instance_kwarg="team", title=_("绿色“五支”队伍"),
    select_related=("village",),
    table_class=tables.EcologyTeamTable,
)
