"""The lapse warnings page: read-only, in the user's scope, with the counts per branch on top."""
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedListView

from .. import rules, selectors
from ..filters import LapseWarningFilter
from ..models import LapseWarning
from ..tables import LapseWarningTable


class LapseWarningListView(ScopedListView):
    model = LapseWarning
    filterset_class = LapseWarningFilter
    table_class = LapseWarningTable
    select_related = ("member", "organization__area")
    template_name = "lapse/warning_list.html"
    extra_context = {"title": _("党员连续未参加组织生活、未交纳党费预警"), "levels": rules.LEVELS,
                     "lookback": rules.LOOKBACK_MONTHS}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["branch_counts"] = selectors.counts_by_branch(context["filter"].qs)
        context["computed_on"] = LapseWarning.objects.order_by("-computed_on").values_list(
            "computed_on", flat=True).first()
        return context
