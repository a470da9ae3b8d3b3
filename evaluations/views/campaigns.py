"""民主评议党员: campaigns, results, members not evaluated, follow-ups and the rating summary."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ali_party.areas import area_choices, chosen_area
from ali_party.generic import (
    NestedCreateView, ScopedCreateView, ScopedDetailView, ScopedListView, ScopedUpdateView, get_editable_or_404,
    get_return_url, reader_required, safe_return_url,
)
from ali_party.views import apply_validation_error

from .. import selectors
from ..filters import CampaignFilter, FollowUpFilter
from ..forms import CampaignForm, FollowUpForm, NotEvaluatedForm, ReopenForm, ResultForm, ResultUpdateForm
from ..models import EvaluationCampaign, EvaluationResult, FollowUp, NotEvaluated, Rating
from ..services import (
    campaign_close, campaign_create, campaign_reopen, followup_update, not_evaluated_create, not_evaluated_delete,
    result_create, result_delete, result_update,
)
from ..tables import CampaignTable, FollowUpTable
from .common import chosen_year


class CampaignListView(ScopedListView):
    model = EvaluationCampaign
    filterset_class = CampaignFilter
    table_class = CampaignTable
    template_name = "evaluations/campaign_list.html"

    def get_queryset(self):
        return selectors.campaign_list(user=self.request.user)


class CampaignDetailView(ScopedDetailView):
    model = EvaluationCampaign
    select_related = ("organization__area", "closed_by")
    template_name = "evaluations/campaign_detail.html"
    context_object_name = "campaign"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        context["results"] = campaign.results.select_related("member", "follow_up")
        context["not_evaluated"] = campaign.not_evaluated.select_related("member")
        context["reopenings"] = campaign.reopenings.select_related("reopened_by")
        context["breakdown"] = selectors.rating_breakdown(campaign.results.all())
        return context


class CampaignCreateView(ScopedCreateView):
    model = EvaluationCampaign
    form_class = CampaignForm
    service = campaign_create
    success_message = gettext_lazy("民主评议活动已建立。")
    template_name = "evaluations/form.html"
    extra_context = {"title": gettext_lazy("新建民主评议活动")}


def _campaign_form_view(request, back, form, service, title, service_kwargs):
    """GET/POST of a small form whose valid data goes to `service`; then back to the campaign (or to a
    safe ?return_url=)."""
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, **service_kwargs, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("已保存。"))
            return redirect(safe_return_url(request) or back)
    return render(request, "evaluations/form.html", {"form": form, "title": title, "campaign": back,
                                                     "return_url": get_return_url(request, back)})


class _CampaignChildCreateView(NestedCreateView):
    """A row under a campaign (a result, a member not evaluated): the form's member choices are the
    campaign organization's members; back to the campaign."""

    parent_model = EvaluationCampaign
    parent_kwarg = "campaign"
    parent_url_kwarg = "pk"
    parent_select_related = ("organization__area",)
    parent_form_kwarg = "campaign"
    template_name = "evaluations/form.html"
    title_format = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        del kwargs["user"], kwargs["instance"]  # a plain Form, not a ScopedModelForm
        return kwargs

    def get_context_data(self, **kwargs):
        kwargs.setdefault("title", self.title_format % self.parent)
        kwargs["campaign"] = self.parent
        return super().get_context_data(**kwargs)


class ResultCreateView(_CampaignChildCreateView):
    form_class = ResultForm
    service = result_create
    title_format = gettext_lazy("%s：登记评议结果")


@login_required
def result_update_view(request, pk):
    result = get_editable_or_404(
        EvaluationResult.objects.select_related("campaign__organization__area", "member"), request.user, pk=pk)
    form = ResultUpdateForm(request.POST or None, campaign=result.campaign,
                            initial={"rating": result.rating, "note": result.note})
    return _campaign_form_view(request, result.campaign, form, result_update,
                               _("修改评议结果：%s") % result.member, {"result": result})


@login_required
@require_POST
def result_delete_view(request, pk):
    result = get_editable_or_404(EvaluationResult.objects.select_related("campaign"), request.user, pk=pk)
    try:
        result_delete(actor=request.user, result=result)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("评议结果已删除。"))
    return redirect(result.campaign)


class NotEvaluatedCreateView(_CampaignChildCreateView):
    form_class = NotEvaluatedForm
    service = not_evaluated_create
    title_format = gettext_lazy("%s：登记未参加评议党员")


@login_required
@require_POST
def not_evaluated_delete_view(request, pk):
    entry = get_editable_or_404(NotEvaluated.objects.select_related("campaign"), request.user, pk=pk)
    try:
        not_evaluated_delete(actor=request.user, entry=entry)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("已删除。"))
    return redirect(entry.campaign)


@login_required
def campaign_close_view(request, pk):
    """GET asks once more (the results are locked once it is ended); POST ends the campaign."""
    campaign = get_editable_or_404(EvaluationCampaign.objects.select_related("organization__area"),
                                   request.user, pk=pk)
    if request.method != "POST":
        return render(request, "evaluations/campaign_close_confirm.html",
                      {"object": campaign, "return_url": campaign.get_absolute_url()})
    try:
        campaign_close(actor=request.user, campaign=campaign)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("民主评议已结束，结果已锁定。"))
    return redirect(campaign)


@login_required
def campaign_reopen_view(request, pk):
    campaign = get_editable_or_404(EvaluationCampaign.objects.select_related("organization__area"),
                                   request.user, pk=pk)
    form = ReopenForm(request.POST or None)
    return _campaign_form_view(request, campaign, form, campaign_reopen, _("重新开启：%s") % campaign,
                               {"campaign": campaign})


class FollowUpListView(ScopedListView):
    model = FollowUp
    filterset_class = FollowUpFilter
    table_class = FollowUpTable
    select_related = ("result__member", "result__campaign__organization__area")
    template_name = "evaluations/followup_list.html"


class FollowUpUpdateView(ScopedUpdateView):
    model = FollowUp
    form_class = FollowUpForm
    service = followup_update
    instance_kwarg = "follow_up"
    select_related = ("result__member", "result__campaign__organization__area")
    template_name = "evaluations/form.html"
    extra_context = {"title": gettext_lazy("组织处置")}

    def get_success_url(self):
        return reverse("evaluations:followup_list")


@reader_required
def rating_summary_view(request):
    """Rating shares (two decimals, counts and denominator) for a year at a node, and per child node."""
    area = chosen_area(request)
    year = chosen_year(request, default=EvaluationResult.objects.visible_to(request.user)
                       .order_by("-year").values_list("year", flat=True).first())
    results = selectors.results_visible_to(request.user, year=year, area=area)
    breakdown = selectors.rating_breakdown(results)
    child_rows = [{"area": child, "total": b.total, "shares": [(s.count, s.percent) for s in b.shares],
                   "warn": b.excellent_above_one_third}
                  for child, b in selectors.rating_breakdown_by_child(results, area)]
    return render(request, "evaluations/rating_summary.html", {
        "area": area, "year": year, "breakdown": breakdown, "child_rows": child_rows, "ratings": Rating,
        "areas": area_choices(request.user),
    })
