"""Members' dues profiles: category, base, frequency; the monthly amount shown from the one rule."""
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedCreateView, ScopedListView, ScopedUpdateView
from ali_party.params import parse_id

from .. import selectors
from ..tables import ProfileTable
from ..filters import ProfileFilter
from ..forms import DuesProfileForm
from ..models import DuesProfile
from ..services import profile_create, profile_update

PROFILE_HELP = _("在职党员按月工资收入（税后固定项目）：3000元以下0.5%，3000—5000元1%，5000—10000元1.5%，"
                 "10000元以上2%；离退休党员5000元以下0.5%，以上1%；农牧民党员每月0.2—1元（支部确定）；"
                 "学生、下岗失业、享受低保的党员每月0.2元。自愿多交的不少于应交金额。")


class ProfileListView(ScopedListView):
    table_class = ProfileTable
    model = DuesProfile
    filterset_class = ProfileFilter
    template_name = "dues/profile_list.html"

    def get_queryset(self):
        return selectors.profile_list(user=self.request.user)


class ProfileCreateView(ScopedCreateView):
    model = DuesProfile
    form_class = DuesProfileForm
    service = profile_create
    success_message = _("党费档案已保存。")
    extra_context = {"title": _("新建党费档案"), "help": PROFILE_HELP}

    def get_initial(self):
        initial = super().get_initial()
        member = parse_id(self.request.GET.get("member"))
        if member is not None:
            initial["member"] = member
        return initial

    def get_success_url(self):
        return self.get_default_return_url()


class ProfileUpdateView(ScopedUpdateView):
    model = DuesProfile
    form_class = DuesProfileForm
    service = profile_update
    instance_kwarg = "profile"
    select_related = ("member__organization__area",)
    success_message = _("党费档案已保存。")

    def get_success_url(self):
        return self.get_default_return_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("%(member)s的党费档案") % {"member": self.object.member.name}
        context["help"] = PROFILE_HELP
        return context
