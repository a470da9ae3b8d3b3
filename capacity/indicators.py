"""Indicators of 基本能力 (DOMAIN.md section 5)."""
from ali_party.stock import STOCK_RULE_ZH
from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit, register

from . import selectors

STOCK = "按当年12月31日仍有效的记录统计。" + STOCK_RULE_ZH
FLOW = "按日期统计当年的记录（流量）。"


def _add(code, name_zh, name_en, unit, compute, order, description_zh, **extra):
    register(Indicator(code=code, name_zh=name_zh, name_en=name_en, pillar=Pillar.CAPACITY, unit=unit,
                       compute=compute, order=order, description_zh=description_zh, **extra))


_add("capacity.co_building_pairings", "军地共建结对", "Military–civilian co-building pairings", Unit.COUNT,
     selectors.co_building_pairings_by_area, 10, "已开始且未结束的军地共建结对数；" + STOCK)
_add("capacity.party_lectures", "共建党课", "Party lectures under pairings", Unit.SESSIONS,
     selectors.party_lectures_by_area, 20, "登记在军地共建结对下的“党课”活动场次；" + FLOW)
_add("capacity.defence_education", "国防教育", "National-defence education under pairings", Unit.SESSIONS,
     selectors.defence_education_by_area, 30, "登记在军地共建结对下的“国防教育”活动场次；" + FLOW)
_add("capacity.drills", "军地联合演练", "Drills under pairings", Unit.SESSIONS,
     selectors.drills_by_area, 40, "登记在军地共建结对下的“演练”活动场次；" + FLOW)
_add("capacity.dispute_screenings", "矛盾纠纷排查", "Dispute screenings", Unit.SESSIONS,
     selectors.dispute_screenings_by_area, 50, "当年开展的矛盾纠纷排查次数（按排查日期）；" + FLOW)
_add("capacity.disputes_found", "排查出矛盾纠纷", "Disputes found", Unit.ITEMS,
     selectors.disputes_found_by_area, 60, "当年发现的矛盾纠纷件数（按发现日期）；" + FLOW)
_add("capacity.disputes_mediated", "调处矛盾纠纷", "Disputes mediated", Unit.ITEMS,
     selectors.disputes_mediated_by_area, 70, "当年发现的矛盾纠纷中已调处的件数（不论结果）。")
_add("capacity.mediation_rate", "矛盾纠纷调处率", "Mediation rate", Unit.PERCENT,
     selectors.mediation_rate_by_area, 80, "已调处件数 ÷ 发现件数，按纠纷发现年度统计。",
     numerator_zh="已调处纠纷件数", denominator_zh="发现纠纷件数")
_add("capacity.mediation_success_rate", "矛盾纠纷调处成功率", "Mediation success rate", Unit.PERCENT,
     selectors.mediation_success_rate_by_area, 90, "调解成功件数 ÷ 已调处件数，按纠纷发现年度统计。",
     numerator_zh="调解成功件数", denominator_zh="已调处纠纷件数")
_add("capacity.collective_economy_demo_villages", "集体经济示范村", "Collective-economy demonstration villages",
     Unit.COUNT, selectors.demo_villages_by_area, 100, "命名年度不晚于当年的集体经济示范村数（存量）。")
_add("capacity.income_teams", "党员施工队和创收队", "Party-member construction and income teams", Unit.COUNT,
     selectors.income_teams_by_area, 110, "已成立且未解散的施工队、创收队数；" + STOCK)
_add("capacity.strong_weak_pairings", "“强带弱”结对", "Strong-helps-weak village pairings", Unit.COUNT,
     selectors.strong_weak_pairings_by_area, 120, "已结对且未结束的“强带弱”结对数，计入强村所在区域；" + STOCK)
_add("capacity.ecology_teams", "绿色“五支”队伍", "Green ecology teams", Unit.COUNT,
     selectors.ecology_teams_by_area, 130, "已组建且未撤销的绿色“五支”队伍数；" + STOCK)
_add("capacity.ecology_team_members", "绿色“五支”队伍人数", "Ecology team members", Unit.PERSONS,
     selectors.ecology_team_members_by_area, 140, "绿色“五支”队伍队员人数之和；" + STOCK)
_add("capacity.ecology_talks", "生态宣讲", "Ecology talks", Unit.SESSIONS,
     selectors.ecology_talks_by_area, 150, "活动类型为“生态宣讲”的活动场次；" + FLOW)
_add("capacity.ecology_volunteer_services", "生态义务服务(植树、清扫、巡逻)",
     "Ecology volunteer services (planting, cleaning, patrols)", Unit.SESSIONS,
     selectors.ecology_volunteer_services_by_area, 160, "活动类型为“义务服务(植树/清扫/巡逻)”的活动场次；" + FLOW)
_add("capacity.six_clean_campaigns", "“六清”环境整治", "\"Six cleans\" clean-ups", Unit.SESSIONS,
     selectors.six_clean_campaigns_by_area, 170, "活动类型为“六清”环境整治的活动场次；" + FLOW)
