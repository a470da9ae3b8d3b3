"""The overdue list: talks not held within a month, approvals not within three months, missing
quarterly reports, 预备期 ended without the branch meeting on 转正."""
from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.generic import reader_required
from ali_party.tables import paginate_table

from ..selectors import OVERDUE_LABELS, overdue_items
from ..tables import OverdueTable


class OverdueFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), required=False,
                             choices=[("", "---------"), *OVERDUE_LABELS.items()])


@reader_required
def overdue_view(request):
    form = OverdueFilterForm(request.GET or None)
    kind = form.cleaned_data.get("kind") or None if form.is_valid() else None
    rows = overdue_items(request.user, timezone.localdate(), kind=kind)
    table = OverdueTable(rows)
    paginate_table(request, table)
    return render(request, "development/overdue.html", {"filter_form": form, "table": table, "total": len(rows)})
