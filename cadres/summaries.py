"""基本队伍's block of an organization's record summary (branches.record_summary)."""
from django.db.models import Count

from ali_party.pillars import Pillar
from branches.record_summary import register

from .models import PartyMember, TwoCommitteeMember


@register(Pillar.PERSONNEL)
def personnel_summary(organization, year: int) -> dict:
    stages = dict(PartyMember.objects.filter(organization=organization, status=PartyMember.Status.NORMAL)
                  .values_list("stage").annotate(n=Count("pk")))
    committee = TwoCommitteeMember.objects.filter(village=organization.area, term_end__isnull=True).count()
    stage_labels = dict(PartyMember.Stage.choices)
    return {"pillar": "基本队伍", "lines": [f"{stage_labels[s]} {n} 人" for s, n in sorted(stages.items())]
            + [f"本村在任“两委”成员 {committee} 人"]}
