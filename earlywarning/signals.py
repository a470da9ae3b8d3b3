"""The signals of 软弱涣散 (weak and lax) that the early-warning score adds up, one declared list.

A signal has a code, a name, its default weight (earlywarning.defaults) and `compute(year)`, which
returns {organization_id: Detail (a message and its parameters)} for the organizations in which
the records show the signal in that year. Each compute is one query (or a few) whatever the number of organizations. A year is
read as of its 31 December, or today for the year under way (`reference_day`).

A new signal is a few lines: a function of the year, and `register(Signal(...))` with its default
weight in `defaults.DEFAULT_WEIGHTS`; it counts from the first weight version that gives it a
weight (a new version on the weights page offers the default).
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from ali_party.stock import in_force_on, year_end
from branches.models import Area, CommitteePost, PartyOrganization
from cadres.dates import add_months

from . import defaults



@dataclass(frozen=True)
class Detail:
    """What a signal found in one organization: a message (a msgid) and its parameters, stored as
    such so that the explanation shows in the reader's language."""
    message: str
    params: dict

    def as_dict(self) -> dict:
        return {"message": self.message, "params": self.params}


def render_detail(stored: dict) -> str:
    """The stored detail of a signal ({"message", "params"}) in the active language."""
    return gettext(stored["message"]) % stored["params"]


Details = dict[int, Detail]


@dataclass(frozen=True)
class Signal:
    code: str
    name: str  # lazy translation
    default_weight: int
    compute: Callable[[int], Details]


_SIGNALS: dict[str, Signal] = {}


def register(signal: Signal) -> Signal:
    if _SIGNALS.get(signal.code, signal) != signal:
        raise ValueError(f"early-warning signal {signal.code} registered twice")
    _SIGNALS[signal.code] = signal
    return signal


def all_signals() -> list[Signal]:
    return list(_SIGNALS.values())


def get(code: str) -> Signal | None:
    return _SIGNALS.get(code)


def reference_day(year: int) -> datetime.date:
    """The day a year's signals are read on: its 31 December, or today while the year is under way."""
    return min(year_end(year), timezone.localdate())


def village_organizations():
    """村/社区党组织 (orglife.models.is_village_organization, as a filter)."""
    return (PartyOrganization.objects.filter(area__level=Area.Level.VILLAGE, unit_name="")
            .exclude(kind=PartyOrganization.Kind.WORK_GROUP_BRANCH))


# --- the signals ---------------------------------------------------------------------------------------

SECRETARY_VACANCY_MONTHS = 3  # as branches.structure's 组织设置检查


def secretary_vacant(year: int) -> Details:
    """No secretary in office on the reference day, and none for more than 3 months: since the last
    one left, else (no secretary ever recorded) since the organization was founded. An organization
    whose first recorded secretary started after the day is not flagged: its records do not go back."""
    on = reference_day(year)
    secretaries = CommitteePost.objects.filter(role=CommitteePost.Role.SECRETARY)
    in_office = secretaries.filter(in_force_on(on, start="term_start", end="left_on")).values("organization_id")
    last_left = dict(secretaries.filter(left_on__lt=on).values("organization_id").annotate(d=Max("left_on"))
                     .values_list("organization_id", "d").order_by())
    recorded_later = secretaries.filter(term_start__gt=on).values("organization_id")
    cutoff = add_months(on, -SECRETARY_VACANCY_MONTHS)
    out = {}
    for org_id, founded_on, later in (PartyOrganization.objects.exclude(pk__in=in_office)
                                      .annotate(later=Exists(recorded_later.filter(organization_id=OuterRef("pk"))))
                                      .values_list("pk", "founded_on", "later")):
        since = last_left.get(org_id) or (None if later else founded_on)
        if since is not None and since < cutoff:
            out[org_id] = Detail(gettext_noop("书记空缺已超过3个月（自%(date)s）"), {"date": since.isoformat()})
    return out


