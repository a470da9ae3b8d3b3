"""基本活动's section of a member's whole-life page (ali_party.member_life): the activities that
name the member among their attendees (Activity.attendees, optional on each activity), counted
per year and kind."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy

from ali_party import member_life

from .models import Activity


@dataclass
class ActivityYear:
    year: int
    total: int = 0
    kinds: list[tuple[str, int]] = field(default_factory=list)  # (kind's name, activities)


def activities_attended(member) -> list[ActivityYear]:
    """Per year, newest first: how many activities name the member as an attendee, by kind (one query)."""
    years: dict[int, ActivityYear] = {}
    rows = (Activity.objects.filter(attendees=member).annotate(y=ExtractYear("held_on"))
            .values("y", "kind__name", "kind__order").annotate(n=Count("pk", distinct=True))
            .order_by("-y", "kind__order", "kind__name"))
    for row in rows:
        line = years.setdefault(row["y"], ActivityYear(row["y"]))
        line.total += row["n"]
        line.kinds.append((gettext(row["kind__name"]), row["n"]))
    return list(years.values())


member_life.register(member_life.Section(
    key="activities", title=gettext_lazy("参加活动"), order=64, template="activities/_member_life.html",
    rows=activities_attended))
