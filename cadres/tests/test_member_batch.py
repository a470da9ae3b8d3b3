"""member_create split for batches (the import): member_check_new checks what member_create checks,
with the same errors, and members_bulk_create writes what a save writes; member validation skips
the database's CheckConstraints because PartyMember.clean() checks each of them itself."""
import datetime

import pytest
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from accounts import audit
from cadres import services
from cadres.models import PartyMember
from cadres.validators import make_id_number

from .factories import PartyMemberFactory

D = datetime.date
Stage = PartyMember.Stage
BORN = D(1995, 4, 2)
NUMBER = make_id_number("542523", BORN, 11, gender="M")


def fields(org, **overrides):
    """A valid new 入党积极分子 (born 1995-04-02), as in test_services."""
    data = dict(name="格桑", gender="M", ethnicity="藏族", birth_date=BORN, id_number=NUMBER, phone="13912345678",
                occupation="farmer_herder", organization=org, stage=Stage.ACTIVIST,
                applied_on=D(2021, 3, 1), activist_on=D(2021, 9, 1))
    data.update(overrides)
    return data


def create_errors(actor, **data):
    with pytest.raises(ValidationError) as error, transaction.atomic():
        services.member_create(actor=actor, **data)
    return error.value.message_dict


def check_errors(actor, **data):
    stored = services.stored_id_hashes([data["id_number"]])
    with pytest.raises(ValidationError) as error:
        services.member_check_new(actor=actor, stored_hashes=stored, **data)
    return error.value.message_dict


