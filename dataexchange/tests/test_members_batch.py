"""The member import inserts new members in batches (cadres.services.member_check_new, then
members_bulk_create): the outcome must be the row-by-row import's, row for row and message for
message, every created member keeps its audit-log entry, and the indicator recompute is asked for
as the per-member saves would ask for it."""
import datetime

import pytest
from auditlog.context import set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cadres import exchange
from cadres.exchange import MemberSpec
from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory
from cadres.validators import make_id_number
from dataexchange import importer

from .helpers import MEMBER_HEADERS, member_row, run

D = datetime.date
BORN = D(1990, 5, 1)
IDS = [make_id_number("542523", BORN, n, gender="M") for n in range(20, 40)]
DUPLICATE = "该身份证号码已在系统中登记，不能重复录入；如需转接组织关系，请联系上级组织部门。"


def bad_checksum(number):
    return number[:-1] + ("0" if number[-1] != "0" else "1")


@pytest.fixture
def row_by_row(monkeypatch):
    """The import as it was before batching: a new form per row, member_create per row."""
    def switch():
        monkeypatch.setattr(MemberSpec, "batch_creates", False)
        monkeypatch.setattr(MemberSpec, "make_form", importer.ImportSpec.make_form)
    return switch


@pytest.fixture
def mixed_file(world):
    """One file with every kind of problem, and the members already stored that it meets."""
    PartyMemberFactory(organization=world.org_b1, name="别县党员", id_number=IDS[5], birth_date=BORN)
    PartyMemberFactory(organization=world.org_b1, name="别县党员二", id_number=IDS[6], birth_date=BORN)
    mine = PartyMemberFactory(organization=world.org_a1, name="本县党员", id_number=IDS[7], birth_date=BORN,
                              phone="13900000007", applied_on=D(2012, 3, 1), activist_on=D(2012, 9, 1),
                              candidate_on=D(2013, 10, 1), admitted_on=D(2014, 7, 1), full_member_on=D(2015, 7, 1))
    early_candidate = member_row("格桑", IDS[3])
    early_candidate[10] = "2013-08-31"  # less than a year after 确定为积极分子 (2012-09-01)
    no_admission_date = member_row("索朗", IDS[8])
    no_admission_date[11] = ""
    rows = [
        member_row("次仁", IDS[0]),                                   # 2: new
        member_row("卓玛", bad_checksum(IDS[1])),                     # 3: wrong check digit
        member_row("央金", IDS[2], birth="1990-05-02"),               # 4: birth date not the ID number's
        early_candidate,                                              # 5: stage-date rule
        member_row("次仁", IDS[0]),                                   # 6: the same ID number as row 2
        member_row("拉姆", IDS[5]),                                   # 7: registered in another county
        member_row("德吉", IDS[6], birth="1990-05-03"),               # 8: both of the above kinds
        member_row("尼玛", IDS[4], organization="普兰一村党支部"),      # 9: another county's organization
        member_row("本县党员", IDS[7], phone="13900000099"),           # 10: stored in scope: update
        no_admission_date,                                            # 11: 正式党员 without 接收日期
        member_row("达瓦", IDS[9], birth="1990年13月1日"),             # 12: a date that does not exist
        member_row("普布", IDS[10]),                                  # 13: new
    ]
    return rows, mine


EXPECTED = [
    (2, "create", []),
    (3, "error", [["身份证号码", "身份证号码校验位不正确，请核对。"]]),
    (4, "error", [["出生日期", "出生日期与身份证号码不一致（号码中为1990年5月1日）。"]]),
    (5, "error", [["确定为发展对象日期", "确定为发展对象日期须在确定为入党积极分子满一年之后（最早2013-09-01）。"]]),
    (6, "error", [["整行", "与第2行是同一条记录，请合并后再导入。"]]),
    (7, "error", [["身份证号码", DUPLICATE]]),
    (8, "error", [["出生日期", "出生日期与身份证号码不一致（号码中为1990年5月1日）。"], ["身份证号码", DUPLICATE]]),
    (9, "error", [["所在党组织", "找不到所在党组织“普兰一村党支部”，或它不在您的管辖范围内。"]]),
    (10, "update", []),
    (11, "error", [["接收为预备党员日期", "处于“正式党员”阶段须填写接收为预备党员日期。"]]),
    (12, "error", [["出生日期", "日期“1990年13月1日”不存在，请核对年月日。"]]),
    (13, "create", []),
]


def _outcome(outcome):
    return [(r.row, r.action, r.errors) for r in outcome.results]


def test_it_reports_every_kind_of_problem_as_the_row_by_row_import_does(world, mixed_file, row_by_row):
    rows, mine = mixed_file
    members, entries = PartyMember.objects.count(), LogEntry.objects.count()

    batched = run(world.alice, "members", MEMBER_HEADERS, rows, commit=False)
    assert _outcome(batched) == EXPECTED
    assert batched.results[8].changes == ["联系电话"]

    committed = run(world.alice, "members", MEMBER_HEADERS, rows, commit=True)
    assert not committed.committed and _outcome(committed) == EXPECTED
    assert PartyMember.objects.count() == members and LogEntry.objects.count() == entries
    mine.refresh_from_db()
    assert mine.phone == "13900000007"  # the valid update of row 10 was not kept either

    row_by_row()
    assert run(world.alice, "members", MEMBER_HEADERS, rows, commit=False).preview() == batched.preview()
    assert run(world.alice, "members", MEMBER_HEADERS, rows, commit=True).preview() == committed.preview()
    assert PartyMember.objects.count() == members and LogEntry.objects.count() == entries


