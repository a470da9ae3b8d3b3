"""Demo terms (换届) for the township 党委 and the village 党支部 of the demo (run after the cadres demo).

Each organization gets a chain of terms from 2011–2013 on: most re-elected a few weeks before the
due date, some up to half a year late (within the year that needs no approval), two a year and a
half early with the approval recorded; about one in twelve has not been re-elected since its term
fell due (so the overdue list and the reminders have rows). No figure of the article reads terms.
The current term's secretary and two members are the branch's full members where it has them.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from branches.models import Area, PartyOrganization
from cadres.dates import add_months
from cadres.models import PartyMember

from .models import Term, TermMember, term_due_date

NAMES = ["扎西", "次仁", "顿珠", "卓玛", "央金", "格桑", "洛桑", "尼玛", "达瓦", "普布", "旺堆", "拉姆"]


@transaction.atomic
def load(*, seed: int = 2023) -> None:
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
