"""The pillar's landing page: the year's meetings, record books, goals, evaluations and talks."""
from django.db.models import Count, F, Q, Sum
from django.shortcuts import render
from django.utils import timezone

from ali_party.generic import reader_required
from ali_party.scoping import can_write
from ali_party.years import index_year

from .. import selectors
from ..models import (
    EvaluationCampaign, FiveGoals, FollowUp, HeartToHeartTalk, NotEvaluated, OrganizationLifeMeeting,
    RecordBookIssue, Reminder,
)


@reader_required
def index_view(request):
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
