"""The member page's section of floating periods and lost-contact cases (ali_party.member_life)."""
from django.utils.translation import gettext_lazy as _

from ali_party import member_life

from .selectors import member_periods

member_life.register(member_life.Section(
    key="mobility", title=_("外出流动和失联"), order=30, template="mobility/_member_life.html",
    rows=member_periods))