def test_it_stores_a_clean_file_with_one_audit_entry_per_member(world):
    rows = [member_row(f"党员{i}", number, phone=f"1390000{i:04d}") for i, number in enumerate(IDS[:5])]
    rows[1][7], rows[1][11:13] = "发展对象", ["", ""]  # a 发展对象: no admission dates
    with set_actor(world.alice):
        outcome = run(world.alice, "members", MEMBER_HEADERS, rows)
    assert outcome.committed and [r.action for r in outcome.results] == ["create"] * 5

    stored = {m.id_number: m for m in PartyMember.objects.all()}
    assert sorted(stored) == sorted(IDS[:5])
    candidate = stored[IDS[1]]
    assert (candidate.name, candidate.stage, candidate.candidate_on, candidate.admitted_on) == (
        "党员1", PartyMember.Stage.CANDIDATE, D(2013, 10, 1), None)
    assert stored[IDS[0]].phone == "13900000000" and stored[IDS[0]].organization == world.org_a1
    for member in stored.values():
        [entry] = LogEntry.objects.get_for_object(member)
        assert entry.action == LogEntry.Action.CREATE and entry.actor == world.alice
        assert entry.object_repr == member.name
        # What django-auditlog writes when the member is saved one by one.
        assert entry.changes == {k: list(v) for k, v in model_instance_diff(None, member).items()}
        assert member.id_number not in str(entry.changes) and "****" in entry.changes["id_number"][0]


def test_it_keeps_the_audit_entry_of_the_row_by_row_import(world, row_by_row):
    rows = [member_row("次仁", IDS[0])]
    created = LogEntry.objects.get_for_model(PartyMember).filter(action=LogEntry.Action.CREATE)
    run(world.alice, "members", MEMBER_HEADERS, rows)
    batched = created.get()
    PartyMember.objects.all().delete()

    row_by_row()
    run(world.alice, "members", MEMBER_HEADERS, rows)
    saved = created.exclude(pk=batched.pk).get()
    assert saved.object_pk != batched.object_pk
    for entry in (batched, saved):
        entry.changes.pop("id")
    assert batched.changes == saved.changes and batched.object_repr == saved.object_repr == "次仁"


def test_it_asks_once_for_the_recompute_the_saves_would_ask_for(world, settings, monkeypatch, row_by_row):
    from indicators import services as indicator_services

    settings.INDICATORS_AUTO_RECOMPUTE = True
    calls = []
    monkeypatch.setattr(indicator_services, "mark_dirty", lambda first_year, **kw: calls.append((first_year, kw)))
    rows = [member_row("次仁", IDS[0]), member_row("卓玛", IDS[1], organization="昆莎一村党支部"),
            member_row("央金", IDS[2])]
    for row in rows:  # 入党申请人 since 2022 or 2023: recompute 2022 … this year
        row[7:13] = ["入党申请人", "", "", "", "", ""]
    rows[0][8], rows[1][8], rows[2][8] = "2023-03-01", "2022-06-01", "2023-01-01"

    row_by_row()
    assert run(world.alice, "members", MEMBER_HEADERS, rows).committed
    saves = [c for c in calls if c[1]["tables"] == ["cadres_partymember"]]
    assert sorted(first for first, _kw in saves) == [2022, 2023, 2023]
    places = {place for _first, kw in saves for place in kw["places"]}
    assert places and all(world.county_a.path.startswith(p) or p.startswith(world.county_a.path) for p in places)

    PartyMember.objects.all().delete()
    calls.clear()
    monkeypatch.undo()
    monkeypatch.setattr(indicator_services, "mark_dirty", lambda first_year, **kw: calls.append((first_year, kw)))
    assert run(world.alice, "members", MEMBER_HEADERS, rows).committed
    assert calls == [(2022, {"places": places, "tables": ["cadres_partymember"]})]


def test_it_refuses_only_the_row_the_database_refuses(world, monkeypatch):
    # Someone registers IDS[1] in another county between the check and the INSERT: the batch is
    # refused, saved again row by row, and the row gets the message the row-by-row import gives.
    PartyMemberFactory(organization=world.org_b1, id_number=IDS[1], birth_date=BORN)
    monkeypatch.setattr(exchange, "stored_id_hashes", lambda numbers: set())
    rows = [member_row("次仁", IDS[0]), member_row("卓玛", IDS[1]), member_row("央金", IDS[2])]
    outcome = run(world.alice, "members", MEMBER_HEADERS, rows)
    assert _outcome(outcome) == [
        (2, "create", []),
        (3, "error", [["整行", "与系统中已有的数据冲突（违反唯一性或完整性规则）。"]]),
        (4, "create", []),
    ]
    assert not outcome.committed and PartyMember.objects.count() == 1


def test_it_inserts_in_batches(world, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_SIZE", 2)
    rows = [member_row(f"党员{i}", number) for i, number in enumerate(IDS[:5])]
    outcome = run(world.alice, "members", MEMBER_HEADERS, rows)
    assert outcome.committed and outcome.count("create") == 5
    assert PartyMember.objects.count() == 5
    assert LogEntry.objects.get_for_model(PartyMember).filter(action=LogEntry.Action.CREATE).count() == 5


def test_its_queries_do_not_grow_with_the_rows(world):
    def queries(rows):
        with CaptureQueriesContext(connection) as ctx:
            outcome = run(world.alice, "members", MEMBER_HEADERS, rows, commit=False)
        assert [r.action for r in outcome.results] == ["create"] * len(rows)
        return len(ctx.captured_queries)

    few = queries([member_row(f"党员{i}", number) for i, number in enumerate(IDS[:3])])
    many = queries([member_row(f"党员{i}", number) for i, number in enumerate(IDS[:20])])
    assert many == few
