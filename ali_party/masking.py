"""Personal numbers as shown to people who may not see them in full: pages, exports, form help
texts, messages, the change log, logs and error reports all mask with these two functions
(cadres.validators re-exports them; ali_party.logging applies them inside free text)."""
from __future__ import annotations

ID_NUMBER_SHOWN = 6  # characters kept at the start of an 18-character ID number: the region code


def mask_id_number(value: str) -> str:
    """Keep the first 6 characters (the region code), star the other 12: 542523************.

    Why nothing else may be shown. The 18 characters of a resident ID number (GB 11643-1999) are
    the region code (1–6), the birth date (7–14), a sequence number (15–17, the 17th odd for men
    and even for women) and an ISO 7064 MOD 11-2 check character (18) computed from the first 17.
    Whoever sees a masked number here also sees the person's birth date, sex and county on the same
    pages and exports, so positions 1–14 and the parity of 17 are known to them anyway: the only
    secret left is positions 15–17 — 100 × 5 = 500 possible numbers, each with its own check
    character. Every one of positions 15–18 that is shown cuts that down (the old mask kept the
    last four and so gave the whole number back); the check character alone leaves about 45. So
    none of 15–18 is shown. The birth date is starred as well: where it is needed it has a column
    of its own, and a mask that carried it would show it in places that do not (a message, a
    change-log entry, a log line). The region is kept: a clerk checks a number by it ("born in
    噶尔县?"), and the viewer knows the county anyway."""
    if not value:
        return ""
    if len(value) <= ID_NUMBER_SHOWN:
        return "*" * len(value)
    return value[:ID_NUMBER_SHOWN] + "*" * (len(value) - ID_NUMBER_SHOWN)


def mask_phone(value: str) -> str:
    """Keep the first 3 and last 4 digits of a phone number (139****5678), as is usual nationwide:
    a mobile number's four middle digits are 10,000 possibilities and nothing else shows them."""
    if not value:
        return ""
    return value[:3] + "****" + value[-4:] if len(value) >= 8 else "*" * len(value)
