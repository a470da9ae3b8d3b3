import datetime

import pytest

from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory
from cadres.validators import make_id_number

from .helpers import MEMBER_HEADERS, member_row, run

ID1 = make_id_number("542523", datetime.date(1990, 5, 1), 11, gender="M")
ID2 = make_id_number("542523", datetime.date(1990, 5, 1), 12, gender="M")


def _members():
    return PartyMember.objects.count()


def test_it_imports_members_and_reimport_updates_instead_of_duplicating(world):
    rows = [member_row("次仁", ID1), member_row("卓玛", ID2)]
    outcome = run(world.alice, "members", MEMBER_HEADERS, rows)
    assert outcome.committed, outcome.error_rows
    assert outcome.count("create") == 2 and _members() == 2

    again = run(world.alice, "members", MEMBER_HEADERS, rows)
    assert again.committed and again.count("unchanged") == 2 and _members() == 2

    rows[1][5] = "13908970999"
    changed = run(world.alice, "members", MEMBER_HEADERS, rows)
    assert changed.count("update") == 1 and changed.results[1].changes == ["联系电话"]
    assert PartyMember.objects.with_id_number(ID2).get().phone == "13908970999"
    assert _members() == 2


def test_it_previews_without_saving(world):
    outcome = run(world.alice, "members", MEMBER_HEADERS, [member_row("次仁", ID1)], commit=False)
    assert [r.action for r in outcome.results] == ["create"]
    assert not outcome.committed and _members() == 0


def test_it_commits_all_rows_or_none_and_names_row_and_column(world):
    bad = member_row("卓玛", ID2[:-1] + ("0" if ID2[-1] != "0" else "1"))  # wrong checksum
    outcome = run(world.alice, "members", MEMBER_HEADERS, [member_row("次仁", ID1), bad])
    assert not outcome.committed and _members() == 0
    [problem] = outcome.error_rows
    assert problem.row == 3
    assert ["身份证号码", "身份证号码校验位不正确，请核对。"] in problem.errors


def test_it_reads_chinese_dates_full_width_digits_and_trailing_spaces(world):
    full_width = ID1.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    row = member_row("次仁  ", f" {full_width} ", organization="加木村党支部 ", birth="1990年5月1日")
    row[8:13] = ["2012.3.1", "2012/9/1", "2013-10-01", "2014年7月1日", datetime.datetime(2015, 7, 1)]
    outcome = run(world.alice, "members", MEMBER_HEADERS, [row])
    assert outcome.committed, outcome.error_rows
    member = PartyMember.objects.with_id_number(ID1).get()
    assert member.name == "次仁" and member.applied_on == datetime.date(2012, 3, 1)
    assert member.birth_date == datetime.date(1990, 5, 1)


def test_it_refuses_a_date_it_cannot_read(world):
    row = member_row("次仁", ID1, birth="1990年13月1日")
    outcome = run(world.alice, "members", MEMBER_HEADERS, [row])
    assert not outcome.committed and _members() == 0
    assert ["出生日期", "日期“1990年13月1日”不存在，请核对年月日。"] in outcome.error_rows[0].errors


def test_it_explains_an_id_number_that_excel_turned_into_a_number(world):
    row = member_row("次仁", int(ID1[:17] + "0"))
    outcome = run(world.alice, "members", MEMBER_HEADERS, [row])
    assert "末几位已经丢失" in outcome.error_rows[0].errors[0][1]


def test_it_refuses_another_countys_organization_for_a_county_clerk(world):
    outcome = run(world.alice, "members", MEMBER_HEADERS, [member_row("次仁", ID1, organization="普兰一村党支部")])
    assert not outcome.committed and _members() == 0
    assert outcome.error_rows[0].errors[0][0] == "所在党组织"
    assert "不在您的管辖范围内" in outcome.error_rows[0].errors[0][1]


