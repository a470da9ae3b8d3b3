"""One organization's record across the other five pillars, for its detail page: a fixed handful
of aggregate queries (one per pillar block), whatever the number of records."""
from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum

from .models import PartyOrganization


def organization_record_summary(organization: PartyOrganization, year: int) -> list[dict]:
    from activities.models import Activity
    from cadres.models import PartyMember, TwoCommitteeMember
    from capacity.models import CoBuildingPairing, DisputeCase
    from evaluations.models import EvaluationResult, HeartToHeartTalk, OrganizationLifeMeeting, Rating
    from funding.models import Allocation, Expenditure, VenueUpgrade

    village = organization.area
    stages = dict(PartyMember.objects.filter(organization=organization, status=PartyMember.Status.NORMAL)
                  .values_list("stage").annotate(n=Count("pk")))
    committee = TwoCommitteeMember.objects.filter(village=village, term_end__isnull=True).count()
    activities = list(Activity.objects.filter(organization=organization, held_on__year=year)
                      .values("kind__name").annotate(n=Count("pk"), times=Sum("person_times")).order_by("-n"))
    meetings = list(OrganizationLifeMeeting.objects.filter(organization=organization, held_on__year=year)
                    .values("kind__name").annotate(n=Count("pk")).order_by("-n"))
    ratings = dict(EvaluationResult.objects.filter(campaign__organization=organization, year=year)
                   .values_list("rating").annotate(n=Count("pk")))
    talks = HeartToHeartTalk.objects.filter(organization=organization, held_on__year=year).count()
    disputes = DisputeCase.objects.filter(village=village, found_on__year=year).aggregate(
        found=Count("pk"), handled=Count("pk", filter=Q(handled=True)))
    pairings = CoBuildingPairing.objects.filter(village=village).count()
    # Two queries, not one join: summing allocations across their expenditures would count each
    # allocation once per expenditure.
    allocated = Allocation.objects.filter(village=village, year=year).aggregate(s=Sum("amount"))["s"]
    spent = Expenditure.objects.filter(allocation__village=village, allocation__year=year).aggregate(
        s=Sum("amount"))["s"]
    venue = VenueUpgrade.objects.filter(village=village).first()

    stage_labels = dict(PartyMember.Stage.choices)
    rating_labels = dict(Rating.choices)
    return [
        {"pillar": "基本队伍", "lines": [f"{stage_labels[s]} {n} 人" for s, n in sorted(stages.items())]
         + [f"本村在任“两委”成员 {committee} 人"]},
        {"pillar": "基本活动", "lines": [f"{a['kind__name']} {a['n']} 场（{a['times'] or 0} 人次）" for a in activities]
         or ["本年度无活动记录"]},
        {"pillar": "基本制度", "lines": [f"{m['kind__name']} {m['n']} 次" for m in meetings]
         + ["民主评议：" + ("、".join(f"{rating_labels.get(r, r)} {n} 人" for r, n in ratings.items()) or "无")]
         + [f"谈心谈话 {talks} 次"]},
        {"pillar": "基本能力", "lines": [f"军地共建结对 {pairings} 个",
                                      f"矛盾纠纷：排查出 {disputes['found']} 件，已调处 {disputes['handled']} 件"]},
        {"pillar": "基本保障", "lines": [
            f"本年度拨付 {Decimal(allocated or 0):.2f} 元，已支出 {Decimal(spent or 0):.2f} 元",
            f"活动场所整改：{venue.get_status_display()}，总投入 {venue.total_investment} 元" if venue
            else "活动场所整改：无记录"]},
    ]
