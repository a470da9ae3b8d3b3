"""Demo terms (换届) for the township 党委 and the village 党支部 of the demo (run after the cadres demo).

Each organization gets a chain of terms from 2011–2013 on: most re-elected a few weeks before the
due date, some up to half a year late (within the year that needs no approval), two a year and a
half early with the approval recorded; about one in twelve has not been re-elected since its term
fell due (so the overdue list and the reminders have rows). No figure of the article reads terms.
The current term's secretary and two members are the branch's full members where it has them.

Appraisals (述职评议考核) for 2023–2026: every township 党委 and about four in five village party
organizations each year, as far as the year's reports (mid-November to the end of the following
January) have been held by today; mostly 好/较好, about one in seven 一般 or 差 with a rectification,
done in time for most, overdue for some. The secretary is the term's secretary of that time. No
figure of the article reads appraisals.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from branches.models import Area, PartyOrganization
from cadres.dates import add_months
from cadres.models import PartyMember

from .models import FOLLOW_UP_GRADES, AppraisalGrade, SecretaryAppraisal, Term, TermMember, term_due_date
from .selectors import appraised_organizations

NAMES = ["扎西", "次仁", "顿珠", "卓玛", "央金", "格桑", "洛桑", "尼玛", "达瓦", "普布", "旺堆", "拉姆"]


@transaction.atomic
def load(*, seed: int = 2023) -> None:
    _load_terms(seed)
    _load_appraisals(seed)


def _load_terms(seed: int) -> None:
    if Term.objects.exists():
        return
    rng = random.Random(seed)
    today = timezone.localdate()
    organizations = list(PartyOrganization.objects.filter(
        kind__in=(PartyOrganization.Kind.COMMITTEE, PartyOrganization.Kind.BRANCH),
        area__level__in=(Area.Level.TOWNSHIP, Area.Level.VILLAGE)).select_related("area").order_by("area__path", "pk"))
    counties = dict(Area.objects.filter(level=Area.Level.COUNTY).values_list("path", "name"))
    terms: list[Term] = []
    early_left = 2
    for index, organization in enumerate(organizations):
        elected = date(2011 + index % 3, 3 + index % 8, 1 + index % 27)
        chain = []
        while elected <= today:
            term = Term(organization=organization, number=len(chain) + 1, election_date=elected, start_date=elected,
                        due_on=term_due_date(organization, elected))
            chain.append(term)
            roll = rng.random()
            if roll < 0.7:
                elected = term.due_on - timedelta(days=rng.randint(0, 40))
            elif roll < 0.95 or early_left == 0:
                elected = term.due_on + timedelta(days=rng.randint(10, 180))
            else:
                early_left -= 1
                elected = add_months(term.due_on, -18)
                term._early = True  # the next term carries the approval
            # One in twelve has not been re-elected since its last term fell due.
            if index % 12 == 7 and elected <= today < add_months(elected, 24) and term.due_on < today:
                break
        for previous, term in zip(chain, chain[1:]):
            if getattr(previous, "_early", False):
                term.reschedule_approved_by = f"{counties[organization.area.path[: 2 * Area.steplen]]}委组织部"
                term.reschedule_number = f"组复〔{term.election_date.year}〕{rng.randint(1, 60)}号"
                term.reschedule_approved_on = term.election_date - timedelta(days=30)
        terms += chain
    Term.objects.bulk_create(terms, batch_size=500)
    # The chain: each term's predecessor, and its end where a later term started.
    by_organization: dict[int, list[Term]] = {}
    for term in terms:
        by_organization.setdefault(term.organization_id, []).append(term)
    for chain in by_organization.values():
        for previous, term in zip(chain, chain[1:]):
            term.previous = previous
            previous.ended_on = term.start_date
    Term.objects.bulk_update(terms, ["previous", "ended_on"], batch_size=500)
    _members(rng, [chain[-1] for chain in by_organization.values()])


def _members(rng, current_terms: list[Term]) -> None:
    """The current term's secretary and two members: full members of the organization by then, else names."""
    full = {}
    for member in PartyMember.objects.filter(stage=PartyMember.Stage.FULL, status=PartyMember.Status.NORMAL,
                                             organization__in=[t.organization_id for t in current_terms]) \
            .only("pk", "organization_id", "full_member_on").order_by("pk"):
        full.setdefault(member.organization_id, []).append(member)
    rows = []
    for term in current_terms:
        eligible = [m for m in full.get(term.organization_id, []) if m.full_member_on and
                    m.full_member_on <= term.election_date]
        chosen = rng.sample(eligible, min(3, len(eligible)))
        for role, member in zip(("secretary", "organization", "propaganda"), chosen + [None] * 3):
            rows.append(TermMember(term=term, role=role, member=member,
                                   person_name="" if member else rng.choice(NAMES) + rng.choice(NAMES)))
    TermMember.objects.bulk_create(rows, batch_size=500)


