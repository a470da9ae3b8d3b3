"""The rules of the development record, each at its edge; expected values worked out by hand from
《中国共产党发展党员工作细则》 (one month for the talk, 1–2 contacts, 2 sponsors, 3 days or 24 学时,
3 months for the approval (6 at most), a report each quarter of the 预备期)."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from cadres.tests.factories import PartyMemberFactory

from .. import steps as catalogue
from ..models import DevelopmentContact, DevelopmentStep, ProbationReport, probation_quarters
from ..selectors import Overdue, overdue_items
from ..services import contact_add, contact_delete, report_record, step_delete, step_record
from .helpers import PATH, full_member, probationary, record

D = datetime.date
TODAY = D(2026, 12, 4)


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    error = caught.value
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def test_the_table_has_25_steps_in_5_stages_tied_to_the_stage_dates():
    assert [s.number for s in catalogue.STEPS] == list(range(1, 26))
    assert [len(steps) for _n, _l, steps in catalogue.stage_steps()] == [2, 4, 5, 7, 7]
    assert {s.number: s.member_date for s in catalogue.STEPS if s.member_date} == {
        1: "applied_on", 3: "activist_on", 7: "candidate_on", 15: "admitted_on", 23: "full_member_on"}


def test_a_step_tied_to_a_stage_date_must_equal_it(world):
    member = probationary(world)
    errors = refusal(lambda: step_record(actor=world.alice, member=member, step=1, done_on=D(2022, 1, 11),
                                         handled_by="x"))
    assert "须与党员信息中的递交入党申请日期（2022-01-10）一致" in errors["done_on"][0]
    assert "2022-01-11" in errors["done_on"][0]
    step_record(actor=world.alice, member=member, step=1, done_on=D(2022, 1, 10), handled_by="x")
    assert DevelopmentStep.objects.count() == 1


def test_a_stage_not_reached_refuses_its_step(world):
    member = probationary(world)
    record(world, member, 15)
    # Step 23 = full_member_on, which the member does not have yet.
    for number in range(16, 23):
        day = D(2023, 10, 1) if number <= 17 else D(2024, 9, 5)
        step_record(actor=world.alice, member=member, step=number, done_on=day, handled_by="x")
    errors = refusal(lambda: step_record(actor=world.alice, member=member, step=23, done_on=D(2024, 9, 10),
                                         handled_by="x"))
    assert "尚未登记转为正式党员日期" in errors["done_on"][0]


def test_steps_go_in_order(world):
    member = probationary(world)
    errors = refusal(lambda: step_record(actor=world.alice, member=member, step=2, done_on=D(2022, 1, 20),
                                         handled_by="x"))
    assert "请先登记第1步" in errors["step"][0]
    record(world, member, 1)
    errors = refusal(lambda: step_record(actor=world.alice, member=member, step=2, done_on=D(2022, 1, 9),
                                         handled_by="x"))
    assert "不能早于第1步" in errors["done_on"][0]
    step_record(actor=world.alice, member=member, step=2, done_on=D(2022, 1, 10), handled_by="x")  # same day: fine
    # Correcting an earlier step to a date after a later one is refused too.
    record(world, member, 4)
    errors = refusal(lambda: step_record(actor=world.alice, member=member, step=2, done_on=D(2022, 3, 2),
                                         handled_by="x"))
    assert "不能晚于第3步" in errors["done_on"][0]


def test_an_optional_step_may_be_left_out(world):
    member = probationary(world)
    record(world, member, 5)
    step_record(actor=world.alice, member=member, step=7, done_on=PATH[7], handled_by="x")  # no step 6
    assert not DevelopmentStep.objects.filter(step=6).exists()


def test_the_talk_a_month_after_the_application_is_on_time_a_day_later_late(world):
    on_time, late = probationary(world), probationary(world)
    record(world, on_time, 2, {2: D(2022, 2, 10)})
    record(world, late, 2, {2: D(2022, 2, 11)})
    assert not DevelopmentStep.objects.get(member=on_time, step=2).is_late
    assert DevelopmentStep.objects.get(member=late, step=2).is_late
    talks = overdue_items(world.alice, TODAY, kind=Overdue.TALK)
    assert [(i.member, i.due_on, i.done_on) for i in talks] == [(late, D(2022, 2, 10), D(2022, 2, 11))]


def test_a_talk_not_held_is_listed_once_the_month_is_over(world):
    member = probationary(world, applied_on=D(2026, 11, 4), activist_on=None, candidate_on=None, admitted_on=None,
                          stage=1)
    record(world, member, 1, {1: D(2026, 11, 4)})
    assert overdue_items(world.alice, D(2026, 12, 4), kind=Overdue.TALK) == []  # due 12-04: not yet over
    [item] = overdue_items(world.alice, D(2026, 12, 5), kind=Overdue.TALK)
    assert item.member == member and item.done_on is None


def test_one_or_two_contacts_who_are_full_members(world):
    member = probationary(world)
    record(world, member, 4)
    errors = refusal(lambda: step_record(actor=world.alice, member=member, step=5, done_on=PATH[5], handled_by="x"))
    assert "现有0名" in errors["step"][0]
    # Full member from 2022-03-10: fine on that day, not the day before.
    newcomer = full_member(world, full_member_on=D(2022, 3, 10))
    errors = refusal(lambda: contact_add(actor=world.alice, member=member, role="contact", contact=newcomer,
                                         from_on=D(2022, 3, 9)))
    assert "不是党籍正常的正式党员" in errors["contact"][0]
    contact_add(actor=world.alice, member=member, role="contact", contact=newcomer, from_on=D(2022, 3, 10))
    contact_add(actor=world.alice, member=member, role="contact", contact=full_member(world), from_on=D(2022, 3, 10))
    errors = refusal(lambda: contact_add(actor=world.alice, member=member, role="contact",
                                         contact=full_member(world), from_on=D(2022, 3, 10)))
    assert "最多2名" in errors["contact"][0]
    step_record(actor=world.alice, member=member, step=5, done_on=PATH[5], handled_by="x")
    # An applicant is no contact; nor is the member itself.
    applicant = PartyMemberFactory(organization=world.org_a1, stage=1, activist_on=None, candidate_on=None,
                                   admitted_on=None, full_member_on=None)
    assert not DevelopmentContact.is_full_member_on(applicant, D(2022, 3, 10))
    errors = refusal(lambda: contact_add(actor=world.alice, member=member, role="sponsor", contact=member,
                                         from_on=D(2022, 3, 10)))
    assert "不能指定本人" in errors["contact"][0]
    # Step 5 relies on its two contacts: removing one leaves one (still 1–2), removing both is refused.
    first, second = member.development_contacts.all()
    contact_delete(actor=world.alice, contact=first)
    assert "删除后人数将不符合要求" in str(refusal(lambda: contact_delete(actor=world.alice, contact=second)))


def test_exactly_two_sponsors_at_step_9(world):
    member = probationary(world)
    record(world, member, 8)
    contact_add(actor=world.alice, member=member, role="sponsor", contact=full_member(world), from_on=PATH[9])
    errors = refusal(lambda: step_record(actor=world.alice, member=member, step=9, done_on=PATH[9], handled_by="x"))
    assert "须先登记2名入党介绍人" in errors["step"][0] and "现有1名" in errors["step"][0]
    contact_add(actor=world.alice, member=member, role="sponsor", contact=full_member(world), from_on=PATH[9])
    step_record(actor=world.alice, member=member, step=9, done_on=PATH[9], handled_by="x")


@pytest.mark.parametrize("days,hours,ok", [(2, 23, False), (None, None, False), (3, None, True), (None, 24, True),
                                           (2, 24, True)])
def test_the_training_is_at_least_3_days_or_24_hours(world, days, hours, ok):
    member = probationary(world)
    record(world, member, 10)

    def call():
        return step_record(actor=world.alice, member=member, step=11, done_on=PATH[11], handled_by="x",
                           training_days=days, training_hours=hours)
    if ok:
        assert call().training_days == days
    else:
        assert "不少于3天" in refusal(call)["training_days"][0]


def test_training_days_only_on_step_11(world):
    member = probationary(world)
    errors = refusal(lambda: step_record(actor=world.alice, member=member, step=1, done_on=PATH[1], handled_by="x",
                                         training_days=3))
    assert "只有“开展集中培训”" in errors["training_days"][0]


def test_the_approval_within_3_months_late_after_refused_after_6(world):
    members = [probationary(world) for _ in range(3)]
    for member in members:
        record(world, member, 16)
    # Branch meeting 2023-09-01: on time until 2023-12-01, at most 2024-03-01.
    on_time = step_record(actor=world.alice, member=members[0], step=17, done_on=D(2023, 12, 1), handled_by="x")
    late = step_record(actor=world.alice, member=members[1], step=17, done_on=D(2024, 3, 1), handled_by="x")
    assert not on_time.is_late and late.is_late
    errors = refusal(lambda: step_record(actor=world.alice, member=members[2], step=17, done_on=D(2024, 3, 2),
                                         handled_by="x"))
    assert "最长不超过6个月（2024-03-01）" in errors["done_on"][0]
    approvals = overdue_items(world.alice, TODAY, kind=Overdue.APPROVAL)
    assert {(i.member, i.done_on) for i in approvals} == {(members[1], D(2024, 3, 1)), (members[2], None)}


def test_the_probation_quarters_and_missing_reports(world):
    # Admitted 2024-03-20: 预备期 to 2025-03-20; the whole quarters in it are Q2–Q4 2024.
    member = probationary(world, admitted_on=D(2024, 3, 20))
    assert probation_quarters(member, TODAY) == [D(2024, 4, 1), D(2024, 7, 1), D(2024, 10, 1)]
    assert probation_quarters(member, D(2024, 9, 30)) == [D(2024, 4, 1)]  # Q3 ends on the 30th: not over
    report_record(actor=world.alice, member=member, quarter=D(2024, 4, 1), submitted_on=D(2024, 6, 1))
    report_record(actor=world.alice, member=member, quarter=D(2024, 10, 1), submitted_on=D(2024, 12, 1))
    [missing] = overdue_items(world.alice, TODAY, kind=Overdue.REPORT)
    assert missing.member == member and missing.text == "2024年第3季度未登记思想汇报"
    errors = refusal(lambda: report_record(actor=world.alice, member=member, quarter=D(2024, 5, 1),
                                           submitted_on=D(2024, 6, 1)))
    assert "第一天" in errors["quarter"][0]
    errors = refusal(lambda: report_record(actor=world.alice, member=member, quarter=D(2025, 4, 1),
                                           submitted_on=D(2025, 5, 1)))
    assert "不在预备期内" in errors["quarter"][0]
    assert "已经登记" in str(refusal(lambda: report_record(actor=world.alice, member=member, quarter=D(2024, 4, 1),
                                                           submitted_on=D(2024, 6, 2))))
    assert ProbationReport.objects.count() == 2


def test_a_probation_ended_without_the_branch_meeting_is_listed(world):
    member = probationary(world, admitted_on=D(2025, 12, 4))  # 预备期 to 2026-12-04
    assert overdue_items(world.alice, D(2026, 12, 4), kind=Overdue.PROBATION) == []
    [item] = overdue_items(world.alice, D(2026, 12, 5), kind=Overdue.PROBATION)
    assert item.member == member and item.due_on == D(2026, 12, 4)


def test_only_the_last_step_is_deleted(world):
    member = probationary(world)
    record(world, member, 3)
    first = DevelopmentStep.objects.get(member=member, step=1)
    assert "只能删除最后登记的步骤" in str(refusal(lambda: step_delete(actor=world.alice, step_row=first)))
    step_delete(actor=world.alice, step_row=DevelopmentStep.objects.get(member=member, step=3))
    assert DevelopmentStep.objects.filter(member=member).count() == 2


def test_other_county_and_read_only_roles_cannot_write(world):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404
    member = probationary(world)
    for user, refused in ((world.bob, Http404), (world.dave, PermissionDenied)):
        with pytest.raises(refused):
            step_record(actor=user, member=member, step=1, done_on=PATH[1], handled_by="x")
    assert not DevelopmentStep.objects.exists()
