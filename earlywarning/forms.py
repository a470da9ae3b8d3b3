from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.years import MAX_YEAR, MIN_YEAR

from . import defaults
from .models import MAX_WEIGHT, WeightSet
from .signals import all_signals

PREFIX = "weight_"


class WeightSetForm(forms.Form):
    """A new version of the weights, prefilled from the newest one (a signal it lacks: its default)."""

    valid_from = forms.IntegerField(label=_("起用年度"), min_value=MIN_YEAR, max_value=MAX_YEAR,
                                    help_text=_("本版本自该年度起适用；此前年度的预警分不变。"))
    watch_from = forms.IntegerField(label=_("关注起点分"), min_value=1, max_value=1000)
    warning_from = forms.IntegerField(label=_("预警起点分"), min_value=1, max_value=1000)
    note = forms.CharField(label=_("调整说明"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = WeightSet.objects.order_by("-version").first()
        weights = dict(current.weights.values_list("signal", "weight")) if current else {}
        self.fields["valid_from"].initial = timezone.localdate().year
        self.fields["watch_from"].initial = current.watch_from if current else defaults.WATCH_FROM
        self.fields["warning_from"].initial = current.warning_from if current else defaults.WARNING_FROM
        for signal in all_signals():
            self.fields[PREFIX + signal.code] = forms.IntegerField(
                label=signal.name, min_value=0, max_value=MAX_WEIGHT,
                initial=weights.get(signal.code, signal.default_weight))

    def clean(self):
        data = super().clean()
        watch, warning = data.get("watch_from"), data.get("warning_from")
        if watch and warning and warning <= watch:
            self.add_error("warning_from", _("预警起点分必须高于关注起点分。"))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"valid_from": data["valid_from"], "watch_from": data["watch_from"],
                "warning_from": data["warning_from"], "note": data["note"],
                "weights": {s.code: data[PREFIX + s.code] for s in all_signals()}}
