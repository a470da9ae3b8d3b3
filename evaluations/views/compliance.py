"""The compliance board (who is behind on the required frequencies) and the reminders raised."""
from django.shortcuts import render
from django.utils import timezone

from ali_party.areas import area_choices, chosen_area
from ali_party.generic import ScopedListView, reader_required
from ali_party.reminders import reminders_for
from ali_party.tables import paginate_table
from branches.models import PartyOrganization

from .. import selectors
from ..filters import ReminderFilter
from ..models import Reminder
from ..tables import ComplianceTable, ReminderTable
from .common import chosen_date


@reader_required
def compliance_view(request):
    """Who is behind on the required frequencies, for the periods containing the chosen date."""
    area = chosen_area(request)
    on = chosen_date(request)
    organizations = PartyOrganization.objects.visible_to(request.user).under(area)
    statuses = selectors.compliance(organizations, on)
    behind = [s for s in statuses if s.behind]
    # Summary per child node (county for the prefecture, township for a county …).
    summary = [(child, len(group), sum(1 for s in group if s.behind)) for child, group in
               area.group_by_child(statuses, path_of=lambda s: s.organization.area.path)]
    table = ComplianceTable(behind)
    paginate_table(request, table)
    return render(request, "evaluations/compliance.html", {
        "area": area, "on": on, "table": table, "summary": summary, "required_total": len(statuses),
        "behind_total": len(behind), "areas": area_choices(request.user),
    })


class ReminderListView(ScopedListView):
    model = Reminder
    filterset_class = ReminderFilter
    table_class = ReminderTable
    select_related = ("organization__area",)
    template_name = "evaluations/reminder_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # What other pillars compute from their records (terms due for 换届 …), in the user's scope;
        # shown by templates/includes/computed_reminders.html.
        context["computed_reminders"] = reminders_for(self.request.user, timezone.localdate())
        return context
