"""基本制度's block of an organization's record summary (branches.record_summary)."""
from django.db.models import Count

from ali_party.pillars import Pillar
from branches.record_summary import register

from .models import EvaluationResult, HeartToHeartTalk, OrganizationLifeMeeting, Rating


@register(Pillar.SYSTEMS)
def systems_summary(organization, year: int) -> dict:
    meetings = list(OrganizationLifeMeeting.objects.filter(organization=organization, held_on__year=year)
                    .values("kind__name").annotate(n=Count("pk")).order_by("-n"))
    ratings = dict(EvaluationResult.objects.filter(campaign__organization=organization, year=year)
                   .values_list("rating").annotate(n=Count("pk")))
    talks = HeartToHeartTalk.objects.filter(organization=organization, held_on__year=year).count()
    rating_labels = dict(Rating.choices)
    return {"pillar": "基本制度", "lines": [f"{m['kind__name']} {m['n']} 次" for m in meetings]
            + ["民主评议：" + ("、".join(f"{rating_labels.get(r, r)} {n} 人" for r, n in ratings.items()) or "无")]
            + [f"谈心谈话 {talks} 次"]}
