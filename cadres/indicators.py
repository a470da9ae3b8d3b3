"""Indicators of 基本队伍 (section 2 of DOMAIN.md), computed from the records for any year and node."""
from ali_party.stock import STOCK_RULE_ZH
from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit, counts_in, register

from . import selectors

P = Pillar.PERSONNEL
STOCK = "统计当年12月31日的情况。" + STOCK_RULE_ZH
FLOW = "流量指标：统计当年1月1日至12月31日的记录。"

register(Indicator(
    code="personnel.two_committee_party_member_rate", name_zh="村“两委”班子成员中党员占比",
    name_en="Village two-committee members who are party members", pillar=P, unit=Unit.PERCENT,
    compute=selectors.two_committee_party_member_rate_by_area,
    numerator_zh="年末在任两委成员中的党员数", denominator_zh="年末在任两委成员数",
    description_zh=STOCK + "党员指当日已接收为预备党员或正式党员且党籍正常。", order=10))

register(Indicator(
    code="personnel.language_proficient_count", name_zh="能懂会说国家通用语言日常语句的两委成员",
    name_en="Two-committee members proficient in the national common language", pillar=P, unit=Unit.PERSONS,
    compute=selectors.language_proficient_by_area,
    description_zh=STOCK + "年末在任两委成员中，当年评估为“能懂会说日常语句”及以上的人数。", order=20))

register(Indicator(
    code="personnel.language_proficiency_rate", name_zh="两委成员国家通用语言掌握率",
    name_en="National common language proficiency rate of two-committee members", pillar=P, unit=Unit.PERCENT,
    compute=selectors.language_proficiency_rate_by_area,
    numerator_zh="当年评估为“能懂会说日常语句”及以上的年末在任两委成员", denominator_zh="年末在任两委成员数",
    description_zh=STOCK + "未参加当年评估的成员计入分母、不计入分子。", order=21))

register(Indicator(
    code="personnel.language_proficiency_change", name_zh="两委成员国家通用语言掌握率同比变化",
    name_en="Change of the proficiency rate year on year", pillar=P, unit=Unit.PERCENTAGE_POINTS,
    change_of="personnel.language_proficiency_rate",
    description_zh="当年掌握率减去上一年掌握率（百分点）。", order=22))

register(Indicator(
    code="personnel.language_training_sessions", name_zh="国家通用语言培训期数",
    name_en="National common language training sessions", pillar=P, unit=Unit.SESSIONS,
    compute=selectors.language_training_sessions_by_area,
    description_zh=FLOW + "按开班日期计。", order=30))

register(Indicator(
    code="personnel.language_training_attendance", name_zh="国家通用语言培训人次",
    name_en="National common language training attendance", pillar=P, unit=Unit.PERSON_TIMES,
    compute=selectors.language_training_attendance_by_area,
    description_zh=FLOW + "按开班日期计。", order=31))

register(Indicator(
    code="personnel.farmer_herder_members", name_zh="农牧民党员",
    name_en="Farmer and herder party members", pillar=P, unit=Unit.PERSONS,
    compute=selectors.farmer_herder_members_by_area,
    description_zh=STOCK + "职业类别为农牧民、年末前已接收为预备党员或正式党员、年末党籍正常；按当日所在党组织（由组织关系转接记录还原）归属。",
    order=40))

register(Indicator(
    code="personnel.farmer_herder_women", name_zh="农牧民党员中女党员",
    name_en="Women among farmer and herder party members", pillar=P, unit=Unit.PERSONS,
    compute=selectors.farmer_herder_women_by_area, description_zh=STOCK, order=41))

register(Indicator(
    code="personnel.farmer_herder_under_30", name_zh="30岁以下农牧民党员",
    name_en="Farmer and herder party members under 30", pillar=P, unit=Unit.PERSONS,
    compute=selectors.farmer_herder_under_30_by_area,
    description_zh=STOCK + "年龄按当年12月31日计算，不足30周岁。", order=42))

register(Indicator(
    code="personnel.members_developed", name_zh="发展党员数",
    name_en="Members developed (admitted as probationary members)", pillar=P, unit=Unit.PERSONS,
    compute=selectors.members_developed_by_area,
    description_zh=FLOW + "当年接收为预备党员的人数。", order=45))

register(Indicator(
    code="personnel.cadres_sent", name_zh="驻村干部（“六个一”力量）",
    name_en="Cadres sent to villages", pillar=P, unit=Unit.PERSONS,
    compute=selectors.cadres_sent_by_area,
    description_zh="当年内任何时间在驻的干部人数。", order=50))

register(Indicator(
    code="personnel.cadre_problems_solved", name_zh="驻村干部解决问题",
    name_en="Problems solved by cadres sent to villages", pillar=P, unit=Unit.ITEMS,
    compute=selectors.cadre_problems_solved_by_area, description_zh=FLOW, order=51))

register(Indicator(
    code="personnel.cadre_policy_talks", name_zh="驻村干部政策宣讲",
    name_en="Policy talks by cadres sent to villages", pillar=P, unit=Unit.SESSIONS,
    compute=selectors.cadre_policy_talks_by_area, description_zh=FLOW, order=52))

# Where members are counted besides their organization (indicators.receivers reads these): the
# organizations before and after each transfer (the farmer-herder figures follow the member's
# organization on 31 December), and the villages whose two-committee they sit on (the share of
# party members among two-committee members reads the member's stage and status).
counts_in("cadres.PartyMember", places=[
    "transfers__from_organization__area", "transfers__to_organization__area", "committee_posts__village"])
# A transfer moves where its member counts in the years before it too (until the member's first
# transfer they count at its `from` organization): every year, at every organization of the member.
counts_in("cadres.OrganizationTransfer", every_year=True, places=[
    "member__organization__area", "member__transfers__from_organization__area",
    "member__transfers__to_organization__area"])