APPRAISAL_YEARS = range(2023, 2027)
# (grade, cumulative probability)
GRADE_ODDS = [(AppraisalGrade.GOOD, 0.45), (AppraisalGrade.FAIRLY_GOOD, 0.86), (AppraisalGrade.AVERAGE, 0.97),
              (AppraisalGrade.POOR, 1.0)]
REPORTS = ["全年召开基层党建专题会议，落实“三会一课”，推进标准化规范化建设。",
           "围绕抓党建促乡村振兴，落实党员联系户，整顿软弱涣散党组织。",
           "抓班子带队伍，开展国家通用语言文字培训和“五学”教育，发展党员按程序进行。"]
RECTIFICATIONS = ["“三会一课”记录不全，限期补齐并规范台账。", "党员教育管理不经常，制定年度培训计划并落实。",
                  "村级活动场所使用不规范，建立轮流坐班制度。"]


def _secretaries() -> dict[int, list[tuple]]:
    """organization id -> [(start, end or None, member id or None, name)] of its terms' secretaries."""
    found: dict[int, list[tuple]] = {}
    for row in TermMember.objects.filter(role="secretary").values_list(
            "term__organization_id", "term__start_date", "term__ended_on", "member_id", "member__name",
            "person_name").order_by("term__start_date", "pk"):
        organization_id, start, end, member_id, member_name, name = row
        found.setdefault(organization_id, []).append((start, end, member_id, member_name or name))
    return found


def _load_appraisals(seed: int) -> None:
    if SecretaryAppraisal.objects.exists():
        return
    rng = random.Random(seed + 20)
    today = timezone.localdate()
    areas = dict(Area.objects.values_list("path", "name"))
    secretaries = _secretaries()
    rows = []
    for year in APPRAISAL_YEARS:
        organizations = (appraised_organizations().filter(
            pk__in=PartyOrganization.objects.existing_at_end_of(year).values("pk"))
            .select_related("area").order_by("area__path", "pk"))
        for organization in organizations:
            township = organization.area.level == Area.Level.TOWNSHIP
            if not township and rng.random() < 0.2:
                continue
            reported_on = date(year, 11, 15) + timedelta(days=rng.randint(0, 77))
            assessed_on = reported_on + timedelta(days=rng.randint(0, 10))
            if assessed_on > today:
                continue
            roll = rng.random()
            grade = next(g for g, odds in GRADE_ODDS if roll < odds)
            secretary = next((s for s in reversed(secretaries.get(organization.pk, []))
                              if s[0] <= reported_on and (s[1] is None or s[1] > reported_on)), None)
            parent = organization.area.path[: (organization.area.depth - 1) * Area.steplen]
            appraisal = SecretaryAppraisal(
                organization=organization, year=year, report_summary=rng.choice(REPORTS), reported_on=reported_on,
                grade=grade, assessed_by=f"{areas[parent]}{'委' if township else '党委'}", assessed_on=assessed_on,
                secretary_id=secretary[2] if secretary else None,
                secretary_name="" if secretary and secretary[2] else (
                    secretary[3] if secretary else rng.choice(NAMES) + rng.choice(NAMES)))
            if grade in FOLLOW_UP_GRADES:
                appraisal.rectification_required = rng.choice(RECTIFICATIONS)
                appraisal.rectification_deadline = add_months(assessed_on, rng.choice((3, 6)))
                done_on = appraisal.rectification_deadline - timedelta(days=rng.randint(0, 60))
                if rng.random() < 0.7 and max(done_on, assessed_on) <= today:
                    appraisal.rectified_on = max(done_on, assessed_on)
                    appraisal.rectification_result = "已按整改要求完成整改，经上级党委验收。"
            rows.append(appraisal)
    SecretaryAppraisal.objects.bulk_create(rows, batch_size=500)
