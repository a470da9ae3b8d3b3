"""The early-warning panel of an organization's page: `{% load earlywarning %}{% warning_panel organization %}`
(one query; the branches app's view is not touched)."""
from django import template

from ..selectors import organization_scores
from ..signals import render_detail
from ..tables import LEVEL_BADGE, signal_name

register = template.Library()


@register.inclusion_tag("earlywarning/_organization_panel.html")
def warning_panel(organization):
    scores = organization_scores(organization)
    for score in scores:
        score.badge = LEVEL_BADGE[score.level]
        score.rows = [(signal_name(s["code"]), s["weight"], render_detail(s)) for s in score.signals]
    return {"scores": scores}
