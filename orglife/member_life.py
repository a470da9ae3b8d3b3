"""组织换届's section of a member's whole-life page (ali_party.member_life): the terms of an
organization's leadership the member was elected to, with the post."""
from django.utils.translation import gettext_lazy

from ali_party import member_life

from .models import TermMember


def terms_elected(member) -> list[TermMember]:
    """The member's places in elected leaderships, earliest term first (one query)."""
    return list(TermMember.objects.filter(member=member).select_related("term__organization")
                .order_by("term__start_date", "pk"))


member_life.register(member_life.Section(
    key="terms", title=gettext_lazy("当选党组织班子成员"), order=85, template="orglife/_member_life.html",
    rows=terms_elected))
