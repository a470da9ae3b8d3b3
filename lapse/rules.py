"""The one rule of the lapse warning (党章第三十九条: 连续六个月不参加党的组织生活、不交纳党费、不做党所分配的
工作，没有正当理由的，被认为是自行脱党 — decided by the branch meeting, never by this system).

For a member in good standing (预备党员 or 正式党员, status 正常) and a reference month (the last
complete month), each kind is counted separately: the number of months, going back from the
reference month, in which the member *missed*, until a month in which the member *kept* it.

- Attendance: a month is *kept* when the member was present at a meeting of organization life
  (MeetingAttendance, present) or named among an activity's attendees, held by an organization the
  member belonged to in that month; *missed* when that organization's roll call that month had the
  member on it and not present; *neutral* when no roll had the member on it (nothing is known about
  the member: a 支委会 or 党小组会 roll leaves the rest of the branch off it, and whether the branch
  holds its meetings is the compliance board's question, not a warning against each member).
- Dues: a month is *missed* when the branch's ledger has a line for the member with something due
  (or an amount not yet known: no dues profile) and no payment; *kept* when the line is paid
  (补缴 later settles it); *neutral* when nothing is due: no line, or an approved exemption (应交 0).

A neutral month breaks nothing and counts nothing. Months starting before the member's admission
(接收为预备党员; the month of admission counts only when admitted on its 1st) are not looked at, nor
anything older than LOOKBACK_MONTHS before the reference month: a warning speaks of the last year.
Levels: 3 and 5 consecutive months, so that the branch acts before the sixth.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

LEVELS = (3, 5)
LOOKBACK_MONTHS = 12


class Month(enum.Enum):
    KEPT = "kept"
    MISSED = "missed"
    NEUTRAL = "neutral"


def month_back(month: date, count: int) -> date:
    """The first day of the month `count` months before `month` (a first day)."""
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def reference_month(today: date) -> date:
    """The last complete month before `today` (its first day)."""
    return month_back(today.replace(day=1), 1)


def window(reference: date) -> list[date]:
    """The months looked at, newest first: the reference month and the LOOKBACK_MONTHS - 1 before."""
    return [month_back(reference, n) for n in range(LOOKBACK_MONTHS)]


def level(months: int) -> int:
    """The warning level reached by `months` consecutive months: 5, 3, or 0 (no warning)."""
    return max((lv for lv in LEVELS if months >= lv), default=0)


@dataclass(frozen=True)
class Streak:
    months: int               # consecutive missed months
    first_month: date | None  # the oldest of them
    last_month: date | None   # the newest of them


def streak(states: dict[date, Month], *, reference: date, admitted_on: date) -> Streak:
    """Count the missed months going back from `reference` (month first days -> state; a month not
    in `states` is neutral) until a kept month, the admission or the end of the window."""
    count, first, last = 0, None, None
    for month in window(reference):
        if month < admitted_on:  # a month starting before the admission
            break
        state = states.get(month, Month.NEUTRAL)
        if state is Month.KEPT:
            break
        if state is Month.MISSED:
            count += 1
            first, last = month, last or month
    return Streak(count, first, last)


def attendance_states(*, roll_months: set[date], present_months: set[date]) -> dict[date, Month]:
    """Attendance month states from the months the member's organization (then) took a roll and the
    months the member was present at one of its meetings or activities."""
    states = {month: Month.MISSED for month in roll_months}
    states.update({month: Month.KEPT for month in present_months})
    return states


def dues_state(*, amount_due, paid: bool) -> Month:
    """One ledger line's month: paid, nothing due (exempt: 0), or owed (an amount, or not yet known)."""
    if paid:
        return Month.KEPT
    if amount_due is not None and amount_due == 0:
        return Month.NEUTRAL
    return Month.MISSED


def organizations_in_month(month: date, *, current: int, transfers: list[tuple[date, int, int]]) -> set[int]:
    """The organizations a member belonged to at some time in `month`, from the current one and the
    transfers (transferred_on, from_organization_id, to_organization_id), oldest first (the same
    reconstruction as cadres.selectors.organization_on)."""
    start, end = month, month_back(month, -1)
    before = [t for t in transfers if t[0] <= start]
    after = [t for t in transfers if t[0] > start]
    at_start = before[-1][2] if before else (after[0][1] if after else current)
    return {at_start, *(t[2] for t in transfers if start < t[0] < end)}
