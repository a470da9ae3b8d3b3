"""Hardship reliefs: the branch asks, the level above approves or refuses."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedCreateView, ScopedListView, ScopedUpdateView

from .. import selectors
from ..tables import ReliefTable
from ..filters import ReliefFilter
from ..forms import ReliefDecisionForm, ReliefRequestForm
from ..models import DuesRelief
from ..services import may_decide, relief_decide, relief_request


class ReliefListView(ScopedListView):
    table_class = ReliefTable
    model = DuesRelief
    filterset_class = ReliefFilter
    template_name = "dues/relief_list.html"

    def get_queryset(self):
        return selectors.relief_list(user=self.request.user)


class ReliefCreateView(ScopedCreateView):
    model = DuesRelief
    form_class = ReliefRequestForm
    service = relief_request
    success_message = _("减免申请已提交，待上一级审批。")
    extra_context = {"title": _("申请减免党费"),
                     "help": _("对经济确有困难的党员，经支部研究、报上一级党组织批准，可以减交或免交党费。"
                               "起止月份按当月1日填写。")}

    def get_success_url(self):
        return reverse("dues:relief_list")


class ReliefDecideView(ScopedUpdateView):
    model = DuesRelief
    form_class = ReliefDecisionForm
    service = relief_decide
    instance_kwarg = "relief"
    select_related = ("member__organization__area", "requested_by")
    success_message = _("减免申请已审批。")

    def get_success_url(self):
        return reverse("dues:relief_list")

    def get_default_return_url(self):
        return reverse("dues:relief_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        relief = self.object
        context["title"] = _("审批减免申请：%(relief)s") % {"relief": relief}
        lines = [_("困难情况：%(reason)s") % {"reason": relief.reason},
                 _("申请人：%(user)s，%(at)s") % {"user": relief.requested_by, "at": f"{relief.requested_at:%Y-%m-%d}"}]
        if relief.status != DuesRelief.Status.REQUESTED:
            lines.append(_("该申请已审批（%(status)s），不能重复审批。") % {"status": relief.get_status_display()})
        elif not may_decide(self.request.user, relief):
            lines.append(_("减免须由支部的上一级党组织审批，您不能审批本级或自己提出的申请。"))
        context["help"] = "；".join(str(line) for line in lines)
        return context