def _periods(period: str, year: int) -> list[tuple[int, int]]:
    """The (first month, last month) of each month / quarter / the year."""
    if period == "month":
        return [(m, m) for m in range(1, 13)]
    if period == "quarter":
        return [(m, m + 2) for m in (1, 4, 7, 10)]
    return [(1, 12)]


def missed_meetings(year: int) -> Details:
    """A branch that must keep 三会一课 (evaluations' compliance rules) held fewer meetings of a kind
    than its catalogue requires in some month or quarter of the year that had ended by the reference
    day (and had begun after the branch was founded). One query for the meetings of the year."""
    from evaluations.models import MeetingKind, OrganizationLifeMeeting, Period
    from evaluations.selectors import REQUIRED_ORG_KINDS

    on = reference_day(year)
    kinds = list(MeetingKind.objects.filter(is_active=True, is_three_meetings_one_lecture=True)
                 .exclude(required_period=Period.NONE))
    if not kinds:
        return {}
    held = defaultdict(int)  # (org, kind, month) -> meetings
    for org_id, kind_id, month, n in (
            OrganizationLifeMeeting.objects.filter(held_on__year=year, held_on__lte=on, kind__in=kinds)
            .annotate(month=ExtractMonth("held_on")).values("organization_id", "kind_id", "month")
            .annotate(n=Count("pk")).values_list("organization_id", "kind_id", "month", "n").order_by()):
        held[org_id, kind_id, month] += n
    organizations = (PartyOrganization.objects.existing_at_end_of(year)
                     .filter(kind__in=REQUIRED_ORG_KINDS, status=PartyOrganization.Status.ACTIVE)
                     .values_list("pk", "founded_on"))
    out = {}
    for org_id, founded_on in organizations:
        missed = 0
        for kind in kinds:
            for first, last in _periods(kind.required_period, year):
                start = datetime.date(year, first, 1)
                ended = add_months(start, last - first + 1) <= on
                if not ended or (founded_on and founded_on > start):
                    continue
                done = sum(held[org_id, kind.pk, m] for m in range(first, last + 1))
                missed += done < kind.required_count
        if missed:
            out[org_id] = Detail(gettext_noop("三会一课有%(n)s个周期未达到次数要求"), {"n": missed})
    return out


def no_candidates(year: int) -> Details:
    """A village organization that named no 发展对象 (candidate_on) in the year nor the year before."""
    from cadres.models import PartyMember

    named = PartyMember.objects.filter(candidate_on__year__in=(year - 1, year)).values("organization_id")
    orgs = (village_organizations().filter(pk__in=PartyOrganization.objects.existing_at_end_of(year).values("pk"))
            .exclude(pk__in=named).values_list("pk", flat=True))
    text = Detail(gettext_noop("%(first)s—%(last)s年未确定发展对象"), {"first": year - 1, "last": year})
    return {org_id: text for org_id in orgs}


