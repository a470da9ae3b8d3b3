"""manage.py check_personal_data: the stored ID numbers a clerk must correct, by county, masked."""
import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory
from cadres.tests.test_id_numbers import FEMALE_MESSAGE, MALE_MESSAGE, standard_number

D = datetime.date
CHECKSUM = "身份证号码校验位不正确，请核对。"


def wrong_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


@pytest.fixture
def stored(world):
    """Members stored around full_clean() (the factory saves without it; queryset updates), in
    two counties, and two correct ones."""
    def member(org, name, gender, birth, number):
        return PartyMemberFactory(organization=org, name=name, gender=gender, birth_date=birth, id_number=number)

    ok_a = member(world.org_a1, "次仁", "M", D(1990, 5, 1), standard_number("542523", D(1990, 5, 1), 13))
    ok_b = member(world.org_b1, "拉姆", "F", D(1991, 2, 3), standard_number("542521", D(1991, 2, 3), 44))
    # A wrong check character (the number otherwise agrees with the record).
    gesang = member(world.org_a1, "格桑", "M", D(1985, 6, 15), wrong_check(standard_number("542523", D(1985, 6, 15), 21)))
    # A right number, then the birth date and the sex changed by queryset updates.
    drolma = member(world.org_a2, "卓玛", "F", D(1988, 9, 30), standard_number("542523", D(1988, 9, 30), 8))
    PartyMember.objects.filter(pk=drolma.pk).update(birth_date=D(1988, 9, 3))
    tashi = member(world.org_a1, "扎西", "M", D(1979, 1, 1), standard_number("542523", D(1979, 1, 1), 1))
    PartyMember.objects.filter(pk=tashi.pk).update(gender="F")
    # County B: a wrong check character, and a woman with a man's sex digit (017).
    yangjin = member(world.org_b1, "央金", "F", D(1992, 3, 8), wrong_check(standard_number("542521", D(1992, 3, 8), 17)))
    return {m.name: PartyMember.objects.get(pk=m.pk) for m in (ok_a, ok_b, gesang, drolma, tashi, yangjin)}


def run(*args) -> str:
    out = io.StringIO()
    call_command("check_personal_data", *args, stdout=out)
    return out.getvalue()


def test_it_lists_the_numbers_to_correct_by_county_masked(stored):
    out = run()
    m = {name: member.masked_id_number for name, member in stored.items()}
    assert out.splitlines() == [
        "噶尔县：3 人",
        f"  加木村党支部\t扎西\t{m['扎西']}\t{MALE_MESSAGE}",
        f"  加木村党支部\t格桑\t{m['格桑']}\t{CHECKSUM}",
        f"  昆莎一村党支部\t卓玛\t{m['卓玛']}\t出生日期与身份证号码不一致（号码中为1988年9月30日）。",
        "普兰县：1 人",
        f"  普兰一村党支部\t央金\t{m['央金']}\t{CHECKSUM} {MALE_MESSAGE}",
        "已检查 6 名党员，4 人的身份证号码须更正（2 个县）。",
    ]
    for member in stored.values():
        # Neither the whole number nor its birth-date digits (the part a mask hides) are printed.
        assert member.id_number not in out and member.id_number[6:14] not in out
        assert member.masked_id_number != member.id_number


def test_it_exits_1_with_fail_on_problems_only(stored):
    run()  # exit code 0
    with pytest.raises(CommandError) as error:
        run("--fail-on-problems")
    assert error.value.returncode == 1
    assert "4 人的身份证号码须更正" in str(error.value)


def test_it_says_so_when_every_number_is_right(world):
    PartyMemberFactory(organization=world.org_a1, name="次仁", gender="M", birth_date=D(1990, 5, 1),
                       id_number=standard_number("542523", D(1990, 5, 1), 13))
    PartyMemberFactory(organization=world.org_b1, name="拉姆", gender="F", birth_date=D(1991, 2, 3),
                       id_number=standard_number("542521", D(1991, 2, 3), 44))
    assert run("--fail-on-problems") == "已检查 2 名党员的身份证号码，未发现问题。\n"


def test_a_woman_with_a_mans_record_is_told_the_number_says_woman(world):
    member = PartyMemberFactory(organization=world.org_b1, name="多吉", gender="F", birth_date=D(1991, 2, 3),
                                id_number=standard_number("542521", D(1991, 2, 3), 44))
    PartyMember.objects.filter(pk=member.pk).update(gender="M")
    assert f"\t{FEMALE_MESSAGE}\n" in run()


def test_its_queries_do_not_grow_with_the_members(world, django_assert_max_num_queries):
    def add(count, start):
        for i in range(start, start + count):
            PartyMemberFactory(organization=world.org_a1, name=f"党员{i}", gender="M", birth_date=D(1980, 1, 1),
                               id_number=wrong_check(standard_number("542523", D(1980, 1, 1), 2 * i + 1)))
    add(2, 0)
    with django_assert_max_num_queries(4):
        run()
    add(40, 2)
    with django_assert_max_num_queries(4):
        assert "噶尔县：42 人" in run()
