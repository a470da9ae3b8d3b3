"""Chinese resident ID numbers (居民身份证号码, GB 11643-1999): 18 characters, the last a checksum."""
import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

# The birth place (digits 1–6) is not checked: lists of county codes (stdnum's among them) lack
# several of 阿里地区's (542521 普兰县, 542523 噶尔县 …) and a real resident's number must never be
# refused. The checksum and the birth date are checked; the sex digit is checked against the
# record's sex by the model (PartyMember.clean, through id_number_disagreements).
ID_PATTERN = re.compile(r"^[1-9][0-9]{16}[0-9X]$")

# GB 11643-1999 §8.2, ISO 7064 MOD 11-2: the weight of position i (1 … 17, left to right) is
# 2^(18-i) mod 11; the check character is the one at (sum of digit × weight) mod 11.
CHECK_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"


def normalize_id_number(value: str) -> str:
    """Full-width digits and letters to half-width, spaces removed, a trailing x upper-cased."""
    value = unicodedata.normalize("NFKC", value or "")
    return "".join(value.split()).upper()


def id_check_character(first_17_digits: str) -> str:
    """The check character (18th) of a number whose first 17 digits are given (exactly 17)."""
    if len(first_17_digits) != 17 or not first_17_digits.isdigit():
        raise ValueError("need exactly the first 17 digits")
    total = sum(int(digit) * weight for digit, weight in zip(first_17_digits, CHECK_WEIGHTS))
    return CHECK_CHARACTERS[total % 11]


def validate_id_number(value: str) -> None:
    number = normalize_id_number(value)
    if len(number) != 18:
        raise ValidationError(gettext("身份证号码必须是18位（当前%(n)d位）。"), code="id_length", params={"n": len(number)})
    if not ID_PATTERN.match(number):
        raise ValidationError(gettext("身份证号码只能由数字组成，最后一位可以是X。"), code="id_format")
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as error:
        raise ValidationError(gettext("身份证号码中的出生日期无效。"), code="id_birth_date") from error
    if birth.year < 1900 or birth > datetime.date.today():
        raise ValidationError(gettext("身份证号码中的出生日期无效。"), code="id_birth_date")
    if id_check_character(number[:17]) != number[17]:
        raise ValidationError(gettext("身份证号码校验位不正确，请核对。"), code="id_checksum")


def birth_date_from_id(value: str) -> datetime.date:
    """Digits 7–14 (YYYYMMDD); ValueError when they are no date."""
    number = normalize_id_number(value)
    return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def gender_from_id(value: str) -> str:
    """"M" or "F" (cadres.models.Gender's values): the 17th digit is odd for men, even for women."""
    number = normalize_id_number(value)
    if len(number) < 17 or not number[16].isdigit():
        raise ValueError("no 17th digit")
    return "M" if int(number[16]) % 2 else "F"


def id_number_disagreements(value: str, *, birth_date: datetime.date | None,
                            gender: str | None) -> dict[str, str]:
    """The record's birth date and sex where they disagree with a (valid) ID number:
    {"birth_date": message, "gender": message}, each key only when that one disagrees. A number
    too malformed to read either from gives nothing here (validate_id_number reports it)."""
    problems = {}
    try:
        in_number = birth_date_from_id(value)
    except ValueError:
        in_number = None
    if birth_date and in_number and in_number != birth_date:
        problems["birth_date"] = gettext("出生日期与身份证号码不一致（号码中为%(year)d年%(month)d月%(day)d日）。") % {
            "year": in_number.year, "month": in_number.month, "day": in_number.day}
    try:
        sex = gender_from_id(value)
    except ValueError:
        sex = None
    if gender and sex and gender != sex:
        problems["gender"] = (gettext("性别与身份证号码不一致（号码第17位为奇数，应为男）。") if sex == "M"
                              else gettext("性别与身份证号码不一致（号码第17位为偶数，应为女）。"))
    return problems


def make_id_number(region: str, birth: datetime.date, n: int, *, gender: str) -> str:
    """The `n`-th (from 0, at most 499) valid number of a man (gender "M") or woman ("F") born on
    `birth` in `region` (6 digits), for demo data and tests: its 3-digit order code (digits 15–17)
    is 2n+1 for a man and 2n for a woman, so the 17th digit agrees with the sex."""
    if gender not in ("M", "F"):
        raise ValueError(f"gender must be 'M' or 'F', not {gender!r}")
    if not 0 <= n < 500:
        raise ValueError(f"only 500 numbers per region, birth date and sex (n={n})")
    body = f"{region}{birth:%Y%m%d}{2 * n + (1 if gender == 'M' else 0):03d}"
    return body + id_check_character(body)


# The masks: one rule for every page, export, message and log, kept at the bottom layer (ali_party)
# so that the log filter uses it too; see ali_party.masking.mask_id_number for why only the region
# code of an ID number may be shown.
from ali_party.masking import mask_id_number, mask_phone  # noqa: E402,F401