def test_it_cannot_touch_another_countys_member_by_import(world):
    theirs = PartyMemberFactory(organization=world.org_b1, id_number=ID1, birth_date=datetime.date(1990, 5, 1),
                                name="原名")
    outcome = run(world.alice, "members", MEMBER_HEADERS, [member_row("改名", ID1)])
    assert not outcome.committed
    assert outcome.error_rows[0].errors[0][0] == "身份证号码"  # already registered elsewhere
    theirs.refresh_from_db()
    assert theirs.name == "原名" and theirs.organization == world.org_b1


def test_it_refuses_a_member_moved_to_another_organization(world):
    run(world.alice, "members", MEMBER_HEADERS, [member_row("次仁", ID1)])
    outcome = run(world.alice, "members", MEMBER_HEADERS, [member_row("次仁", ID1, organization="昆莎一村党支部")])
    assert not outcome.committed
    assert "组织关系转接" in outcome.error_rows[0].errors[0][1]


def test_it_flags_the_same_person_twice_in_one_file(world):
    outcome = run(world.alice, "members", MEMBER_HEADERS, [member_row("次仁", ID1), member_row("次仁", ID1)])
    assert not outcome.committed and _members() == 0
    assert outcome.error_rows[0].errors == [["整行", "与第2行是同一条记录，请合并后再导入。"]]


def test_it_refuses_a_read_only_role(world):
    outcome = run(world.dave, "members", MEMBER_HEADERS, [member_row("次仁", ID1)])
    assert not outcome.committed and _members() == 0


@pytest.mark.parametrize("user", ["tess", "carol"])
def test_it_lets_township_and_prefecture_writers_import_in_scope(world, user):
    outcome = run(getattr(world, user), "members", MEMBER_HEADERS, [member_row("次仁", ID1)])
    assert outcome.committed, outcome.error_rows


LEFT_HEADERS = MEMBER_HEADERS + ["党籍状态", "状态变更日期", "出党方式"]


def test_it_asks_for_the_kind_of_a_member_who_left_the_party(world):
    outcome = run(world.alice, "members", LEFT_HEADERS, [member_row("次仁", ID1) + ["出党", "2022-05-01", ""]])
    assert not outcome.committed and _members() == 0
    assert ["出党方式", "党籍状态为“出党”时须填写出党方式。"] in outcome.error_rows[0].errors
    outcome = run(world.alice, "members", LEFT_HEADERS, [member_row("次仁", ID1) + ["死亡", "2022-05-01", "退党"]])
    assert not outcome.committed and _members() == 0
    assert ["出党方式", "党籍状态不是“出党”时，出党方式应留空。"] in outcome.error_rows[0].errors

    outcome = run(world.alice, "members", LEFT_HEADERS,
                  [member_row("次仁", ID1) + ["出党", "2022-05-01", "自行脱党除名"],
                   member_row("卓玛", ID2) + ["出党", "2022-06-01", "除名"]])
    assert outcome.committed, outcome.error_rows
    kinds = {m.name: m.left_party_kind for m in PartyMember.objects.all()}
    assert kinds == {"次仁": "self_lapsed", "卓玛": "struck_off"}


def test_the_export_carries_the_kind_and_a_file_without_the_column_keeps_it(world):
    from dataexchange.services import export_xlsx

    from .helpers import rows_of

    PartyMemberFactory(organization=world.org_a1, status="expelled", status_changed_on=datetime.date(2022, 5, 1),
                       left_party_kind="expelled_by_discipline", id_number=ID1, birth_date=datetime.date(1990, 5, 1))
    headers, rows = rows_of(export_xlsx(actor=world.alice, kind="members")[0])
    [(_number, values)] = rows
    assert values[headers.index("出党方式")] == "开除党籍"
    # An older file without the column (the status unchanged) leaves the stored kind as it is.
    outcome = run(world.alice, "members", MEMBER_HEADERS, [member_row("次仁", ID1)])
    assert outcome.committed, outcome.error_rows
    assert PartyMember.objects.get().left_party_kind == "expelled_by_discipline"
