"""Query-string parameters that name a record by its id (?area=, ?allocation=)."""
from __future__ import annotations

BIGINT_MAX = 2**63 - 1


def parse_id(value) -> int | None:
    """A positive id that fits a bigint, or None: "²" and "１２３" pass str.isdigit() but are no
    id, and a 20-digit number overflows on PostgreSQL instead of finding nothing."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 0 < number <= BIGINT_MAX else None
