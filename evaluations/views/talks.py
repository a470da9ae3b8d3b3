"""Heart-to-heart talks (谈心谈话)."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedCreateView, ScopedListView, ScopedUpdateView

from ..filters import TalkFilter
from ..forms import TalkForm
from ..models import HeartToHeartTalk
from ..services import talk_create, talk_update
from ..tables import TalkTable


class TalkListView(ScopedListView):
    model = HeartToHeartTalk
    filterset_class = TalkFilter
    table_class = TalkTable
    select_related = ("organization__area", "initiator")
    prefetch_related = ("counterparts",)
    template_name = "evaluations/talk_list.html"


class TalkCreateView(ScopedCreateView):
    model = HeartToHeartTalk
    form_class = TalkForm
    service = talk_create
    success_message = _("谈心谈话已保存。")
    template_name = "evaluations/talk_form.html"
    extra_context = {"title": _("登记谈心谈话")}

    def get_initial(self):
        # ?organization=<pk> narrows the member lists to that organization (see TalkForm).
        return {"organization": self.request.GET.get("organization")}

    def get_success_url(self):
        return reverse("evaluations:talk_list")


class TalkUpdateView(ScopedUpdateView):
    model = HeartToHeartTalk
    form_class = TalkForm
    service = talk_update
    instance_kwarg = "talk"
    success_message = _("谈心谈话已保存。")
    template_name = "evaluations/talk_form.html"
    extra_context = {"title": _("编辑谈心谈话")}

    def get_success_url(self):
        return reverse("evaluations:talk_list")
