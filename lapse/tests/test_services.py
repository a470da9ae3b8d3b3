"""The daily job on the hand-made world (lapse/tests/world.py has the expected values)."""
import datetime
from io import StringIO

from django.core.management import call_command
from django.forms.models import model_to_dict

from cadres.models import PartyMember
from dues.models import DuesLedgerLine, DuesPayment
from lapse import selectors
from lapse.models import LapseWarning
from lapse.services import warnings_compute
from lapse.tasks import compute_lapse_warnings

from . import world as w_

D = datetime.date


def snapshot():
    return sorted((w.member.name, w.kind, w.months, w.first_month, w.last_month)
                  for w in LapseWarning.objects.select_related("member"))


EXPECTED = sorted([
    ("次仁", "attendance", 3, D(2024, 4, 1), D(2024, 6, 1)),
    ("次仁", "dues", 4, D(2024, 3, 1), D(2024, 6, 1)),
    ("卓玛", "attendance", 5, D(2024, 2, 1), D(2024, 6, 1)),
    ("卓玛", "dues", 5, D(2024, 1, 1), D(2024, 6, 1)),
    ("扎西", "attendance", 3, D(2024, 4, 1), D(2024, 6, 1)),
    ("普布", "attendance", 4, D(2024, 3, 1), D(2024, 6, 1)),
])


def test_it_finds_the_members_worked_out_by_hand(world):
    w_.build(world)
    assert warnings_compute(today=w_.TODAY) == 6
    assert snapshot() == EXPECTED
    assert set(LapseWarning.objects.values_list("computed_on", flat=True)) == {w_.TODAY}
    moved = LapseWarning.objects.get(member__name="扎西")
    assert moved.organization_id == world.org_a1.pk  # the branch that should act: the current one


def test_it_replaces_the_snapshot_on_each_run(world):
    w = w_.build(world)
    warnings_compute(today=w_.TODAY)
    # 次仁 pays June: the dues streak ends; 卓玛's attendance is unchanged.
    payment = DuesPayment.objects.create(organization=world.org_a1, member=w.three, receipt_no="late",
                                         paid_on=D(2024, 7, 2), amount=1, is_back_payment=True)
    DuesLedgerLine.objects.filter(member=w.three, ledger__month=6).update(payment=payment)
    assert warnings_compute(today=w_.TODAY) == 5
    assert ("次仁", "dues") not in {(name, kind) for name, kind, *_ in snapshot()}
    # A month later (reference July, no roll and no ledger in July: neutral) nothing moves but the date.
    assert warnings_compute(today=D(2024, 8, 1)) == 5
    assert set(LapseWarning.objects.values_list("computed_on", flat=True)) == {D(2024, 8, 1)}


def test_the_job_never_changes_a_member(world):
    w_.build(world)
    before = [model_to_dict(m) for m in PartyMember.objects.order_by("pk")]
    warnings_compute(today=w_.TODAY)
    assert [model_to_dict(m) for m in PartyMember.objects.order_by("pk")] == before


def test_the_task_and_the_command_run_the_job(world, settings):
    w_.build(world)
    call_command("lapse_warnings", "--today", "2024-07-10", stdout=StringIO())
    assert snapshot() == EXPECTED
    # As of the real today (2026 and later) the 2024 rolls and ledgers are more than 12 months back:
    # the task replaces the snapshot with nothing.
    assert compute_lapse_warnings.apply().get() == 0
    assert snapshot() == []
    assert settings.CELERY_BEAT_SCHEDULE["lapse-warnings-daily"]["task"] == "lapse.tasks.compute_lapse_warnings"


def test_the_job_reads_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    from evaluations.tests.factories import bulk_members

    w_.build(world)
    with django_assert_max_num_queries(10):
        warnings_compute(today=w_.TODAY)
    more = bulk_members(world.org_a1, 60)
    for month in w_.MONTHS:
        w_.roll(world.org_a1, month, absent=more)
    with django_assert_max_num_queries(10):
        assert warnings_compute(today=w_.TODAY) == 6 + 60


def test_warning_counts_by_organization(world, django_assert_num_queries):
    w_.build(world)
    warnings_compute(today=w_.TODAY)
    with django_assert_num_queries(1):
        counts = selectors.warning_counts_by_organization()
    assert counts == {world.org_a1.pk: 3, world.org_b1.pk: 1}  # 次仁, 卓玛, 扎西; 普布


def test_two_lines_in_a_month_an_owed_one_misses_it_whatever_comes_first(world):
    """A member with a line in two branches in the same months (a transfer): the line owing dues
    counts as missed even when the other branch's line owes nothing (exempt) and comes later; a
    paid line keeps the month whatever the other says."""
    owing = w_.member(world.org_a1, "旺堆")
    w_.dues(world.org_a1, owing, unpaid=(4, 5, 6))
    w_.dues(world.org_a2, owing, exempt=(4, 5, 6))
    paying = w_.member(world.org_a1, "索朗")
    w_.dues(world.org_a1, paying, unpaid=(4, 5, 6))
    w_.dues(world.org_a2, paying, paid=(5,))
    warnings_compute(today=w_.TODAY)
    assert snapshot() == [("旺堆", "dues", 3, D(2024, 4, 1), D(2024, 6, 1))]


def test_a_roll_the_member_is_not_on_says_nothing_about_them(world):
    """Rolls of the committee only (the secretary present) April–June: an ordinary member of the
    branch who is on none of them gets no attendance warning; one on them, absent, does."""
    secretary, ordinary, absent = (w_.member(world.org_a1, name) for name in ("书记", "普通", "缺席"))
    for month in (4, 5, 6):
        w_.roll(world.org_a1, month, present=[secretary], absent=[absent])
    warnings_compute(today=w_.TODAY)
    assert snapshot() == [("缺席", "attendance", 3, D(2024, 4, 1), D(2024, 6, 1))]
