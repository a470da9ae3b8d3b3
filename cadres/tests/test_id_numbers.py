"""Resident ID numbers (GB 11643-1999) against the standard itself, and a member's birth date and
sex against the number.

The expected values never come from cadres.validators: the check character is worked out here
from the standard's own definition (ISO 7064 MOD 11-2: weight W_i = 2^(i-1) mod 11 for the
character at position i counted from the right, the check character a_1 chosen so that
sum(a_i * W_i) ≡ 1 (mod 11), 10 written X), and the published examples are summed by hand below.
"""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings as hsettings, strategies as st

from cadres import services
from cadres.models import PartyMember
from cadres.tests.factories import PartyMemberFactory
from cadres.validators import id_check_character, make_id_number, validate_id_number

D = datetime.date


# ---------------------------------------------------------------- the standard, written out here

def standard_check(first_17: str) -> str:
    """GB 11643-1999 §8.2: positions 18 … 2 (from the right) of the first 17 digits carry the
    weights 2^17 … 2^1 mod 11; the check value a_1 makes the weighted sum ≡ 1 (mod 11)."""
    weighted = sum(int(digit) * pow(2, 17 - index, 11) for index, digit in enumerate(first_17))
    a1 = (1 - weighted) % 11
    return "X" if a1 == 10 else str(a1)


def standard_number(region: str, birth: datetime.date, order: int) -> str:
    body = f"{region}{birth:%Y%m%d}{order:03d}"
    return body + standard_check(body)


