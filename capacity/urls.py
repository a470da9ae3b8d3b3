from django.urls import path
from django.utils.translation import gettext_lazy as _

from ali_party.records import record_urls

from . import filters, forms, models, services
from .views import index, pairings

app_name = "capacity"
urlpatterns = [path("", index.index_view, name="index")]
V = ("village", _("村(社区)"))

urlpatterns += record_urls(
    app=app_name, prefix="pairing", model=models.CoBuildingPairing, form_class=forms.CoBuildingPairingForm,
    filterset_class=filters.CoBuildingPairingFilter, create_service=services.pairing_create,
    update_service=services.pairing_update, instance_kwarg="pairing", title=_("军地共建结对"),
    select_related=("village", "organization"), detail_view=pairings.PairingDetailView,
    columns=[("garrison_unit", _("驻军单位")), V, ("organization", _("结对党支部")),
             ("started_on", _("开始日期")), ("ended_on", _("结束日期"))],
)
urlpatterns += record_urls(
    app=app_name, prefix="screening", model=models.DisputeScreening, form_class=forms.DisputeScreeningForm,
    filterset_class=filters.DisputeScreeningFilter, create_service=services.screening_create,
    update_service=services.screening_update, instance_kwarg="screening", title=_("矛盾纠纷排查"),
    select_related=("village",),
    columns=[("screened_on", _("排查日期")), V, ("disputes_found", _("排查出纠纷数")), ("note", _("备注"))],
)
urlpatterns += record_urls(
    app=app_name, prefix="case", model=models.DisputeCase, form_class=forms.DisputeCaseForm,
    filterset_class=filters.DisputeCaseFilter, create_service=services.dispute_case_create,
    update_service=services.dispute_case_update, instance_kwarg="case", title=_("矛盾纠纷"),
    select_related=("village", "screening", "screening__village"),
    columns=[("found_on", _("发现日期")), V, ("description", _("纠纷简况")), ("handled", _("已调处")),
             ("handled_on", _("调处日期")), ("outcome", _("调处结果"))],
)
urlpatterns += record_urls(
    app=app_name, prefix="demo_village", model=models.CollectiveEconomyDemoVillage,
    form_class=forms.CollectiveEconomyDemoVillageForm, filterset_class=filters.CollectiveEconomyDemoVillageFilter,
    create_service=services.demo_village_create, update_service=services.demo_village_update,
    instance_kwarg="designation", title=_("集体经济示范村"), select_related=("village",),
    columns=[V, ("designated_year", _("命名年度")), ("note", _("主要产业"))],
)
urlpatterns += record_urls(
    app=app_name, prefix="income_team", model=models.IncomeTeam, form_class=forms.IncomeTeamForm,
    filterset_class=filters.IncomeTeamFilter, create_service=services.income_team_create,
    update_service=services.income_team_update, instance_kwarg="team", title=_("党员施工队/创收队"),
    select_related=("village",),
    columns=[("name", _("名称")), ("kind", _("队伍类型")), V, ("members_count", _("成员人数")),
             ("income", _("创收金额(元)")), ("started_on", _("成立日期"))],
)
urlpatterns += record_urls(
    app=app_name, prefix="strong_weak", model=models.StrongWeakPairing, form_class=forms.StrongWeakPairingForm,
    filterset_class=filters.StrongWeakPairingFilter, create_service=services.strong_weak_create,
    update_service=services.strong_weak_update, instance_kwarg="pairing", title=_("强带弱结对"),
    select_related=("strong_village", "weak_village"),
    columns=[("strong_village", _("强村")), ("weak_village", _("弱村")), ("started_on", _("结对日期")),
             ("ended_on", _("结束日期")), ("model_note", _("带动模式"))],
)
urlpatterns += record_urls(
    app=app_name, prefix="ecology_team", model=models.EcologyTeam, form_class=forms.EcologyTeamForm,
    filterset_class=filters.EcologyTeamFilter, create_service=services.ecology_team_create,
    update_service=services.ecology_team_update, instance_kwarg="team", title=_("绿色“五支”队伍"),
    select_related=("village",),
    columns=[("name", _("队伍名称")), V, ("members_count", _("队员人数")), ("started_on", _("组建日期")),
             ("ended_on", _("撤销日期"))],
)
