"""Demo records of 基本制度 for 2021 and 2022 (runs after the branches and cadres demos).

For 2022 at the prefecture root the indicators reproduce the article exactly: 8494 members rated
(优秀 2153, 合格 6081, 基本合格 11, 不合格 1, 不定等次 248), 3750 record books and boards, 30000 "九个一"
activities and 1960 heart-to-heart talks. Every record is raw (meetings, results, talks …), bulk-created.
"""
from __future__ import annotations

import random
from bisect import bisect_right
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from branches.models import PartyOrganization
from cadres.models import OrganizationTransfer, PartyMember

from .models import (
    EvaluationCampaign, EvaluationResult, FiveGoals, FollowUp, HeartToHeartTalk, MeetingKind, NotEvaluated,
    OrganizationLifeMeeting, Rating, RecordBookIssue,
)

BATCH = 2000

# Per year: "九个一" activities, record books + boards, talks, and the rating counts (2022: the article).
TARGETS = {
    2021: {"nine_ones": 26400, "books": 3120, "talks": 1650},
    2022: {"nine_ones": 30000, "books": 3750, "talks": 1960},
}
RATINGS_2022 = {Rating.UNGRADED: 248, Rating.UNQUALIFIED: 1, Rating.BASICALLY_QUALIFIED: 11,
                Rating.EXCELLENT: 2153, Rating.QUALIFIED: 6081}
EVALUATED_2022 = sum(RATINGS_2022.values())  # 8494
EVALUATED_2021 = 8180

# Core organization-life rules: (kind code, meetings per year, months they fall in).
CORE_SCHEDULE = [
    ("branch_committee", list(range(1, 13))),
    ("group_meeting", list(range(1, 13))),
    ("theme_party_day", list(range(1, 13))),
    ("branch_assembly", [3, 6, 9, 12]),
    ("party_lecture", [2, 5, 8, 11]),
    ("life_meeting", [12]),
]


def _random_day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _spread(rng: random.Random, total: int, keys: list) -> dict:
    """`total` units spread over `keys` roughly evenly (each key gets the base share, the rest at random)."""
    if not keys:
        return {}
    base, rest = divmod(total, len(keys))
    counts = {k: base for k in keys}
    for k in rng.sample(keys, rest):
        counts[k] += 1
    return counts


def _organizations() -> list[PartyOrganization]:
    orgs = list(PartyOrganization.objects.filter(
        status=PartyOrganization.Status.ACTIVE,
        kind__in=[PartyOrganization.Kind.BRANCH, PartyOrganization.Kind.WORK_GROUP_BRANCH],
    ).order_by("pk"))
    return orgs or list(PartyOrganization.objects.order_by("pk"))


def _active_in(org: PartyOrganization, year: int) -> date | None:
    """First day of `year` on which the organization existed (None if founded later)."""
    start = date(year, 1, 1)
    if org.founded_on and org.founded_on > date(year, 12, 31):
        return None
    return max(start, org.founded_on) if org.founded_on else start


def _eligible_members(year: int) -> list[dict]:
    """Members who were 预备党员 or 正式党员 on Dec 31 of `year`, in an existing organization."""
    end = date(year, 12, 31)
    return list(PartyMember.objects.filter(stage__gte=PartyMember.Stage.PROBATIONARY, admitted_on__lte=end)
                .filter(Q(status=PartyMember.Status.NORMAL) | Q(status_changed_on__gt=end))
                .filter(Q(organization__founded_on__isnull=True) | Q(organization__founded_on__lte=end))
                .order_by("pk").values("pk", "organization_id", "full_member_on"))


