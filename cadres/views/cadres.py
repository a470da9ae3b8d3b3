"""Cadres sent to villages ("六个一"力量, 驻村工作队) and their work logs."""
from django.contrib.auth.decorators import login_required
from django.db.models import Q, Sum
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ali_party.generic import (
    ScopedCreateView,
    ScopedDeleteView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
    get_editable_or_404,
)

from ..filters import SentCadreFilter
from ..forms import CadreWorkLogForm, SentCadreForm
from ..models import CadreWorkLog, SentCadre
from ..selectors import cadre_list
from ..services import cadre_create, cadre_delete, cadre_log_create, cadre_log_delete, cadre_update
from ..tables import CadreTable
from .common import ChildCreateView, RevealMixin, post_delete

Kind = CadreWorkLog.Kind


class CadreListView(ScopedListView):
    model = SentCadre
    filterset_class = SentCadreFilter
    table_class = CadreTable
    template_name = "cadres/cadre_list.html"

    def get_queryset(self):
        return cadre_list(user=self.request.user).annotate(
            problems=Sum("logs__count", filter=Q(logs__kind=Kind.PROBLEM_SOLVED)),
            talks=Sum("logs__count", filter=Q(logs__kind=Kind.POLICY_TALK))).order_by("village__path", "name", "pk")


class CadreDetailView(ScopedDetailView):
    model = SentCadre
    select_related = ("village",)
    template_name = "cadres/cadre_detail.html"
    context_object_name = "cadre"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["logs"] = self.object.logs.all()
        return context


class CadreRevealView(RevealMixin, CadreDetailView):
    """POST "查看完整信息" on the sent cadre's page: full phone, audited."""


class CadreCreateView(ScopedCreateView):
    model = SentCadre
    form_class = SentCadreForm
    service = cadre_create
    success_message = gettext_lazy("驻村干部已保存。")
    template_name = "cadres/form.html"
    extra_context = {"title": gettext_lazy("新建驻村干部")}


class CadreUpdateView(ScopedUpdateView):
    model = SentCadre
    form_class = SentCadreForm
    service = cadre_update
    instance_kwarg = "cadre"
    select_related = ("village",)
    success_message = gettext_lazy("驻村干部已保存。")
    template_name = "cadres/form.html"
    extra_context = {"title": gettext_lazy("编辑驻村干部")}


class CadreDeleteView(ScopedDeleteView):
    model = SentCadre
    service = cadre_delete
    instance_kwarg = "cadre"
    select_related = ("village",)
    success_url = reverse_lazy("cadres:cadre_list")


class CadreLogCreateView(ChildCreateView):
    model = CadreWorkLog
    form_class = CadreWorkLogForm
    parent_model = SentCadre
    parent_kwarg = "cadre"
    parent_select_related = ("village",)
    service = cadre_log_create
    success_message = gettext_lazy("工作记录已保存。")
    title_format = gettext_lazy("%s：新增工作记录")


@login_required
def cadre_log_delete_view(request, pk):
    log = get_editable_or_404(CadreWorkLog.objects.select_related("cadre__village"), request.user, pk=pk)
    return post_delete(request, obj=log, success=log.cadre,
                       call=lambda: cadre_log_delete(actor=request.user, log=log), message=_("工作记录已删除。"))
