"""The Excel import refuses what the member form refuses about ID numbers: a birth date or sex
that disagrees with the number, for new rows (batched and row by row) and for updates; and the
template's own sample row carries a valid number that agrees with its sample birth date and sex."""
import datetime

import pytest

from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory
from cadres.tests.test_id_numbers import (
    BIRTH_MESSAGE,
    FEMALE_MESSAGE,
    MALE_MESSAGE,
    standard_check,
    standard_number,
)
from dataexchange import importer
from cadres.exchange import MemberSpec
from dataexchange.specs import get_spec

from .helpers import MEMBER_HEADERS, member_row, run

D = datetime.date
# Born 1990-05-01 (member_row's default) in 噶尔县: order codes 031 (a man) and 042 (a woman).
MAN = standard_number("542523", D(1990, 5, 1), 31)
WOMAN = standard_number("542523", D(1990, 5, 1), 42)


def female_row(name, number, **kwargs):
    row = member_row(name, number, **kwargs)
    row[1] = "女"
    return row


ROWS = [
    member_row("次仁", MAN),                           # 2: agrees
    female_row("卓玛", WOMAN),                         # 3: agrees
    female_row("央金", standard_number("542523", D(1990, 5, 1), 35)),  # 4: a man's number on a woman
    member_row("扎西", standard_number("542523", D(1990, 5, 1), 46)),  # 5: a woman's number on a man
    member_row("格桑", standard_number("542523", D(1990, 5, 1), 53), birth="1990-05-02"),  # 6: not its birth date
]
EXPECTED = [
    (2, "create", []),
    (3, "create", []),
    (4, "error", [["性别", MALE_MESSAGE]]),
    (5, "error", [["性别", FEMALE_MESSAGE]]),
    (6, "error", [["出生日期", BIRTH_MESSAGE]]),
]


def _outcome(outcome):
    return [(r.row, r.action, r.errors) for r in outcome.results]


@pytest.mark.parametrize("batched", [True, False])
def test_new_rows_go_through_the_forms_rule(world, monkeypatch, batched):
    if not batched:  # the import before batching: a new form and member_create per row
        monkeypatch.setattr(MemberSpec, "batch_creates", False)
        monkeypatch.setattr(MemberSpec, "make_form", importer.ImportSpec.make_form)
    assert _outcome(run(world.alice, "members", MEMBER_HEADERS, ROWS, commit=False)) == EXPECTED
    outcome = run(world.alice, "members", MEMBER_HEADERS, ROWS[:2], commit=True)
    assert outcome.committed
    assert sorted(PartyMember.objects.values_list("name", "gender")) == [("卓玛", "F"), ("次仁", "M")]


def test_an_update_row_that_changes_the_sex_is_refused(world):
    member = PartyMemberFactory(organization=world.org_a1, name="次仁", gender="M", birth_date=D(1990, 5, 1),
                                id_number=MAN, applied_on=D(2012, 3, 1), activist_on=D(2012, 9, 1),
                                candidate_on=D(2013, 10, 1), admitted_on=D(2014, 7, 1), full_member_on=D(2015, 7, 1))
    outcome = run(world.alice, "members", MEMBER_HEADERS, [female_row("次仁", MAN)], commit=True)
    assert not outcome.committed
    assert _outcome(outcome) == [(2, "error", [["性别", MALE_MESSAGE]])]
    member.refresh_from_db()
    assert member.gender == "M"


def test_the_templates_sample_number_is_valid_and_agrees_with_the_sample_row():
    for kind, id_header in (("members", "身份证号码"), ("evaluation_results", "身份证号码")):
        spec = get_spec(kind)
        sample = {c.header: c.example for c in spec.columns}
        number = sample[id_header]
        assert number[17] == standard_check(number[:17]), kind
    members = {c.header: c.example for c in get_spec("members").columns}
    number = members["身份证号码"]
    assert number[6:14] == members["出生日期"].replace("-", "")
    assert members["性别"] == ("男" if int(number[16]) % 2 else "女")