class _Membership:
    """How many 党员 each organization had on a day, as cadres.selectors.party_member_count_on
    counts them (the most a meeting's 应到人数 may be): 预备/正式党员 from admission until a status
    change, in the organization the transfer history puts them in. Answered from memory, since
    the demo's meetings are far too many to count one by one in the database."""

    def __init__(self):
        starts, ends = defaultdict(list), defaultdict(list)
        moves = defaultdict(list)
        for t in OrganizationTransfer.objects.order_by("transferred_on", "pk").values(
                "member_id", "transferred_on", "from_organization_id", "to_organization_id"):
            moves[t["member_id"]].append(t)
        far = date.max
        for m in PartyMember.objects.filter(stage__gte=PartyMember.Stage.PROBATIONARY).values(
                "pk", "organization_id", "admitted_on", "status", "status_changed_on"):
            member_from = m["admitted_on"]
            member_to = far if m["status"] == PartyMember.Status.NORMAL else m["status_changed_on"]
            # (organization, first day there, first day no longer there)
            history = moves.get(m["pk"])
            if history:
                spans = [(history[0]["from_organization_id"], date.min, history[0]["transferred_on"])]
                spans += [(t["to_organization_id"], t["transferred_on"], nxt["transferred_on"] if nxt else far)
                          for t, nxt in zip(history, history[1:] + [None])]
            else:
                spans = [(m["organization_id"], date.min, far)]
            for org_id, there_from, there_to in spans:
                first, last = max(member_from, there_from), min(member_to, there_to)
                if first < last:
                    starts[org_id].append(first)
                    ends[org_id].append(last)
        self.starts = {k: sorted(v) for k, v in starts.items()}
        self.ends = {k: sorted(v) for k, v in ends.items()}

    def on(self, org_id: int, day: date) -> int:
        """Members counted on `day`: arrived on or before it and not yet gone (gone = from that day on)."""
        if org_id not in self.starts:
            return 0
        return bisect_right(self.starts[org_id], day) - bisect_right(self.ends[org_id], day)


def _insert_rows(model, fields: list[str], rows: list[tuple]) -> None:
    """Plain multi-row INSERTs for the largest demo table (some 70 000 meetings): bulk_create's
    per-object work would take most of the demo's time budget. Values must be database-ready."""
    meta = model._meta
    qn = connection.ops.quote_name
    columns = ", ".join(qn(meta.get_field(f).column) for f in fields)
    sql = f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5 * BATCH):
            cursor.executemany(sql, rows[start:start + 5 * BATCH])


