import datetime

from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory

from ..models import DevelopmentContact
from ..services import contact_add, step_record

D = datetime.date
# A probationary member: applied 2022-01-10, activist 2022-03-01, candidate 2023-03-15, admitted 2023-09-01.
DATES = {"applied_on": D(2022, 1, 10), "activist_on": D(2022, 3, 1), "candidate_on": D(2023, 3, 15),
         "admitted_on": D(2023, 9, 1), "full_member_on": None}
# Steps 1–15 of that member, each on or after the one before, the anchors on the stage dates.
PATH = {1: D(2022, 1, 10), 2: D(2022, 1, 25), 3: D(2022, 3, 1), 4: D(2022, 3, 5), 5: D(2022, 3, 10),
        6: D(2023, 3, 1), 7: D(2023, 3, 15), 8: D(2023, 3, 20), 9: D(2023, 4, 1), 10: D(2023, 5, 1),
        11: D(2023, 6, 1), 12: D(2023, 7, 1), 13: D(2023, 7, 15), 14: D(2023, 8, 1), 15: D(2023, 9, 1), 16: D(2023, 9, 10)}


def probationary(world, org=None, **extra):
    return PartyMemberFactory(organization=org or world.org_a1,
                              **{"stage": PartyMember.Stage.PROBATIONARY, **DATES, **extra})


def full_member(world, org=None, **extra):
    return PartyMemberFactory(organization=org or world.org_a1, **extra)


def record(world, member, upto, overrides=None):
    """Record steps 1..upto of PATH (with the contacts and sponsors steps 5 and 9 need)."""
    for number in range(1, upto + 1):
        if number == 5 and not member.development_contacts.filter(role="contact").exists():
            contact_add(actor=world.carol, member=member, role=DevelopmentContact.Role.CONTACT,
                        contact=full_member(world), from_on=PATH[5])
        if number == 9 and not member.development_contacts.filter(role="sponsor").exists():
            for _ in range(2):
                contact_add(actor=world.carol, member=member, role=DevelopmentContact.Role.SPONSOR,
                            contact=full_member(world), from_on=PATH[9])
        fields = {"training_days": 3} if number == 11 else {}
        step_record(actor=world.carol, member=member, step=number, done_on=(overrides or {}).get(number, PATH[number]),
                    handled_by="支部书记", **fields)