def test_the_weights_written_here_are_the_standards_table():
    # GB 11643-1999 table 1, as DOMAIN.md quotes it.
    assert [pow(2, 17 - i, 11) for i in range(17)] == [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


# Published valid numbers, each summed by hand with the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2:
PUBLISHED_VALID = [
    # GB 11643-1999's own example (北京市朝阳区, 1949-12-31, woman):
    # 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2
    # = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → "X".
    "11010519491231002X",
    # python-stdnum's documented example (stdnum.cn.ric, 江西, 1991-01-01, man):
    # 3·7+6·9+0·10+4·5+2·8+6·4+1·2+9·1+9·6+1·3+0·7+1·9+0·10+1·5+0·8+0·4+7·2
    # = 21+54+0+20+16+24+2+9+54+3+0+9+0+5+0+0+14 = 231; 231 mod 11 = 0 → "1".
    "360426199101010071",
    # The import template's sample row (噶尔县, 1990-05-01, man, order code 001):
    # 5·7+4·9+2·10+5·5+2·8+3·4+1·2+9·1+9·6+0·3+0·7+5·9+0·10+1·5+0·8+0·4+1·2
    # = 35+36+20+25+16+12+2+9+54+0+0+45+0+5+0+0+2 = 261; 261 mod 11 = 8 → "4".
    "542523199005010014",
]


@pytest.mark.parametrize("number", PUBLISHED_VALID)
def test_it_accepts_published_valid_numbers(number):
    validate_id_number(number)
    assert id_check_character(number[:17]) == number[17] == standard_check(number[:17])


def test_it_accepts_a_lower_case_x_and_full_width_digits():
    validate_id_number("11010519491231002x")
    validate_id_number("１１０１０５１９４９１２３１００２Ｘ")


def test_the_standards_second_example_has_the_right_check_but_a_birth_year_before_1900():
    # GB 11643-1999's other example, 440524188001010014 (born 1880-01-01):
    # 4·7+4·9+0·10+5·5+2·8+4·4+1·2+8·1+8·6+0·3+0·7+1·9+0·10+1·5+0·8+0·4+1·2
    # = 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8 → "4". Its check character is
    # right; it is refused only because nobody registered now was born before 1900.
    assert id_check_character("44052418800101001") == "4"
    with pytest.raises(ValidationError) as error:
        validate_id_number("440524188001010014")
    assert error.value.code == "id_birth_date"


KNOWN_INVALID = {
    "one digit changed (区 105 → 106)": "11010619491231002X",
    "one digit changed (order code 002 → 003)": "11010519491231003X",
    "adjacent digits transposed (01 → 10 at positions 3–4)": "11100519491231002X",
    "adjacent digits transposed (07 → 70 at positions 16–17)": "360426199101010701",
    "wrong check character (X → 0)": "110105194912310020",
    "wrong check character (X → 1)": "110105194912310021",
    "wrong check character (1 → X)": "36042619910101007X",
    "wrong check character (4 → 9), the old template sample": "542523199005010019",
}


@pytest.mark.parametrize("case", sorted(KNOWN_INVALID))
def test_it_refuses_known_invalid_numbers_with_the_checksum_message(case):
    with pytest.raises(ValidationError) as error:
        validate_id_number(KNOWN_INVALID[case])
    assert error.value.code == "id_checksum"
    assert error.value.messages == ["身份证号码校验位不正确，请核对。"]


# ---------------------------------------------------------------- properties

REGIONS = st.from_regex(r"[1-9][0-9]{5}", fullmatch=True)
BIRTHS = st.dates(min_value=D(1900, 1, 1), max_value=D(2024, 12, 31))
ORDERS = st.integers(min_value=0, max_value=999)


@hsettings(max_examples=300, deadline=None)
@given(region=REGIONS, birth=BIRTHS, order=ORDERS)
def test_every_number_made_by_the_standard_is_accepted_and_every_other_check_character_refused(region, birth,
                                                                                              order):
    number = standard_number(region, birth, order)
    validate_id_number(number)
    for wrong in sorted(set("0123456789X") - {number[17]}):
        with pytest.raises(ValidationError) as error:
            validate_id_number(number[:17] + wrong)
        assert error.value.code == "id_checksum"


# Positions (0-based) outside the birth date, where any change still leaves a readable date.
NOT_DATE = [0, 1, 2, 3, 4, 5, 14, 15, 16]


@hsettings(max_examples=200, deadline=None)
@given(region=REGIONS, birth=BIRTHS, order=ORDERS, data=st.data())
def test_a_single_changed_digit_or_an_adjacent_transposition_is_refused(region, birth, order, data):
    number = standard_number(region, birth, order)
    position = data.draw(st.sampled_from(NOT_DATE[1:]))  # the first digit may not become 0
    digit = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    with pytest.raises(ValidationError) as error:
        validate_id_number(number[:position] + digit + number[position + 1:])
    assert error.value.code == "id_checksum"

    pairs = [(i, i + 1) for i in (1, 2, 3, 4, 14, 15) if number[i] != number[i + 1]]
    if pairs:
        i, j = data.draw(st.sampled_from(pairs))
        swapped = number[:i] + number[j] + number[i] + number[j + 1:]
        with pytest.raises(ValidationError) as error:
            validate_id_number(swapped)
        assert error.value.code == "id_checksum"


@hsettings(max_examples=200, deadline=None)
@given(region=REGIONS, birth=BIRTHS, n=st.integers(min_value=0, max_value=499), gender=st.sampled_from("MF"))
def test_make_id_number_makes_the_standards_number_for_that_birth_date_and_sex(region, birth, n, gender):
    number = make_id_number(region, birth, n, gender=gender)
    assert number[:6] == region and number[6:14] == birth.strftime("%Y%m%d")
    assert int(number[16]) % 2 == (1 if gender == "M" else 0)
    assert number[17] == standard_check(number[:17])


# ---------------------------------------------------------------- birth date and sex on the record

# 噶尔县, born 1990-05-01: order code 013 (17th digit 3, odd: a man) and 024 (4, even: a woman).
MAN = standard_number("542523", D(1990, 5, 1), 13)
WOMAN = standard_number("542523", D(1990, 5, 1), 24)
BIRTH_MESSAGE = "出生日期与身份证号码不一致（号码中为1990年5月1日）。"
MALE_MESSAGE = "性别与身份证号码不一致（号码第17位为奇数，应为男）。"
FEMALE_MESSAGE = "性别与身份证号码不一致（号码第17位为偶数，应为女）。"


def fields(org, **overrides):
    data = dict(name="次仁", gender="M", ethnicity="藏族", birth_date=D(1990, 5, 1), id_number=MAN,
                occupation="farmer_herder", organization=org, stage=PartyMember.Stage.APPLICANT,
                applied_on=D(2021, 3, 1))
    data.update(overrides)
    return data


def create_errors(world, **overrides):
    with pytest.raises(ValidationError) as error:
        services.member_create(actor=world.alice, **fields(world.org_a1, **overrides))
    assert not PartyMember.objects.exists()
    return error.value.message_dict


def test_it_stores_a_man_and_a_woman_whose_numbers_agree(world):
    services.member_create(actor=world.alice, **fields(world.org_a1))
    services.member_create(actor=world.alice, **fields(world.org_a1, name="卓玛", gender="F", id_number=WOMAN))
    assert PartyMember.objects.count() == 2


@pytest.mark.parametrize("overrides, expected", [
    (dict(birth_date=D(1990, 5, 2)), {"birth_date": [BIRTH_MESSAGE]}),
    (dict(birth_date=D(1991, 5, 1)), {"birth_date": [BIRTH_MESSAGE]}),
    (dict(gender="F"), {"gender": [MALE_MESSAGE]}),
    (dict(gender="M", id_number=WOMAN), {"gender": [FEMALE_MESSAGE]}),
    (dict(gender="F", birth_date=D(1990, 1, 5)), {"birth_date": [BIRTH_MESSAGE], "gender": [MALE_MESSAGE]}),
])
def test_it_refuses_a_birth_date_or_sex_that_disagrees_with_the_number(world, overrides, expected):
    assert create_errors(world, **overrides) == expected


def test_the_birth_date_message_names_the_numbers_date_without_leading_zeros(world):
    number = standard_number("542521", D(2001, 11, 23), 7)
    errors = create_errors(world, id_number=number, birth_date=D(2001, 11, 24), applied_on=D(2022, 1, 1))
    assert errors == {"birth_date": ["出生日期与身份证号码不一致（号码中为2001年11月23日）。"]}


def test_the_batch_check_refuses_the_same(world):
    with pytest.raises(ValidationError) as error:
        services.member_check_new(actor=world.alice, stored_hashes=set(), **fields(world.org_a1, gender="F"))
    assert error.value.message_dict == {"gender": [MALE_MESSAGE]}


def test_an_update_that_changes_only_the_sex_is_refused(world):
    member = services.member_create(actor=world.alice, **fields(world.org_a1))
    with pytest.raises(ValidationError) as error:
        services.member_update(actor=world.alice, member=member, gender="F")
    assert error.value.message_dict == {"gender": [MALE_MESSAGE]}
    member.refresh_from_db()
    assert member.gender == "M"


def member_post(world, **overrides):
    data = {"name": "次仁", "gender": "M", "ethnicity": "藏族", "birth_date": "1990-05-01", "id_number": MAN,
            "phone": "", "education": "", "occupation": "farmer_herder", "organization": world.org_a1.pk,
            "stage": "1", "applied_on": "2021-03-01", "activist_on": "", "candidate_on": "", "admitted_on": "",
            "full_member_on": "", "status": "normal", "status_changed_on": ""}
    data.update(overrides)
    return data


def test_the_form_shows_each_disagreement_beside_its_field(client_for, world):
    response = client_for(world.alice).post(reverse("cadres:member_create"),
                                            member_post(world, gender="F", birth_date="1990-05-02"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {"gender": [MALE_MESSAGE], "birth_date": [BIRTH_MESSAGE]}
    body = response.content.decode()
    assert MALE_MESSAGE in body and BIRTH_MESSAGE in body
    assert not PartyMember.objects.exists()


def test_the_edit_form_checks_the_stored_number_when_none_is_typed(client_for, world):
    member = PartyMemberFactory(organization=world.org_a1, gender="F", birth_date=D(1990, 5, 1), id_number=WOMAN,
                                stage=PartyMember.Stage.APPLICANT, applied_on=D(2021, 3, 1), activist_on=None,
                                candidate_on=None, admitted_on=None, full_member_on=None)
    data = member_post(world, gender="M", id_number="")
    del data["organization"]
    response = client_for(world.alice).post(reverse("cadres:member_update", args=[member.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"gender": [FEMALE_MESSAGE]}
    member.refresh_from_db()
    assert member.gender == "F"
