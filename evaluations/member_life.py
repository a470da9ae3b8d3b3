"""基本制度's sections of a member's whole-life page (ali_party.member_life): the democratic
evaluation by year (a rating, or why the member took no part), and organization life by year
(the meetings on whose roll the member stood, present or absent, and the heart-to-heart talks the
member held or received)."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy

from ali_party import member_life

from .models import EvaluationResult, HeartToHeartTalk, MeetingAttendance, NotEvaluated


@dataclass
class EvaluationYear:
    year: int
    result: EvaluationResult | None = None
    not_evaluated: NotEvaluated | None = None


def evaluation_years(member) -> list[EvaluationYear]:
    """One row per year with a rating or a 未参加 record, newest first (two queries)."""
    years: dict[int, EvaluationYear] = {}
    for result in (EvaluationResult.objects.filter(member=member)
                   .select_related("campaign__organization", "follow_up")):
        years.setdefault(result.year, EvaluationYear(result.year)).result = result
    for absent in NotEvaluated.objects.filter(member=member).select_related("campaign__organization"):
        years.setdefault(absent.year, EvaluationYear(absent.year)).not_evaluated = absent
    return sorted(years.values(), key=lambda row: row.year, reverse=True)


@dataclass
class LifeYear:
    year: int
    on_roll: int = 0
    present: int = 0
    absent: int = 0
    talks_held: int = 0
    talks_received: int = 0


def organization_life_years(member) -> list[LifeYear]:
    """Per year, newest first: meetings on whose roll (MeetingAttendance) the member stood and how
    many they attended or missed; talks with the member as 谈话人 and as 谈话对象 (three queries)."""
    years: dict[int, LifeYear] = {}
    rolls = (MeetingAttendance.objects.filter(member=member).annotate(y=ExtractYear("meeting__held_on"))
             .values("y").annotate(n=Count("pk"), present=Count("pk", filter=Q(present=True))).order_by())
    for row in rolls:
        line = years.setdefault(row["y"], LifeYear(row["y"]))
        line.on_roll, line.present, line.absent = row["n"], row["present"], row["n"] - row["present"]
    held = (HeartToHeartTalk.objects.filter(initiator=member).annotate(y=ExtractYear("held_on"))
            .values("y").annotate(n=Count("pk")).order_by())
    for row in held:
        years.setdefault(row["y"], LifeYear(row["y"])).talks_held = row["n"]
    received = (HeartToHeartTalk.objects.filter(counterparts=member).annotate(y=ExtractYear("held_on"))
                .values("y").annotate(n=Count("pk", distinct=True)).order_by())
    for row in received:
        years.setdefault(row["y"], LifeYear(row["y"])).talks_received = row["n"]
    return sorted(years.values(), key=lambda row: row.year, reverse=True)


member_life.register(member_life.Section(
    key="evaluations", title=gettext_lazy("民主评议"), order=60, template="evaluations/_member_life.html",
    rows=evaluation_years))

member_life.register(member_life.Section(
    key="organization_life", title=gettext_lazy("组织生活与谈心谈话"), order=62,
    template="evaluations/_member_life_meetings.html", rows=organization_life_years))
