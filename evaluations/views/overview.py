"""The pillar's landing page, the compliance board (who is behind) and the reminders raised."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Sum
from django.shortcuts import render
from django.utils import timezone

from ali_party.generic import ScopedListView
from ali_party.scoping import can_write
from ali_party.years import index_year
from branches.models import PartyOrganization

from .. import selectors
from ..filters import ReminderFilter
from ..models import (
    EvaluationCampaign, FiveGoals, FollowUp, HeartToHeartTalk, NotEvaluated, OrganizationLifeMeeting,
    RecordBookIssue, Reminder,
)
from .common import area_choices, chosen_area, chosen_date, require_reader


@login_required
def index_view(request):
    require_reader(request.user)
    user = request.user
    meetings = OrganizationLifeMeeting.objects.visible_to(user)
    year = index_year(request, meetings, "held_on")
    meetings_year = meetings.filter(held_on__year=year)
    meeting_counts = meetings_year.aggregate(
        total=Count("pk"), nine_ones=Count("pk", filter=Q(kind__is_nine_ones=True)),
        sanhui=Count("pk", filter=Q(kind__is_three_meetings_one_lecture=True)))
    books = RecordBookIssue.objects.visible_to(user).filter(year=year).aggregate(
        n_books=Sum("books"), n_boards=Sum("boards"), total=Sum(F("books") + F("boards")))
    goals = FiveGoals.objects.visible_to(user).filter(year=year).aggregate(
        total=Count("pk"), achieved=Count("pk", filter=Q(has_plan=True, has_bulletin=True, has_records=True,
                                                          has_attendance_register=True, has_notes=True)))
    campaigns = EvaluationCampaign.objects.visible_to(user).filter(year=year).aggregate(
        total=Count("pk"), closed=Count("pk", filter=Q(status=EvaluationCampaign.Status.CLOSED)))
    context = {
        "year": year,
        "meeting_counts": meeting_counts,
        "by_kind": selectors.meetings_by_kind(meetings_year),
        "books": books,
        "goals": goals,
        "campaigns": campaigns,
        "breakdown": selectors.rating_breakdown(selectors.results_visible_to(user, year=year)),
        "not_evaluated": NotEvaluated.objects.visible_to(user).filter(year=year).count(),
        "open_follow_ups": FollowUp.objects.visible_to(user).filter(status=FollowUp.Status.OPEN).count(),
        "talks": HeartToHeartTalk.objects.visible_to(user).filter(held_on__year=year).count(),
        "open_reminders": Reminder.objects.visible_to(user).filter(period_end__gte=timezone.localdate()).count(),
        "can_write": can_write(user),
    }
    return render(request, "evaluations/index.html", context)


@login_required
def compliance_view(request):
    """Who is behind on the required frequencies, for the periods containing the chosen date."""
    require_reader(request.user)
    area = chosen_area(request)
    on = chosen_date(request)
    organizations = PartyOrganization.objects.visible_to(request.user).under(area)
    statuses = selectors.compliance(organizations, on)
    behind = [s for s in statuses if s.behind]
    # Summary per child node (county for the prefecture, township for a county …).
    summary = [(child, len(group), sum(1 for s in group if s.behind)) for child, group in
               area.group_by_child(statuses, path_of=lambda s: s.organization.area.path)]
    page = Paginator(behind, 50).get_page(request.GET.get("page"))
    return render(request, "evaluations/compliance.html", {
        "area": area, "on": on, "page_obj": page, "summary": summary, "required_total": len(statuses),
        "behind_total": len(behind), "areas": area_choices(request.user),
    })


class ReminderListView(ScopedListView):
    model = Reminder
    filterset_class = ReminderFilter
    select_related = ("organization__area",)
    template_name = "evaluations/reminder_list.html"
