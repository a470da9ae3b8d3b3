"""基本制度's block of an organization's record summary (branches.record_summary)."""
from django.db.models import Count
from django.utils.translation import gettext as _

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
    counted = _("、").join(_("%(rating)s %(n)d 人") % {"rating": rating_labels.get(r, r), "n": n}
                           for r, n in ratings.items())
    return {"pillar": str(Pillar.SYSTEMS.label), "lines": [
        _("%(kind)s %(n)d 次") % {"kind": _(m["kind__name"]), "n": m["n"]} for m in meetings]
        + [_("民主评议：%(ratings)s") % {"ratings": counted or _("无")}]
        + [_("谈心谈话 %(n)d 次") % {"n": talks}]}
