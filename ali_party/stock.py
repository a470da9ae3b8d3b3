"""The one convention for stock figures (存量): a record counts in year Y's stock when it is in
force on 31 December of Y.

A start date (founded, opened, term start, admitted, granted) is the first day in force. An end
date (a term's or pairing's end, a hall's closing, an organization's merger or dissolution, a
member's status change, a designation's revocation) is the LAST day in force: a record that ends on
31 December still counts in that year's stock, and not in the next year's. Every stock selector
builds its filter here, and every stock indicator's description says so (STOCK_RULE_ZH).
"""
import datetime

from django.db.models import Q

STOCK_RULE_ZH = "存量：以当年12月31日为准，开始日期不晚于当日、且结束（撤销、停用、离任、状态变更）日期为空或不早于当日的记录计入（12月31日结束的计入当年）。"


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def in_force_on(day: datetime.date, *, start: str | None = None, end: str | None = None,
                start_may_be_empty: bool = False) -> Q:
    """Records in force on `day`: started by then (`start` field), not ended before it (`end`)."""
    condition = Q()
    if start:
        started = Q(**{f"{start}__lte": day})
        condition &= (started | Q(**{f"{start}__isnull": True})) if start_may_be_empty else started
    if end:
        condition &= Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day})
    return condition


def in_status_on(day: datetime.date, *, status: str, normal, changed_on: str) -> Q:
    """Records whose status was `normal` on `day`: normal now, or changed on `day` or later (the
    change date is the last day of the old status)."""
    return Q(**{status: normal}) | Q(**{f"{changed_on}__gte": day})