BAD = {
    "wrong check digit": dict(id_number=NUMBER[:-1] + ("0" if NUMBER[-1] != "0" else "1")),
    "birth date not the ID number's": dict(birth_date=D(1995, 4, 3)),
    "candidate too early": dict(stage=Stage.CANDIDATE, candidate_on=D(2022, 8, 31)),
    "date of a stage not reached": dict(candidate_on=D(2022, 9, 1)),
    "applicant under 18": dict(applied_on=D(2013, 4, 1), activist_on=D(2013, 9, 1)),
    "status change without a date": dict(status=PartyMember.Status.DECEASED),
    "full member without admission": dict(stage=Stage.FULL, candidate_on=D(2022, 9, 1),
                                          full_member_on=D(2023, 9, 1)),
    "extension out of range": dict(probation_extension_months=3),
    "registered elsewhere and a wrong birth date": dict(id_number=make_id_number("542523", D(1990, 1, 1), 5, gender="M")),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_check_new_refuses_what_create_refuses_with_the_same_messages(world, case):
    PartyMemberFactory(organization=world.org_b1, id_number=make_id_number("542523", D(1990, 1, 1), 5, gender="M"),
                       birth_date=D(1990, 1, 1))
    data = fields(world.org_a1, **BAD[case])
    expected = create_errors(world.alice, **data)
    assert check_errors(world.alice, **fields(world.org_a1, **BAD[case])) == expected
    assert list(check_errors(world.alice, **fields(world.org_a1, **BAD[case]))) == list(expected)  # same order


def test_check_new_gives_the_duplicate_message_after_the_others(world):
    PartyMemberFactory(organization=world.org_b1, id_number=NUMBER, birth_date=BORN)
    errors = check_errors(world.alice, **fields(world.org_a1, birth_date=D(1995, 4, 3)))
    assert errors == {
        "birth_date": ["出生日期与身份证号码不一致（号码中为1995年4月2日）。"],
        "id_number": ["该身份证号码已在系统中登记，不能重复录入；如需转接组织关系，请联系上级组织部门。"],
    }
    assert list(errors) == ["birth_date", "id_number"]


def test_check_new_refuses_another_county_and_a_read_only_role(world):
    with pytest.raises(Http404):
        services.member_check_new(actor=world.alice, stored_hashes=set(), **fields(world.org_b1))
    with pytest.raises(PermissionDenied):
        services.member_check_new(actor=world.dave, stored_hashes=set(), **fields(world.org_a1))


def test_check_new_writes_nothing_and_bulk_create_stores_with_audit_entries(world):
    with CaptureQueriesContext(connection) as ctx:
        member = services.member_check_new(actor=world.alice, stored_hashes=set(),
                                           **fields(world.org_a1, id_number=" " + NUMBER.lower() + " "))
    assert ctx.captured_queries == [] and member.pk is None and member.id_number == NUMBER
    other = services.member_check_new(actor=world.alice, stored_hashes=set(),
                                      **fields(world.org_a2, name="卓玛", gender="F", phone="",
                                               id_number=make_id_number("542523", BORN, 12, gender="F")))

    assert services.members_bulk_create(members=[member, other]) == []
    assert PartyMember.objects.with_id_number(NUMBER).get().name == "格桑"
    for stored in PartyMember.objects.all():
        [entry] = LogEntry.objects.get_for_object(stored)
        assert entry.action == LogEntry.Action.CREATE
        assert entry.changes == {k: list(v) for k, v in model_instance_diff(None, stored).items()}


def test_bulk_create_saves_one_by_one_to_find_the_refused_member(world):
    first = services.member_check_new(actor=world.alice, stored_hashes=set(), **fields(world.org_a1))
    taken = services.member_check_new(actor=world.alice, stored_hashes=set(),
                                      **fields(world.org_a1, id_number=make_id_number("542523", BORN, 12, gender="M")))
    last = services.member_check_new(actor=world.alice, stored_hashes=set(),
                                     **fields(world.org_a1, id_number=make_id_number("542523", BORN, 13, gender="M")))
    PartyMemberFactory(organization=world.org_b1, id_number=taken.id_number, birth_date=BORN)  # meanwhile

    assert services.members_bulk_create(members=[first, taken, last]) == [1]
    assert {m.id_number for m in PartyMember.objects.filter(organization=world.org_a1)} == {
        first.id_number, last.id_number}
    assert LogEntry.objects.get_for_model(PartyMember).filter(action=LogEntry.Action.CREATE,
                                                              object_id__in=[first.pk, last.pk]).count() == 2


def test_the_audit_changes_are_auditlogs_for_every_kind_of_member(world):
    members = [
        PartyMemberFactory(organization=world.org_a1),
        PartyMemberFactory(organization=world.org_a2, phone="13912345678", education="college",
                           stage=Stage.PROBATIONARY, full_member_on=None, probation_extension_months=6),
        PartyMemberFactory(organization=world.org_b1, stage=Stage.APPLICANT, activist_on=None, candidate_on=None,
                           admitted_on=None, full_member_on=None, status=PartyMember.Status.TRANSFERRED_OUT,
                           status_changed_on=D(2020, 1, 1)),
    ]
    assert audit.creation_changes(members) == [model_instance_diff(None, m) for m in members]


# ---------------------------------------------------------------- CheckConstraints checked by clean()

VIOLATIONS = {
    "member_probation_extension_6_to_12": (dict(stage=Stage.PROBATIONARY, full_member_on=None,
                                                probation_extension_months=13), "probation_extension_months"),
    "member_status_change_has_date": (dict(status=PartyMember.Status.EXPELLED,
                                           left_party_kind=PartyMember.LeftPartyKind.WITHDREW), "status_changed_on"),
    "member_left_party_kind_only_if_expelled": (dict(left_party_kind=PartyMember.LeftPartyKind.WITHDREW),
                                                "left_party_kind"),
    "member_admitted_has_date": (dict(admitted_on=None, full_member_on=None, stage=Stage.PROBATIONARY),
                                 "admitted_on"),
}


def test_every_check_constraint_of_a_member_is_checked_by_clean(world):
    names = {c.name for c in PartyMember._meta.constraints}
    assert names == set(VIOLATIONS)  # a new constraint needs its rule in clean() (or leave CLEAN_COVERS_...)
    for name, (overrides, field) in VIOLATIONS.items():
        member = PartyMemberFactory.build(organization=world.org_a1, **overrides)
        with pytest.raises(ValidationError) as error:
            member.full_clean(validate_constraints=False)
        assert field in error.value.message_dict, name
        with pytest.raises(IntegrityError), transaction.atomic():  # the database refuses it too
            PartyMember.objects.bulk_create([member])


def test_member_create_asks_no_constraint_queries(world):
    with CaptureQueriesContext(connection) as ctx:
        services.member_create(actor=world.alice, **fields(world.org_a1))
    assert not [q for q in ctx.captured_queries if '"_check"' in q["sql"]]
    assert PartyMember.objects.count() == 1