def _load_meetings(rng, orgs, kinds, year: int, members_per_org: dict, membership: _Membership) -> None:
    nine = [k for k in kinds.values() if k.is_nine_ones and k.is_active]
    active = {o.pk: _active_in(o, year) for o in orgs}
    active = {pk: start for pk, start in active.items() if start is not None}
    end = date(year, 12, 31)
    db_date = connection.ops.adapt_datefield_value
    created_at = OrganizationLifeMeeting._meta.get_field("created_at").get_db_prep_save(
        timezone.make_aware(datetime.combine(date(year + 1, 1, 5), time(9, 0))), connection)
    rows = []

    def meeting(org_id, kind, held_on, topic):
        # Everyone who was a member that day is expected; the absentees are drawn on the scale of the
        # year-end membership (one draw per meeting of an organization with members).
        at_year_end = members_per_org.get(org_id, 0)
        absent = rng.randint(0, max(1, at_year_end // 8)) if at_year_end else 0
        expected = membership.on(org_id, held_on)
        present = max(0, expected - absent)
        rows.append((org_id, kind.pk, db_date(held_on), topic, expected, present, "", "", created_at))

    per_org = _spread(rng, TARGETS[year]["nine_ones"], sorted(active))
    for org_id, count in per_org.items():
        for _ in range(count):
            kind = rng.choice(nine)
            meeting(org_id, kind, _random_day(rng, active[org_id], end), kind.name)
    # 三会一课 and the other required meetings; a few branches fall behind so compliance has shape.
    for org_id, start in active.items():
        laggard = rng.random() < (0.08 if year == 2022 else 0.15)
        for code, months in CORE_SCHEDULE:
            kind = kinds.get(code)
            if kind is None:
                continue
            for month in months:
                if laggard and month >= 10 and rng.random() < 0.5:
                    continue
                first = date(year, month, 1)
                last = (date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
                if last < start:
                    continue
                meeting(org_id, kind, _random_day(rng, max(first, start), last), f"{year}年{month}月{kind.name}")
    _insert_rows(OrganizationLifeMeeting, ["organization", "kind", "held_on", "topic", "expected_count",
                                           "present_count", "minutes", "attachment", "created_at"], rows)


def _load_record_books_and_goals(rng, orgs, year: int) -> None:
    active = sorted(o.pk for o in orgs if _active_in(o, year))
    issues = []
    for org_id, total in _spread(rng, TARGETS[year]["books"], active).items():
        if total == 0:
            continue
        boards = total // 3
        issues.append(RecordBookIssue(organization_id=org_id, year=year, books=total - boards, boards=boards,
                                      issued_on=date(year, 3, 1) + timedelta(days=rng.randint(0, 60))))
    RecordBookIssue.objects.bulk_create(issues, batch_size=BATCH)
    share = 0.9 if year == 2022 else 0.7
    goals = []
    for org_id in active:
        full = rng.random() < share
        flags = [True] * 5 if full else [rng.random() < 0.6 for _ in range(5)]
        goals.append(FiveGoals(organization_id=org_id, year=year, has_plan=flags[0], has_bulletin=flags[1],
                               has_records=flags[2], has_attendance_register=flags[3], has_notes=flags[4]))
    FiveGoals.objects.bulk_create(goals, batch_size=BATCH)


def _load_talks(rng, orgs, year: int, members_by_org: dict) -> None:
    """Talks of each branch: the secretary-like initiator and small groups, so that most branches
    reach "everyone at least once a year" and a few fall short."""
    org_by_pk = {o.pk: o for o in orgs}
    usable = sorted(pk for pk, members in members_by_org.items()
                    if len(members) >= 2 and pk in org_by_pk and _active_in(org_by_pk[pk], year))
    if not usable:
        return
    topics = ["思想动态交流", "落实组织生活制度", "家庭生产生活情况", "发挥党员先锋模范作用", "批评与自我批评"]
    talks, groups = [], []
    for org_id, count in _spread(rng, TARGETS[year]["talks"], usable).items():
        if count == 0:
            continue
        members = list(members_by_org[org_id])
        rng.shuffle(members)
        initiators = members[:2]
        # Counterparts in `count` groups; a lagging branch leaves some members out.
        covered = members if rng.random() > 0.12 else members[: max(2, int(len(members) * 0.8))]
        size = -(-len(covered) // count)
        for i in range(count):
            initiator = initiators[i % len(initiators)]
            group = [m for m in covered[i * size:(i + 1) * size] if m != initiator]
            if not group:
                group = [initiators[(i + 1) % len(initiators)]]
            talks.append(HeartToHeartTalk(
                organization_id=org_id, topic=rng.choice(topics), initiator_id=initiator,
                held_on=_random_day(rng, _active_in(org_by_pk[org_id], year), date(year, 12, 31))))
            groups.append(group)
    HeartToHeartTalk.objects.bulk_create(talks, batch_size=BATCH)
    through = HeartToHeartTalk.counterparts.through
    through.objects.bulk_create([through(hearttohearttalk_id=t.pk, partymember_id=m)
                                 for t, group in zip(talks, groups) for m in group], batch_size=BATCH)


def _rating_plan(rng, year: int, eligible: list[dict]) -> tuple[dict[int, str], list[dict]]:
    """{member pk: rating} for the members rated in `year`, and the members left out."""
    end = date(year, 12, 31)
    probationary = [m for m in eligible if not m["full_member_on"] or m["full_member_on"] > end]
    full = [m for m in eligible if m["full_member_on"] and m["full_member_on"] <= end]
    rng.shuffle(probationary)
    rng.shuffle(full)
    if year == 2022:
        targets = dict(RATINGS_2022)
    else:
        rated = min(int(len(eligible) * 0.97), EVALUATED_2021)
        ungraded = min(len(probationary), max(0, rated // 40))
        graded = rated - ungraded
        targets = {Rating.UNGRADED: ungraded, Rating.UNQUALIFIED: 2, Rating.BASICALLY_QUALIFIED: 14,
                   Rating.EXCELLENT: int(graded * 0.24)}
        targets[Rating.QUALIFIED] = graded - sum(v for k, v in targets.items() if k != Rating.UNGRADED)
    # Probationary members take part but are not graded: they get 不定等次 first.
    n_ungraded = targets.pop(Rating.UNGRADED)
    ungraded, spare_probationary = probationary[:n_ungraded], probationary[n_ungraded:]
    pool = full + spare_probationary
    n_graded = sum(targets.values())
    graded, left_out = pool[:n_graded], pool[n_graded:]
    plan = {m["pk"]: Rating.UNGRADED for m in ungraded}
    position = 0
    for rating in (Rating.UNQUALIFIED, Rating.BASICALLY_QUALIFIED, Rating.EXCELLENT, Rating.QUALIFIED):
        for m in graded[position:position + targets[rating]]:
            plan[m["pk"]] = rating
        position += targets[rating]
    return plan, left_out


def _load_evaluation(rng, year: int, eligible: list[dict]) -> None:
    plan, left_out = _rating_plan(rng, year, eligible)
    org_of = {m["pk"]: m["organization_id"] for m in eligible}
    org_ids = sorted({org_of[pk] for pk in plan} | {m["organization_id"] for m in left_out})
    closed_at = timezone.make_aware(datetime.combine(date(year + 1, 1, 20), time(10, 0)))
    campaigns = [EvaluationCampaign(organization_id=org_id, year=year, status=EvaluationCampaign.Status.CLOSED,
                                    closed_at=closed_at) for org_id in org_ids]
    EvaluationCampaign.objects.bulk_create(campaigns, batch_size=BATCH)
    campaign_of = {c.organization_id: c.pk for c in
                   EvaluationCampaign.objects.filter(year=year, organization_id__in=org_ids)}
    results = [EvaluationResult(member_id=pk, year=year, campaign_id=campaign_of[org_of[pk]], rating=rating)
               for pk, rating in plan.items()]
    EvaluationResult.objects.bulk_create(results, batch_size=BATCH)
    end = date(year, 12, 31)
    NotEvaluated.objects.bulk_create([
        NotEvaluated(member_id=m["pk"], year=year, campaign_id=campaign_of[m["organization_id"]],
                     reason=(NotEvaluated.Reason.ADMITTED_LATE if not m["full_member_on"] or m["full_member_on"] > end
                             else rng.choice([NotEvaluated.Reason.AWAY, NotEvaluated.Reason.AWAY,
                                              NotEvaluated.Reason.ILLNESS])))
        for m in left_out], batch_size=BATCH)
    unqualified = EvaluationResult.objects.filter(year=year, rating=Rating.UNQUALIFIED)
    FollowUp.objects.bulk_create([
        FollowUp(result=r, measure=FollowUp.Measure.CORRECT, status=FollowUp.Status.CLOSED,
                 opened_on=date(year + 1, 1, 25), closed_on=date(year + 1, 6, 30), note="限期改正，已整改到位。")
        if year < 2022 else
        FollowUp(result=r, measure=FollowUp.Measure.CORRECT, opened_on=date(year + 1, 1, 25),
                 note="组织帮教，限期改正。")
        for r in unqualified])


@transaction.atomic
def load(*, seed: int = 2023) -> None:
    if (EvaluationResult.objects.filter(year__in=TARGETS).exists()
            or OrganizationLifeMeeting.objects.filter(held_on__year__in=list(TARGETS)).exists()):
        return  # already loaded
    rng = random.Random(seed)
    orgs = _organizations()
    if not orgs:
        return
    kinds = {k.code: k for k in MeetingKind.objects.all()}
    membership = _Membership()
    for year in sorted(TARGETS):
        eligible = _eligible_members(year)
        members_by_org = defaultdict(list)
        for m in eligible:
            members_by_org[m["organization_id"]].append(m["pk"])
        counts = {org_id: len(pks) for org_id, pks in members_by_org.items()}
        _load_meetings(rng, orgs, kinds, year, counts, membership)
        _load_record_books_and_goals(rng, orgs, year)
        _load_talks(rng, orgs, year, members_by_org)
        _load_evaluation(rng, year, eligible)

