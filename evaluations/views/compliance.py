"""The compliance board (who is behind on the required frequencies) and the reminders raised."""
from django.shortcuts import render

from ali_party.generic import ScopedListView, reader_required
from ali_party.tables import paginate_table
from branches.models import PartyOrganization

from .. import selectors
from ..filters import ReminderFilter
from ..models import Reminder
from ..tables import ComplianceTable, ReminderTable
from .common import area_choices, chosen_area, chosen_date


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
