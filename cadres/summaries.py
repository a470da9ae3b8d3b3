"""基本队伍's block of an organization's record summary (branches.record_summary)."""
from django.db.models import Count
from django.utils.translation import gettext as _

from ali_party.pillars import Pillar
from branches.record_summary import register

from .models import PartyMember, TwoCommitteeMember


@register(Pillar.PERSONNEL)
def personnel_summary(organization, year: int) -> dict:
    stages = dict(PartyMember.objects.filter(organization=organization, status=PartyMember.Status.NORMAL)
                  .values_list("stage").annotate(n=Count("pk")))
    committee = TwoCommitteeMember.objects.filter(village=organization.area, term_end__isnull=True).count()
    stage_labels = dict(PartyMember.Stage.choices)
    return {"pillar": str(Pillar.PERSONNEL.label), "lines": [
        _("%(stage)s %(n)d 人") % {"stage": stage_labels[s], "n": n} for s, n in sorted(stages.items())]
        + [_("本村在任“两委”成员 %(n)d 人") % {"n": committee}]}
