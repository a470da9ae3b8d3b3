"""The lapse reminders of the reminders page (ali_party.reminders), from the snapshot: one per member
at 3 or 5 consecutive months (both kinds in one text)."""
from django.db.models import Count
from django.utils.translation import gettext as _

from ali_party import reminders

from . import rules
from .models import LapseWarning

# The reminders page lists at most this many members (the full list: lapse:warning_list).
LIMIT = 100


def _text(warnings) -> str:
    parts = [_("连续%(n)s个月%(kind)s") % {"n": w.months, "kind": w.get_kind_display()} for w in warnings]
    return _("%(parts)s，请支部及时了解情况") % {"parts": _("；").join(parts)}


def lapse_reminders(user, today):
    rows = list(LapseWarning.objects.visible_to(user).select_related("member", "organization__area")
                .order_by("-months", "member_id", "kind")[:LIMIT * 2])
    by_member: dict[int, list] = {}
    for warning in rows:
        by_member.setdefault(warning.member_id, []).append(warning)
    found = []
    for warnings in list(by_member.values())[:LIMIT]:
        first = warnings[0]
        text = _("%(member)s：%(rest)s") % {"member": first.member.name, "rest": _text(warnings)}
        longest = max(w.months for w in warnings)
        found.append(reminders.Reminder(
            kind=_("连续未参加组织生活或未交纳党费"), organization=first.organization, text=text, due_on=first.computed_on,
            page=first.member.get_absolute_url(), overdue=rules.level(longest) >= rules.LEVELS[-1]))
    return found


def lapse_counts(user, today):
    members = LapseWarning.objects.visible_to(user).aggregate(n=Count("member_id", distinct=True))["n"]
    return {_("连续未参加组织生活或未交纳党费"): members or 0}


reminders.register("lapse.warnings", lapse_reminders, count=lapse_counts)
