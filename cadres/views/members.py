"""Party members: list, detail, create, edit, delete, and the procedure's actions."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ali_party import member_life
from ali_party.generic import (
    ScopedCreateView,
    ScopedDeleteView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
    get_editable_or_404,
    reader_required,
)

from ..filters import OrganizationTransferFilter, PartyMemberFilter
from ..forms import (
    IdNumberSearchForm,
    PartyMemberForm,
    PartyMemberUpdateForm,
    ProbationCancelForm,
    ProbationExtensionForm,
    StageAdvanceForm,
    TransferForm,
)
from ..models import OrganizationTransfer, PartyMember
from ..selectors import member_list, pipeline_row
from ..services import (
    member_advance,
    member_cancel_probation,
    member_create,
    member_delete,
    member_extend_probation,
    member_transfer,
    member_update,
)
from ..validators import mask_id_number
from ..tables import MemberTable, TransferTable
from .common import RevealMixin, form_action


class MemberListView(ScopedListView):
    model = PartyMember
    filterset_class = PartyMemberFilter
    table_class = MemberTable
    template_name = "cadres/member_list.html"

    def get_queryset(self):
        return member_list(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        context["id_search_form"] = IdNumberSearchForm()
        return context


@login_required
@require_POST
@reader_required
def member_find_view(request):
    """Find a member by the whole ID number (exact match through the lookup hash), in the user's scope.

    POST, not a list filter: the full number never appears in a URL (server logs, browser history,
    Referer headers). Found: to the member's page; not found (or outside the scope): back to the
    list with the number masked."""
    form = IdNumberSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(form.errors["id_number"]))
        return redirect("cadres:member_list")
    number = form.cleaned_data["id_number"]
    member = PartyMember.objects.visible_to(request.user).with_id_number(number).first()
    if member is None:
        messages.warning(request, _("本级管辖范围内未找到身份证号码为 %(masked)s 的人员。") % {
            "masked": mask_id_number(number)})
        return redirect("cadres:member_list")
    return redirect(member)


class MemberDetailView(ScopedDetailView):
    model = PartyMember
    select_related = ("organization__area",)
    template_name = "cadres/member_detail.html"
    context_object_name = "member"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member, today = self.object, timezone.localdate()
        context.update(
            today=today,
            age=member.age_on(today),
            age_band=member.age_band_on(today),
            # The whole life (issue 19, item 5): every app's section of the member's records, in
            # page order, each in a fixed number of queries (ali_party.member_life).
            life=member_life.member_life(member),
            next_step=(pipeline_row(member, today) if member.stage < PartyMember.Stage.FULL
                       and member.status == PartyMember.Status.NORMAL else None),
        )
        return context


class MemberRevealView(RevealMixin, MemberDetailView):
    """POST "查看完整信息" on the member page: full ID number and phone, audited."""


class MemberCreateView(ScopedCreateView):
    model = PartyMember
    form_class = PartyMemberForm
    service = member_create
    success_message = gettext_lazy("党员信息已保存。")
    template_name = "cadres/form.html"
    extra_context = {"title": gettext_lazy("新建党员档案（从入党申请人起）")}


class MemberUpdateView(ScopedUpdateView):
    model = PartyMember
    form_class = PartyMemberUpdateForm
    service = member_update
    instance_kwarg = "member"
    select_related = ("organization__area",)
    success_message = gettext_lazy("党员信息已保存。")
    template_name = "cadres/form.html"
    extra_context = {"title": gettext_lazy("编辑党员信息")}


class MemberDeleteView(ScopedDeleteView):
    model = PartyMember
    service = member_delete
    instance_kwarg = "member"
    select_related = ("organization__area",)
    success_url = reverse_lazy("cadres:member_list")


def _member(request, pk):
    return get_editable_or_404(PartyMember.objects.select_related("organization__area"), request.user, pk=pk)


@login_required
def member_advance_view(request, pk):
    member = _member(request, pk)
    form = StageAdvanceForm(request.POST or None)
    next_label = PartyMember.Stage(min(member.stage + 1, PartyMember.Stage.FULL)).label
    return form_action(
        request, form=form, success=member,
        call=lambda data: member_advance(actor=request.user, member=member, on=data["on"]),
        message=_("已推进到“%s”阶段。") % next_label,
        title=_("%(name)s：推进到“%(stage)s”") % {"name": member.name, "stage": next_label},
        context={"member": member})


@login_required
def member_extend_view(request, pk):
    member = _member(request, pk)
    form = ProbationExtensionForm(request.POST or None)
    return form_action(
        request, form=form, success=member,
        call=lambda data: member_extend_probation(actor=request.user, member=member, months=data["months"]),
        message=_("预备期已延长。"), title=_("%s：延长预备期") % member.name, context={"member": member})


@login_required
def member_cancel_view(request, pk):
    member = _member(request, pk)
    form = ProbationCancelForm(request.POST or None)
    return form_action(
        request, form=form, success=member,
        call=lambda data: member_cancel_probation(actor=request.user, member=member, on=data["on"]),
        message=_("已取消预备党员资格。"), title=_("%s：取消预备党员资格") % member.name,
        context={"member": member})


@login_required
def member_transfer_view(request, pk):
    member = _member(request, pk)
    form = TransferForm(request.POST or None, user=request.user,
                        instance=OrganizationTransfer(member=member, from_organization=member.organization))
    return form_action(
        request, form=form, success=reverse("cadres:member_detail", args=[member.pk]),
        call=lambda data: member_transfer(actor=request.user, member=member, **data),
        message=_("组织关系已转接。"), title=_("%s：组织关系转接") % member.name, context={"member": member})


class TransferListView(ScopedListView):
    model = OrganizationTransfer
    filterset_class = OrganizationTransferFilter
    table_class = TransferTable
    select_related = ("member", "from_organization", "to_organization")
    template_name = "cadres/transfer_list.html"
