"""The reminders of 流动党员 and 失联党员 (ali_party.reminders), in the user's scope: members out more
than six months at a fixed place (the organization relation should be transferred), members who will
be out six months at a fixed place within a month, and the lost-contact cases still open."""
from django.utils.translation import gettext as _

from ali_party import reminders

from . import selectors

# The reminders page lists at most this many of each (the full lists are the app's pages).
LIMIT = 100


def mobility_reminders(user, today):
    found = []
    for period in selectors.transfer_due(user, today)[:LIMIT]:
        found.append(reminders.Reminder(
            kind=_("流动党员"), organization=period.member.organization, overdue=True,
            text=_("%(name)s外出已超过6个月且有固定住所或工作单位，应转移组织关系") % {"name": period.member.name},
            due_on=period.transfer_due_on(), page=period.get_absolute_url()))
    for period in selectors.reaching_six_months(user, today)[:LIMIT]:
        found.append(reminders.Reminder(
            kind=_("流动党员"), organization=period.member.organization,
            text=_("%(name)s外出将于%(date)s满6个月，届时应转移组织关系") % {
                "name": period.member.name, "date": period.transfer_due_on().isoformat()},
            due_on=period.transfer_due_on(), page=period.get_absolute_url()))
    for case in selectors.open_lost_contacts(user)[:LIMIT]:
        found.append(reminders.Reminder(
            kind=_("失联党员"), organization=case.member.organization, overdue=True,
            text=_("%(name)s自%(date)s失去联系，请继续查找联系") % {
                "name": case.member.name, "date": case.lost_since.isoformat()},
            due_on=case.lost_since, page=case.get_absolute_url()))
    return found


def mobility_counts(user, today):
    return {_("流动党员"): (selectors.transfer_due(user, today).count()
                        + selectors.reaching_six_months(user, today).count()),
            _("失联党员"): selectors.open_lost_contacts(user).count()}


reminders.register("mobility.floating_and_lost", mobility_reminders, count=mobility_counts)
