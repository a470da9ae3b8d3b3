"""Text written into a spreadsheet (Excel exports, import templates, indicator workbooks, CSV) is
never run as a formula: one function, applied to every cell in one place per writer."""
from __future__ import annotations

# What Excel, LibreOffice and WPS run as a formula when a cell's text starts with it: "=" (openpyxl
# even writes such a string as a formula cell), and from CSV also "+", "-", "@", tab and CR.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (formula injection);
    anything else (numbers, dates, other text) is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
