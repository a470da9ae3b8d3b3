"""The term reminders of the reminders page (ali_party.reminders): terms due within 6 months, and
terms overdue, in the user's scope."""
from django.utils.translation import gettext as _

from ali_party import reminders

from . import selectors

# The reminders page lists at most this many of each (the full lists: orglife:term_overdue / term_due_soon).
LIMIT = 100


def term_reminders(user, today):
    found = []
    for term, overdue in [*((t, True) for t in selectors.overdue_terms(user, today)[:LIMIT]),
                          *((t, False) for t in selectors.terms_due_soon(user, today)[:LIMIT])]:
        text = (_("任期已于%(date)s届满，应及时换届") if overdue else _("任期将于%(date)s届满，请做好换届准备")) % {
            "date": term.due_on.isoformat()}
        found.append(reminders.Reminder(kind=_("换届"), organization=term.organization, text=text,
                                        due_on=term.due_on, page=term.get_absolute_url(), overdue=overdue))
    return found


reminders.register("orglife.terms", term_reminders)
