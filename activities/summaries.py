"""基本活动's block of an organization's record summary (branches.record_summary)."""
from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from ali_party.pillars import Pillar
from branches.record_summary import register

from .models import Activity


@register(Pillar.ACTIVITIES)
def activities_summary(organization, year: int) -> dict:
    activities = list(Activity.objects.filter(organization=organization, held_on__year=year)
                      .values("kind__name").annotate(n=Count("pk"), times=Sum("person_times")).order_by("-n"))
    return {"pillar": str(Pillar.ACTIVITIES.label), "lines": [
        _("%(kind)s %(n)d 场（%(times)d 人次）") % {"kind": _(a["kind__name"]), "n": a["n"], "times": a["times"] or 0}
        for a in activities] or [_("本年度无活动记录")]}
