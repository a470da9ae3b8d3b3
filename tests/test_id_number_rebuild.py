"""A masked ID number cannot be rebuilt from what the same user sees (issue 17, High 2).

The pen test rebuilt 9,951 of 9,951 numbers from the read-only leader's member export: the mask
kept the first 6 and last 4 characters, hiding exactly the birth date the same export shows. Here
each role takes every page and file where it sees masked numbers — pages, CSV and Excel exports,
the edit form's help text, the auditor's change log — and tries the rebuild: what the views show
of a number (all views together), plus its birth date, sex and region, pins it down to how many
numbers with a valid GB 11643 check character? Fewer than 100 candidates fails.
"""
import csv
import datetime
import io
import re
from itertools import product

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from cadres.ethnicity import Ethnicity
from cadres.models import Gender, PartyMember, TwoCommitteeMember

# GB 11643-1999 / ISO 7064 MOD 11-2, written out here (not taken from the code under test).
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
MIN_CANDIDATES = 100


def check_char(body17: str) -> str:
    return CHECK[sum(int(d) * w for d, w in zip(body17, WEIGHTS)) % 11]


def id_number(region: str, birth: datetime.date, sequence: int) -> str:
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return body + check_char(body)


# Region, birth date, sequence (odd: a man), chosen by hand; one person born outside 阿里 (北京东城).
PEOPLE = [
    ("542523", datetime.date(1990, 5, 1), 1, Gender.MALE, "a"),
    ("542523", datetime.date(1985, 12, 31), 112, Gender.FEMALE, "a"),
    ("110101", datetime.date(1979, 2, 28), 457, Gender.MALE, "a"),
    ("542521", datetime.date(2000, 1, 9), 998, Gender.FEMALE, "b"),
    ("542521", datetime.date(1968, 7, 15), 3, Gender.MALE, "b"),
]
# The standard's own example, checked by hand: 11010519491231002X.
assert check_char("11010519491231002") == "X"

TOKEN = re.compile(r"(?<![0-9A-Za-z*])[0-9X*]{18}(?![0-9A-Za-z*])")


def candidates(number: str, shown: list[str | None], gender: str) -> int:
    """How many numbers agree with everything the viewer knows: the characters shown (position by
    position, from every view together), the region (known: the county, or shown), the birth date
    (shown on the same pages: positions 7–14), the sex (position 17 odd for men) and the check
    character."""
    known = list(shown)
    for i in range(14):  # region and birth date: known to the viewer whatever the mask shows
        known[i] = number[i]
    free = [i for i in (14, 15, 16) if known[i] is None]
    count = 0
    for digits in product("0123456789", repeat=len(free)):
        guess = list(known)
        for i, d in zip(free, digits):
            guess[i] = d
        if (int(guess[16]) % 2 == 1) != (gender == Gender.MALE):
            continue
        body = "".join(guess[:17])
        if known[17] is not None and known[17] != check_char(body):
            continue
        count += 1
    return count


def shown_positions(number: str, texts: list[str]) -> tuple[list[str | None], int]:
    """Union over every masked token in `texts` that could be this number (its shown characters
    agree): which characters of `number` the viewer has seen. Also the count of such tokens."""
    shown: list[str | None] = [None] * 18
    seen = 0
    for text in texts:
        for token in TOKEN.findall(text):
            if "*" not in token:
                continue
            if all(t == "*" or t == n for t, n in zip(token, number)):
                seen += 1
                for i, t in enumerate(token):
                    if t != "*":
                        shown[i] = t
    return shown, seen


def xlsx_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(" ".join("" if v is None else str(v) for v in row)
                     for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))


