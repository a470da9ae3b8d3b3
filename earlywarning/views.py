"""The ranked list per county, and the weight versions (shown to every reader, changed by the
prefecture's organization department only)."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from ali_party.generic import ReaderRequiredMixin, ScopedListView
from ali_party.views import apply_validation_error
from ali_party.years import shown_year

from . import selectors
from .filters import ScoreFilter
from .forms import WeightSetForm
from .models import OrganizationScore
from .services import can_edit_weights, weight_set_create
from .signals import all_signals
from .tables import ScoreTable, signal_name


class ScoreListView(ScopedListView):
    model = OrganizationScore
    filterset_class = ScoreFilter
    table_class = ScoreTable
    template_name = "earlywarning/score_list.html"

    def get_queryset(self):
        self.year = shown_year(self.request, fallback=selectors.latest_scored_year)
        return selectors.score_list(user=self.request.user, year=self.year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["year"] = self.year
        return context


class WeightSetListView(ReaderRequiredMixin, TemplateView):
    template_name = "earlywarning/weightset_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sets = list(selectors.weight_sets())
        for weight_set in sets:
            weight_set.rows = [(signal_name(w.signal), w.weight) for w in weight_set.weights.all()]
        context.update(weight_sets=sets, can_edit=can_edit_weights(self.request.user), signals=all_signals())
        return context


class WeightSetCreateView(ReaderRequiredMixin, FormView):
    form_class = WeightSetForm
    template_name = "generic/object_form.html"
    extra_context = {"title": _("新建预警权重版本"),
                     "help": _("权重一经使用不再修改：调整时新建一个版本，自起用年度起的预警分按新版本重新计算。")}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_edit_weights(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["return_url"] = self.success_url()
        return context

    def success_url(self):
        from django.urls import reverse

        return reverse("earlywarning:weightset_list")

    def form_valid(self, form):
        try:
            weight_set = weight_set_create(actor=self.request.user, **form.service_kwargs())
        except ValidationError as error:
            apply_validation_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("预警权重第%(version)s版已保存，相关年度的预警分将重新计算。")
                         % {"version": weight_set.version})
        return redirect(self.success_url())
