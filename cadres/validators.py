"""Chinese resident ID numbers (居民身份证号码): 18 characters, the last a checksum."""
import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from stdnum.cn import ric

# Why not stdnum's ric.validate(): it also checks the birth place against its own table of county
# codes, which lacks several of 阿里地区's (542521 普兰县, 542523 噶尔县 … are refused for people born
# in 1990) and raises KeyError on some. A real resident's number must never be refused, so the
# place is not checked here; the checksum (ISO 7064 MOD 11-2, from stdnum) and the birth date are.
ID_PATTERN = re.compile(r"^[1-9][0-9]{16}[0-9X]$")


def normalize_id_number(value: str) -> str:
    """Full-width digits and letters to half-width, spaces removed, a trailing x upper-cased."""
    value = unicodedata.normalize("NFKC", value or "")
    return "".join(value.split()).upper()


def validate_id_number(value: str) -> None:
    number = normalize_id_number(value)
    if len(number) != 18:
        raise ValidationError("身份证号码必须是18位（当前%(n)d位）。", code="id_length", params={"n": len(number)})
    if not ID_PATTERN.match(number):
        raise ValidationError("身份证号码只能由数字组成，最后一位可以是X。", code="id_format")
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError("身份证号码中的出生日期无效。", code="id_birth_date")
    if birth.year < 1900 or birth > datetime.date.today():
        raise ValidationError("身份证号码中的出生日期无效。", code="id_birth_date")
    if ric.calc_check_digit(number[:17]) != number[17]:
        raise ValidationError("身份证号码校验位不正确，请核对。", code="id_checksum")


def birth_date_from_id(value: str) -> datetime.date:
    number = normalize_id_number(value)
    return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def make_id_number(region: str, birth: datetime.date, sequence: int) -> str:
    """A well-formed number (for demo data and tests): region code, birth date, sequence, checksum."""
    body = f"{region}{birth:%Y%m%d}{sequence % 1000:03d}"
    return body + ric.calc_check_digit(body)


# The masks: one rule for every page, export, message and log, kept at the bottom layer (ali_party)
# so that the log filter uses it too; see ali_party.masking.mask_id_number for why only the region
# code of an ID number may be shown.
from ali_party.masking import mask_id_number, mask_phone  # noqa: E402,F401
