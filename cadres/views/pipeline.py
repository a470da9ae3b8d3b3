"""发展党员: who is due for the next step of the procedure, and what blocks each candidate."""
import datetime

from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.generic import reader_required
from ali_party.scoping import can_write
from ali_party.tables import paginate_table
from ali_party.widgets import DateInput
from branches.models import Area

from ..models import PartyMember
from ..selectors import pipeline
from ..tables import PipelineTable

PIPELINE_STAGES = [(s.value, s.label) for s in PartyMember.Stage if s != PartyMember.Stage.FULL]


class PipelineFilterForm(forms.Form):
    on = forms.DateField(label=_("参照日期"), required=False,
                         widget=DateInput)
    stage = forms.TypedChoiceField(label=_("当前阶段"), required=False, coerce=int,
                                   choices=[("", "---------")] + PIPELINE_STAGES)
    due_within = forms.IntegerField(label=_("若干天内到期(含已到期)"), required=False, min_value=0, max_value=3650)
    county = forms.ModelChoiceField(label=_("县"), queryset=Area.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = Area.objects.visible_to(user).filter(
            level=Area.Level.COUNTY).order_by("path")


@reader_required
def pipeline_view(request):
    form = PipelineFilterForm(request.GET or None, user=request.user)
    options = form.cleaned_data if form.is_valid() else {}
    on: datetime.date = options.get("on") or timezone.localdate()
    rows = pipeline(user=request.user, on=on, stage=options.get("stage") or None,
                    due_within=options.get("due_within"), county=options.get("county"))
    table = PipelineTable(rows)
    paginate_table(request, table)
    return render(request, "cadres/pipeline.html", {
        "filter_form": form, "table": table, "on": on, "can_write": can_write(request.user),
        "total": len(rows), "ready": sum(1 for row in rows if row.is_ready),
    })
