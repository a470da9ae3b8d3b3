"""Indicators of 基本制度 (DOMAIN.md section 4), computed from the pillar's records."""
from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit, register

from . import selectors
from .models import Rating

_RESULTS_NOTE = "按评议年度统计民主评议结果(流量：该年度民主评议)；按评议活动所在党组织归属区域。"

_RATINGS = [
    (Rating.EXCELLENT, "excellent", "优秀", "Members rated excellent"),
    (Rating.QUALIFIED, "qualified", "合格", "Members rated qualified"),
    (Rating.BASICALLY_QUALIFIED, "basically_qualified", "基本合格", "Members rated basically qualified"),
    (Rating.UNQUALIFIED, "unqualified", "不合格", "Members rated unqualified"),
    (Rating.UNGRADED, "ungraded", "不定等次", "Members not graded"),
]

for position, (rating, slug, label, name_en) in enumerate(_RATINGS):
    name_zh = f"{label}党员"
    register(Indicator(
        code=f"systems.rating_{slug}", name_zh=f"民主评议{name_zh}数", name_en=name_en,
        pillar=Pillar.SYSTEMS, unit=Unit.PERSONS, compute=selectors.rating_count_by_area(rating),
        description_zh=_RESULTS_NOTE, order=20 + 2 * position,
    ))
    register(Indicator(
        code=f"systems.rating_{slug}_rate", name_zh=f"民主评议{name_zh}占比", name_en=f"{name_en} (share)",
        pillar=Pillar.SYSTEMS, unit=Unit.PERCENT, compute=selectors.rating_rate_by_area(rating),
        numerator_zh=f"评定为“{label}”的党员数", denominator_zh="当年参加民主评议的党员总数(全部评议结果)",
        description_zh=_RESULTS_NOTE, order=21 + 2 * position,
    ))

register(Indicator(
    code="systems.rating_evaluated_total", name_zh="参加民主评议党员数", name_en="Members evaluated",
    pillar=Pillar.SYSTEMS, unit=Unit.PERSONS, compute=selectors.evaluated_total_by_area,
    description_zh=_RESULTS_NOTE, order=19,
))
register(Indicator(
    code="systems.record_books_and_boards", name_zh="组织生活记录本和提醒提示牌(个/册)",
    name_en="Record books and reminder boards issued", pillar=Pillar.SYSTEMS, unit=Unit.ITEMS,
    compute=selectors.record_books_and_boards_by_area,
    description_zh="按发放年度统计记录本(册)与提醒提示牌(个)之和(流量)。", order=10,
))
register(Indicator(
    code="systems.nine_ones_activities", name_zh="“九个一”活动场次", name_en="\"Nine ones\" activities",
    pillar=Pillar.SYSTEMS, unit=Unit.SESSIONS, compute=selectors.nine_ones_activities_by_area,
    description_zh="当年召开的、类型属于“九个一”的组织生活记录场次(流量)。", order=11,
))
register(Indicator(
    code="systems.three_meetings_one_lecture", name_zh="“三会一课”场次",
    name_en="\"Three meetings, one lecture\" sessions", pillar=Pillar.SYSTEMS, unit=Unit.SESSIONS,
    compute=selectors.three_meetings_one_lecture_by_area,
    description_zh="当年召开的支部党员大会、支部委员会、党小组会和党课场次(流量)。", order=12,
))
register(Indicator(
    code="systems.heart_to_heart_talks", name_zh="谈心谈话场次", name_en="Heart-to-heart talks",
    pillar=Pillar.SYSTEMS, unit=Unit.SESSIONS, compute=selectors.heart_to_heart_talks_by_area,
    description_zh="当年开展的谈心谈话场次(流量)。", order=40,
))
