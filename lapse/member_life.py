"""The member page's lapse section (ali_party.member_life): the member's current warnings, if any."""
from django.utils.translation import gettext_lazy as _

from ali_party import member_life

from .selectors import member_warnings

member_life.register(member_life.Section(
    key="lapse", title=_("组织生活和党费连续月数提醒"), order=90, template="lapse/_member_life.html",
    rows=member_warnings))
