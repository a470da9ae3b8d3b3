"""National-language (国家通用语言) training sessions."""
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy

from ali_party.generic import (
    ScopedCreateView,
    ScopedDeleteView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
)

from ..filters import LanguageTrainingSessionFilter
from ..forms import LanguageTrainingSessionForm
from ..models import LanguageTrainingSession
from ..selectors import training_list
from ..services import training_create, training_delete, training_update
from ..tables import TrainingTable


class TrainingListView(ScopedListView):
    model = LanguageTrainingSession
    filterset_class = LanguageTrainingSessionFilter
    table_class = TrainingTable
    template_name = "cadres/training_list.html"

    def get_queryset(self):
        return training_list(user=self.request.user)


class TrainingDetailView(ScopedDetailView):
    model = LanguageTrainingSession
    select_related = ("area",)
    template_name = "cadres/training_detail.html"
    context_object_name = "session"


class TrainingCreateView(ScopedCreateView):
    model = LanguageTrainingSession
    form_class = LanguageTrainingSessionForm
    service = training_create
    success_message = gettext_lazy("培训已保存。")
    template_name = "cadres/form.html"
    extra_context = {"title": gettext_lazy("新建国家通用语言培训")}


class TrainingUpdateView(ScopedUpdateView):
    model = LanguageTrainingSession
    form_class = LanguageTrainingSessionForm
    service = training_update
    instance_kwarg = "session"
    select_related = ("area",)
    success_message = gettext_lazy("培训已保存。")
    template_name = "cadres/form.html"
    extra_context = {"title": gettext_lazy("编辑国家通用语言培训")}


class TrainingDeleteView(ScopedDeleteView):
    model = LanguageTrainingSession
    service = training_delete
    instance_kwarg = "session"
    select_related = ("area",)
    success_url = reverse_lazy("cadres:training_list")
