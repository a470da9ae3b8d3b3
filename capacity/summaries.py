"""基本能力's block of an organization's record summary (branches.record_summary)."""
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from ali_party.pillars import Pillar
from branches.record_summary import register

from .models import CoBuildingPairing, DisputeCase


@register(Pillar.CAPACITY)
def capacity_summary(organization, year: int) -> dict:
    village = organization.area
    disputes = DisputeCase.objects.filter(village=village, found_on__year=year).aggregate(
        found=Count("pk"), handled=Count("pk", filter=Q(handled=True)))
    pairings = CoBuildingPairing.objects.filter(village=village).count()
    return {"pillar": str(Pillar.CAPACITY.label), "lines": [
        _("军地共建结对 %(n)d 个") % {"n": pairings},
        _("矛盾纠纷：排查出 %(found)d 件，已调处 %(handled)d 件") % disputes]}
