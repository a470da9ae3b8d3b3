"""Helpers to build evaluation records in tests."""
import datetime
import itertools

from cadres.models import Gender, PartyMember
from cadres.validators import make_id_number

from ..models import MeetingKind

_sequence = itertools.count(1)


def kind(code: str) -> MeetingKind:
    return MeetingKind.objects.get(code=code)


def bulk_members(organization, count: int, *, stage=PartyMember.Stage.FULL, admitted_on=datetime.date(2010, 5, 1),
                 full_member_on=datetime.date(2011, 5, 1), region="542523") -> list[PartyMember]:
    """`count` members of `organization`, bulk-created (unique, well-formed ID numbers)."""
    members = []
    for _ in range(count):
        n = next(_sequence)
        birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=n // 900)
        gender = Gender.MALE if n % 2 else Gender.FEMALE
        members.append(PartyMember(
            name=f"测试党员{n}", gender=gender, birth_date=birth,
            id_number=make_id_number(region, birth, n % 900 // 2, gender=gender),
            organization=organization, stage=stage,
            admitted_on=admitted_on, full_member_on=full_member_on if stage == PartyMember.Stage.FULL else None,
            status=PartyMember.Status.NORMAL, occupation=PartyMember.Occupation.FARMER_HERDER))
    return PartyMember.objects.bulk_create(members)
