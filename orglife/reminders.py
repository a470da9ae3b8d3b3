"""The reminders of the reminders page (ali_party.reminders), in the user's scope: terms due within 6
months and terms overdue; appraisal rectifications past their deadline, and from February on the
organizations whose secretary has no 述职评议考核 for last year."""
from datetime import date

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


def term_counts(user, today):
    return {_("换届"): selectors.overdue_terms(user, today).count() + selectors.terms_due_soon(user, today).count()}


reminders.register("orglife.terms", term_reminders, count=term_counts)


# The 述职评议考核 of a year is held from its November to the end of the following January; from
# February on an organization still without one is reminded.
APPRAISAL_REMINDER_MONTH = 2


def appraisal_reminders(user, today):
    found = []
    for appraisal in selectors.overdue_follow_ups(user, today)[:LIMIT]:
        found.append(reminders.Reminder(
            kind=_("述职评议整改"), organization=appraisal.organization, overdue=True,
            text=_("%(year)s年度述职评议考核为“%(grade)s”，整改期限%(date)s已过，尚未完成整改") % {
                "year": appraisal.year, "grade": appraisal.get_grade_display(),
                "date": appraisal.rectification_deadline.isoformat()},
            due_on=appraisal.rectification_deadline, page=appraisal.get_absolute_url()))
    if today.month >= APPRAISAL_REMINDER_MONTH:
        year = today.year - 1
        due_on = date(today.year, APPRAISAL_REMINDER_MONTH, 1)
        for organization in selectors.organizations_without_appraisal(user, year)[:LIMIT]:
            found.append(reminders.Reminder(
                kind=_("述职评议"), organization=organization, overdue=True, due_on=due_on,
                text=_("尚未登记%(year)s年度书记抓基层党建工作述职评议考核") % {"year": year},
                page=organization.get_absolute_url()))
    return found


def appraisal_counts(user, today):
    without = (selectors.organizations_without_appraisal(user, today.year - 1).count()
               if today.month >= APPRAISAL_REMINDER_MONTH else 0)
    return {_("述职评议整改"): selectors.overdue_follow_ups(user, today).count(), _("述职评议"): without}


reminders.register("orglife.appraisals", appraisal_reminders, count=appraisal_counts)
