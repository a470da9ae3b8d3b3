"""Indicators of 基本活动 (DOMAIN.md section 3), plus "三讲" and "五星" which are recorded as
activities but reported under 基本队伍."""
from ali_party.stock import STOCK_RULE_ZH
from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit, register

from . import selectors

FLOW = "按活动日期统计当年开展的记录（流量）。"

register(Indicator(
    code="activities.political_study", name_zh="政治学习(“五学”)活动", name_en="Political study activities",
    pillar=Pillar.ACTIVITIES, unit=Unit.SESSIONS, compute=selectors.political_study_by_area, order=10,
    description_zh="活动类型为“政治学习(“五学”)”的活动场次；" + FLOW))
register(Indicator(
    code="activities.political_study_person_times", name_zh="政治学习参加人次",
    name_en="Political study person-times", pillar=Pillar.ACTIVITIES, unit=Unit.PERSON_TIMES,
    compute=selectors.political_study_person_times_by_area, order=20,
    description_zh="政治学习活动“参加人次”之和；" + FLOW))
register(Indicator(
    code="activities.theme_party_days", name_zh="主题党日活动", name_en="Theme party days",
    pillar=Pillar.ACTIVITIES, unit=Unit.SESSIONS, compute=selectors.theme_party_days_by_area, order=30,
    description_zh="活动类型为“主题党日”的活动场次；" + FLOW))
register(Indicator(
    code="activities.publicity", name_zh="宣传活动", name_en="Publicity activities",
    pillar=Pillar.ACTIVITIES, unit=Unit.SESSIONS, compute=selectors.publicity_by_area, order=40,
    description_zh="活动类型为“宣传活动”的活动场次；" + FLOW))
register(Indicator(
    code="activities.volunteer_services", name_zh="志愿服务活动", name_en="Volunteer services",
    pillar=Pillar.ACTIVITIES, unit=Unit.SESSIONS, compute=selectors.volunteer_services_by_area, order=50,
    description_zh="活动类型为“志愿服务”（进村入户、结对认亲交朋友，党员“三包”）的活动场次；" + FLOW))
register(Indicator(
    code="activities.problems_solved", name_zh="解决急难愁盼问题", name_en="Urgent problems solved",
    pillar=Pillar.ACTIVITIES, unit=Unit.ITEMS, compute=selectors.problems_solved_by_area, order=60,
    description_zh="主题党日和志愿服务活动上登记的“解决急难愁盼问题(件)”之和（其他类型活动上登记的不计入）；" + FLOW))
register(Indicator(
    code="activities.service_halls", name_zh="一站式便民服务大厅", name_en="One-stop service halls",
    pillar=Pillar.ACTIVITIES, unit=Unit.COUNT, compute=selectors.service_halls_by_area, order=70,
    description_zh="当年12月31日已启用且未停用的便民服务大厅数。" + STOCK_RULE_ZH))
register(Indicator(
    code="activities.contact_cards", name_zh="发放便民联系卡", name_en="Contact cards issued",
    pillar=Pillar.ACTIVITIES, unit=Unit.COUNT, compute=selectors.contact_cards_by_area, order=80,
    description_zh="当年各次发放的联系卡张数之和（按发放日期，流量）。"))
register(Indicator(
    code="activities.proxy_matters", name_zh="代办事项", name_en="Matters handled on villagers' behalf",
    pillar=Pillar.ACTIVITIES, unit=Unit.ITEMS, compute=selectors.proxy_matters_by_area, order=90,
    description_zh="当年受理的代办事项件数（按受理日期，流量；不论办理结果）。"))
register(Indicator(
    code="personnel.three_talks", name_zh="“三讲”活动", name_en="\"Three talks\" activities",
    pillar=Pillar.PERSONNEL, unit=Unit.SESSIONS, compute=selectors.three_talks_by_area, order=210,
    description_zh="活动类型为“三讲”的活动场次；" + FLOW))
register(Indicator(
    code="personnel.five_star_ratings", name_zh="“五星”评比", name_en="\"Five star\" ratings",
    pillar=Pillar.PERSONNEL, unit=Unit.SESSIONS, compute=selectors.five_star_by_area, order=220,
    description_zh="活动类型为“五星”评比的活动场次；" + FLOW))

# Activities per month: the dashboard's monthly chart (no KPI card of their own).
for month in range(1, 13):
    register(Indicator(
        code=f"activities.month_{month:02d}", name_zh=f"{month}月开展活动", name_en=f"Activities in month {month}",
        pillar=Pillar.ACTIVITIES, unit=Unit.SESSIONS, compute=selectors.activities_in_month_by_area(month),
        order=900 + month, show_as_card=False, description_zh="当月开展的各类活动场次（图表用）；" + FLOW))