def term_overdue(year: int) -> Details:
    """A term past its due date on the reference day, not followed by a new term by then (orglife)."""
    from orglife.models import Term

    on = reference_day(year)
    rows = (Term.objects.filter(due_on__lt=on, start_date__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
            .values("organization_id").annotate(due=Max("due_on")).values_list("organization_id", "due").order_by())
    return {org_id: Detail(gettext_noop("任期已于%(date)s届满，未按期换届"), {"date": due.isoformat()}) for org_id, due in rows}


def dues_arrears(year: int) -> Details:
    """Members who owed the organization 3 months of dues or more on the reference day (dues)."""
    from dues.selectors import members_in_arrears_by_organization

    return {org_id: Detail(gettext_noop("%(n)s名党员欠交党费3个月以上"), {"n": n})
            for org_id, n in members_in_arrears_by_organization(year)}


def unresolved_disputes(year: int) -> Details:
    """Disputes of the organization's village found by the reference day and not settled by then
    (not handled yet, or mediation failed): counted for the village's own party organization."""
    from capacity.models import DisputeCase

    on = reference_day(year)
    settled = Q(handled=True, handled_on__lte=on) & ~Q(outcome=DisputeCase.Outcome.FAILED)
    per_village = dict(DisputeCase.objects.filter(found_on__lte=on).exclude(settled).values("village_id")
                       .annotate(n=Count("pk")).values_list("village_id", "n").order_by())
    if not per_village:
        return {}
    orgs = village_organizations().filter(area_id__in=per_village).values_list("pk", "area_id")
    return {org_id: Detail(gettext_noop("%(n)s件矛盾纠纷未化解"), {"n": per_village[area_id]}) for org_id, area_id in orgs}


PREVIOUS_LISTING_YEARS = 3


def previous_listing(year: int) -> Details:
    """Identified as 软弱涣散 (branches.Rectification) in one of the three years before."""
    from branches.models import Rectification

    years = defaultdict(list)
    for org_id, listed in (Rectification.objects.filter(year__gte=year - PREVIOUS_LISTING_YEARS, year__lt=year)
                           .values_list("organization_id", "year").order_by("year")):
        years[org_id].append(str(listed))
    return {org_id: Detail(gettext_noop("曾于%(years)s年被认定为软弱涣散"), {"years": ", ".join(listed)})
            for org_id, listed in years.items()}


def lost_contact(year: int) -> Details:
    """Members of the organization in 失联 (no contact for more than 6 months) on the reference day (mobility)."""
    from mobility.selectors import lost_contact_counts_by_organization

    return {org_id: Detail(gettext_noop("%(n)s名党员失联"), {"n": n})
            for org_id, n in lost_contact_counts_by_organization(reference_day(year)).items() if n}


def lapse_warning(year: int) -> Details:
    """Members with 3 months or more in a row without organization life or dues (lapse: the daily
    snapshot, which is of today: it counts for the current year only)."""
    from django.utils import timezone

    from lapse.selectors import warning_counts_by_organization

    if year != timezone.localdate().year:
        return {}
    return {org_id: Detail(gettext_noop("%(n)s名党员连续3个月以上无组织生活记录或未交党费"), {"n": n})
            for org_id, n in warning_counts_by_organization().items() if n}


def poor_appraisal(year: int) -> Details:
    """The secretary's 述职评议考核 of the year graded 一般 or 差 (orglife)."""
    from orglife.selectors import poor_appraisals_by_organization

    messages = {"average": gettext_noop("书记述职评议考核为“一般”"), "poor": gettext_noop("书记述职评议考核为“差”")}
    return {org_id: Detail(messages.get(grade, messages["poor"]), {})
            for org_id, grade in poor_appraisals_by_organization(year).items()}


def _register(code, name, compute):
    register(Signal(code, name, defaults.DEFAULT_WEIGHTS[code], compute))


_register("secretary_vacant", gettext_lazy("书记空缺"), secretary_vacant)
_register("missed_meetings", gettext_lazy("三会一课未按期开展"), missed_meetings)
_register("no_candidates", gettext_lazy("连续两年未确定发展对象（村）"), no_candidates)
_register("term_overdue", gettext_lazy("到期未换届"), term_overdue)
_register("dues_arrears", gettext_lazy("党员欠交党费3个月以上"), dues_arrears)
_register("unresolved_disputes", gettext_lazy("矛盾纠纷未化解"), unresolved_disputes)
_register("previous_listing", gettext_lazy("曾被认定为软弱涣散"), previous_listing)
_register("lost_contact", gettext_lazy("有失联党员"), lost_contact)
_register("lapse_warning", gettext_lazy("党员连续3个月以上无组织生活或未交党费"), lapse_warning)
_register("poor_appraisal", gettext_lazy("书记述职评议考核为一般或差"), poor_appraisal)
