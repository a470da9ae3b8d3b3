"""Indicators of 党费 (filed under 基本制度: dues are part of a member's organization life). The
catalogue is per year (a selector takes a year), so the collection rate is a yearly figure: the
months of the year added up — every month a member owes counts once in the denominator and once
in the numerator when paid. The month by month figure is on each branch's ledger page."""
from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit, counts_in, register

from . import selectors

register(Indicator(
    code="dues.collection_rate", name_zh="党费收缴率",
    name_en="Party dues collection rate", pillar=Pillar.SYSTEMS, unit=Unit.PERCENT,
    compute=selectors.collection_rate_by_area, order=110,
    numerator_zh="已交党费人次（人·月）", denominator_zh="应交党费人次（人·月）",
    description_zh="当年各月党费台账中已交纳的人次占应交人次的比例（批准免交的月份不计；以后补缴的计入所属月份；"
                   "尚未到来的月份不计）。"))

register(Indicator(
    code="dues.amount_collected", name_zh="收缴党费金额",
    name_en="Party dues collected", pillar=Pillar.SYSTEMS, unit=Unit.YUAN,
    compute=selectors.amount_collected_by_area, order=120,
    description_zh="流量：交纳日期在当年的党费（含补缴、代缴、预交）合计，按收缴党组织所在区域归属。"))

register(Indicator(
    code="dues.members_in_arrears", name_zh="欠交党费3个月以上的党员",
    name_en="Members three months or more in arrears", pillar=Pillar.SYSTEMS, unit=Unit.PERSONS,
    compute=selectors.members_in_arrears_by_area, order=130,
    description_zh="存量：截至当年12月31日，在同一党组织的台账中累计3个月及以上应交未交（或当日以后才补缴）的党员数。"
                   "党员连续6个月不交纳党费是否按自行脱党处理，由支部党员大会决定，系统不作判断。"))

# A line counts in its ledger's year (and, as arrears, in the years after it); a payment in the
# years of the lines it settles as well as in the year it was paid.
counts_in("dues.DuesLedgerLine", dates=["ledger__year"])
counts_in("dues.DuesPayment", dates=["lines__ledger__year"])