@pytest.fixture
def people(world):
    from evaluations.models import EvaluationCampaign, EvaluationResult
    members = []
    for n, (region, birth, seq, gender, county) in enumerate(PEOPLE):
        org = world.org_a1 if county == "a" else world.org_b1
        members.append(PartyMember.objects.create(
            name=f"党员{n}", gender=gender, ethnicity=Ethnicity.TIBETAN, birth_date=birth, id_number=id_number(region, birth, seq),
            organization=org, stage=PartyMember.Stage.FULL, admitted_on=datetime.date(2010, 5, 1),
            full_member_on=datetime.date(2011, 5, 1), phone="13912345678"))
    for member in members:
        TwoCommitteeMember.objects.create(name=member.name, gender=member.gender, member=member,
                                          village=member.organization.area, committee="both", post="书记",
                                          term_start=datetime.date(2021, 3, 1))
    campaigns = {}
    for member in members:
        org = member.organization
        if org.pk not in campaigns:
            campaigns[org.pk] = EvaluationCampaign.objects.create(organization=org, year=2022)
        EvaluationResult.objects.create(member=member, year=2022, campaign=campaigns[org.pk], rating="excellent")
    # A change-log row written before the fix, with the old mask (first 6, last 4): the log is
    # append-only for 180 days, so the auditor's page must not show what it holds either.
    old = members[0]
    legacy = LogEntry.objects.get_for_object(old).get(action=LogEntry.Action.CREATE)
    legacy.pk = None
    legacy.changes = {**legacy.changes_dict, "id_number": ["None", old.id_number[:6] + "*" * 8 + old.id_number[-4:]]}
    legacy.save()
    return {"members": members, "campaigns": list(campaigns.values())}


def views_of(client, user, people) -> list[str]:
    """Every page and file where `user` sees masked ID numbers of the people in their scope."""
    def get(url, **params):
        response = client.get(url, params)
        assert response.status_code == 200, url
        return response

    texts = []
    if user.role == "auditor":
        page = get(reverse("accounts:audit_log"), model="partymember")
        return [page.content.decode()]
    visible = list(PartyMember.objects.visible_to(user))
    texts.append(get(reverse("cadres:member_list")).content.decode())
    for member in visible:
        texts.append(get(member.get_absolute_url()).content.decode())
        if user.role in ("county_clerk", "township_clerk", "prefecture_staff"):
            texts.append(get(reverse("cadres:member_update", args=[member.pk])).content.decode())
    for kind in ("members", "committee_members", "evaluation_results"):
        csv_body = get(reverse("dataexchange:export", args=[kind, "csv"])).content.decode("utf-8-sig")
        texts.append("\n".join(" ".join(row) for row in csv.reader(io.StringIO(csv_body))))
        texts.append(xlsx_text(get(reverse("dataexchange:export", args=[kind, "xlsx"])).content))
    for campaign in people["campaigns"]:
        response = client.get(reverse("evaluations:campaign_detail", args=[campaign.pk]))
        if response.status_code == 200:
            texts.append(response.content.decode())
    return texts


@pytest.mark.parametrize("persona", ["alice", "tess", "carol", "dave", "erin"])
def test_no_masked_number_can_be_rebuilt(client_for, world, people, persona):
    user = getattr(world, persona)
    client = client_for(user)
    texts = views_of(client, user, people)
    visible = set(PartyMember.objects.visible_to(user).values_list("pk", flat=True)) \
        if user.role != "auditor" else {m.pk for m in people["members"]}
    assert visible  # every persona here sees some masked numbers
    for member in people["members"]:
        assert not any(member.id_number in text for text in texts), (persona, member.name)  # never in full
        if member.pk not in visible:
            continue
        shown, seen = shown_positions(member.id_number, texts)
        assert seen, (persona, member.name)  # the views do show this number masked: the check is real
        count = candidates(member.id_number, shown, member.gender)
        assert count >= MIN_CANDIDATES, (persona, member.name, "".join(c or "*" for c in shown), count)


def test_the_rebuild_pins_down_the_old_mask():
    """The attack is real: with the old mask (first 6 and last 4) it finds the one number."""
    region, birth, seq, gender, _county = PEOPLE[0]
    number = id_number(region, birth, seq)
    old = number[:6] + "*" * 8 + number[-4:]
    shown, seen = shown_positions(number, [f"导出 {old} 男"])
    assert seen == 1 and candidates(number, shown, gender) == 1
    # Nothing shown but the region: 100 choices of positions 15–16 × 5 of position 17 (sex), one
    # check character each.
    shown, _ = shown_positions(number, [number[:6] + "*" * 12])
    assert candidates(number, shown, gender) == 500
