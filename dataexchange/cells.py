"""Turning spreadsheet cells into the text a web form would receive, the way a person expects.

- Text: NFKC (full-width digits and letters become half-width), surrounding spaces (also the
  full-width space) removed, and the apostrophe an export puts before formula-like text.
- Dates: real Excel dates, or text written the Chinese way: 2022年3月5日, 2022.3.5, 2022/3/5,
  2022-03-05, 20220305.
- Whole numbers stored by Excel as 3.0 become "3"; an 18-digit ID number that Excel turned into a
  number has lost its last digits and is refused with an explanation.
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from ali_party.spreadsheets import FORMULA_PREFIXES


class CellError(ValueError):
    """A cell that cannot be understood; the message is Chinese and names what was expected."""


def clean_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_PREFIXES:
        # The apostrophe every export puts before text that would run as a formula (safe_cell):
        # not part of the value, so that an exported "'=1+1" reads back as the "=1+1" it was.
        text = text[1:]
    return text


_DATE = re.compile(r"^(\d{4})\s*(?:年|\.|/|-)\s*(\d{1,2})\s*(?:月|\.|/|-)\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = clean_text(value)
    if not text:
        return None
    match = _DATE.match(text) or _COMPACT.match(text)
    if match:
        try:
            return datetime.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise CellError(_("日期“%(text)s”不存在，请核对年月日。") % {"text": text}) from None
    raise CellError(_("无法识别的日期“%(text)s”，请写成 2022-03-05 或 2022年3月5日。") % {"text": text})


def parse_int(value) -> int | None:
    text = clean_text(value).replace(",", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("“%(text)s”不是整数。") % {"text": text}) from None
    if number != number.to_integral_value():
        raise CellError(_("“%(text)s”不是整数。") % {"text": text})
    return int(number)


def parse_decimal(value) -> str:
    if isinstance(value, float):
        value = repr(value)  # keep the digits Excel stored, no binary noise
    text = clean_text(value).replace(",", "").replace("，", "")
    if text.endswith("元"):
        text = text[:-1].strip()
    if not text:
        return ""
    try:
        Decimal(text)
    except InvalidOperation:
        raise CellError(_("“%(text)s”不是数字（单位：元）。") % {"text": text}) from None
    return text


TRUE_WORDS = {"是", "有", "√", "✓", "Y", "YES", "TRUE", "1", "对"}
FALSE_WORDS = {"否", "无", "×", "N", "NO", "FALSE", "0", "不是", ""}


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = clean_text(value).upper()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(_("“%(text)s”应填“是”或“否”。") % {"text": clean_text(value)})


def parse_id_number(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = len(str(int(value)))
        if digits >= 16:
            raise CellError(_("身份证号码被 Excel 存成了数字，末几位已经丢失。请把该列设置为“文本”格式后重新填写。"))
    text = unicodedata.normalize("NFKC", clean_text(value))
    return "".join(text.split()).upper()
