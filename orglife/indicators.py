"""Indicators of 换届 (基本组织): terms due in the year, overdue at its end, held on time."""
from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit, counts_in, register

from . import selectors
from .models import AppraisalGrade

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

# --- 述职评议考核 (基本制度: the 述职评议考核 of secretaries is one of the systems of 基层党建工作责任制,
# shown next to the democratic evaluation of members) ------------------------------------------------

_APPRAISAL_NOTE = ("按考核年度统计党组织书记抓基层党建工作述职评议考核结果（流量），按党组织所在区域；"
                   "等次依据《党委（党组）书记抓基层党建工作述职评议考核办法（试行）》分为好、较好、一般、差。")

_GRADES = [
    (AppraisalGrade.GOOD, "good", "好", "Secretaries graded good"),
    (AppraisalGrade.FAIRLY_GOOD, "fairly_good", "较好", "Secretaries graded fairly good"),
    (AppraisalGrade.AVERAGE, "average", "一般", "Secretaries graded average"),
    (AppraisalGrade.POOR, "poor", "差", "Secretaries graded poor"),
]

register(Indicator(
    code="systems.appraisals_total", name_zh="参加述职评议考核的党组织书记数",
    name_en="Secretaries appraised (report on party building)", pillar=Pillar.SYSTEMS, unit=Unit.PERSONS,
    compute=selectors.appraisal_count_by_area(None), description_zh=_APPRAISAL_NOTE, order=50))
for position, (grade, slug, label, name_en) in enumerate(_GRADES):
    register(Indicator(
        code=f"systems.appraisal_{slug}", name_zh=f"述职评议考核等次为“{label}”的书记数", name_en=name_en,
        pillar=Pillar.SYSTEMS, unit=Unit.PERSONS, compute=selectors.appraisal_count_by_area(grade),
        description_zh=_APPRAISAL_NOTE, order=51 + 2 * position))
    register(Indicator(
        code=f"systems.appraisal_{slug}_rate", name_zh=f"述职评议考核“{label}”等次比例",
        name_en=f"{name_en} (share)", pillar=Pillar.SYSTEMS, unit=Unit.PERCENT,
        compute=selectors.appraisal_rate_by_area(grade), numerator_zh=f"考核等次为“{label}”的书记数",
        denominator_zh="当年参加述职评议考核的书记数", description_zh=_APPRAISAL_NOTE, order=52 + 2 * position))
register(Indicator(
    code="systems.appraisal_follow_ups_overdue", name_zh="述职评议考核整改逾期未完成数",
    name_en="Appraisal rectifications overdue at year end", pillar=Pillar.SYSTEMS, unit=Unit.COUNT,
    compute=selectors.appraisal_follow_ups_overdue_by_area, order=59,
    description_zh="统计年度12月31日，考核等次为“一般”“差”、整改期限已过而到当日仍未完成整改的述职评议考核记录（按党组织所在区域）。"))
