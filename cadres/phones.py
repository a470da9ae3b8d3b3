"""Phone numbers (联系电话): a mainland mobile number or a landline, nothing else.

Free text used to be kept as typed, markup included, and came back inside the edit form's masked
help text (issue 17). Only digits and hyphens in the two national shapes are stored now:
- mobile: 1, then 3–9, then 9 digits (13912345678);
- landline: an optional area code (0 and 2–3 digits, optionally followed by a hyphen), a 7- or
  8-digit number, an optional extension after a hyphen (0897-2821234, 010-12345678-801).
"""
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE_RE = re.compile(r"1[3-9]\d{9}")
LANDLINE_RE = re.compile(r"(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?")
PHONE_MESSAGE = _("联系电话格式不正确：请填写11位手机号码（如 13912345678）或固定电话（如 0897-2821234）。")


def normalize_phone(value) -> str:
    """Full-width digits and hyphens to half-width, spaces removed (as pasted from other systems)."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    return "".join(text.split()).replace("－", "-").replace("—", "-").replace("–", "-")


def validate_phone(value) -> None:
    if not value:
        return
    if not (value.isascii() and (MOBILE_RE.fullmatch(value) or LANDLINE_RE.fullmatch(value))):
        raise ValidationError(PHONE_MESSAGE, code="phone_format")
