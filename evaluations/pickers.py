"""The result forms' restriction on the member picker: `campaign=<pk>` offers the members that
campaign accepts (models.members_in_campaign), the campaign looked up in the user's scope."""
from ali_party.pickers import Param, add_param, parse_pk

from .models import EvaluationCampaign, members_in_campaign


def _in_campaign(queryset, pk, user):
    campaign = EvaluationCampaign.objects.visible_to(user).filter(pk=pk).first()
    if campaign is None:
        return queryset.none()
    return queryset.filter(pk__in=members_in_campaign(campaign).values("pk"))


add_param("members", "campaign", Param(parse_pk, _in_campaign))
