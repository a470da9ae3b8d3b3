"""The development reminders of the reminders page (ali_party.reminders): the same overdue items as
the overdue list (development.selectors.overdue_items), in the user's scope."""
from django.urls import reverse
from django.utils.translation import gettext as _

from ali_party import reminders

from .selectors import overdue_items

# The reminders page lists at most this many (the full list: development:overdue).
LIMIT = 100


def development_reminders(user, today):
    found = []
    for item in overdue_items(user, today)[:LIMIT]:
        found.append(reminders.Reminder(
            kind=_("发展党员"), organization=item.member.organization,
            text=_("%(name)s：%(text)s") % {"name": item.member.name, "text": item.text}, due_on=item.due_on,
            page=reverse("development:member_record", args=[item.member.pk]), overdue=True))
    return found


def development_counts(user, today):
    return {_("发展党员"): len(overdue_items(user, today))}


reminders.register("development.overdue", development_reminders, count=development_counts)
