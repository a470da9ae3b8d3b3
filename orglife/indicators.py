"""Indicators of 换届 (基本组织): terms due in the year, overdue at its end, held on time."""
from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit, counts_in, register

from . import selectors

RULE = "任期届满日期按《关于党的基层组织任期的意见》：基层党委和村（社区）党组织每届5年，党总支、党支部每届3年。"

register(Indicator(
    code="org.terms_due", name_zh="任期届满应换届的党组织届次数", name_en="Terms due for re-election in the year",
    pillar=Pillar.ORGANIZATION, unit=Unit.COUNT, compute=selectors.terms_due_by_area, order=40,
    description_zh="任期届满日期在统计年度内的届次（党组织年底仍存在）。" + RULE))
register(Indicator(
    code="org.terms_overdue", name_zh="到期未换届的党组织届次数", name_en="Terms overdue for re-election at year end",
    pillar=Pillar.ORGANIZATION, unit=Unit.COUNT, compute=selectors.terms_overdue_by_area, order=41,
    description_zh="统计年度12月31日任期已届满、到当日仍未产生下一届的届次（党组织年底仍存在）。" + RULE))
register(Indicator(
    code="org.terms_on_time_rate", name_zh="按期换届率", name_en="Re-elections held on time",
    pillar=Pillar.ORGANIZATION, unit=Unit.PERCENT, compute=selectors.terms_held_on_time_by_area, order=42,
    numerator_zh="届满日期前完成换届选举的届次", denominator_zh="统计年度内任期届满的届次",
    description_zh="统计年度内任期届满的届次中，下一届选举日期不晚于届满日期的比例。" + RULE))

# A term counts as held (or not) in its predecessor's due year, through its own election date.
counts_in("orglife.Term", dates=["previous__due_on"])
