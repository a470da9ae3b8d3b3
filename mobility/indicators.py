"""Indicators of 流动党员 and 失联党员 (基本队伍): members out on 31 December, members in 失联 then,
and their shares among the members. Each branch's figure is the dashboard's drill-down."""
from ali_party.pillars import Pillar
from ali_party.stock import STOCK_RULE_ZH
from indicators.registry import Indicator, Unit, counts_in, register

from . import selectors

P = Pillar.PERSONNEL
MEMBERS = "党员指当年12月31日已接收为预备党员或正式党员且党籍正常，按当日所在党组织（由组织关系转接记录还原）归属。"
FLOATING = "流动党员：当年12月31日外出未返回（外出日期不晚于当日、返回日期为空或不早于当日）的党员。"
LOST = ("失联党员：截至当年12月31日失去联系已超过6个月（失去联系日期不晚于当年6月30日）、"
        "恢复联系日期为空或不早于当日的党员。")

register(Indicator(
    code="personnel.floating_members", name_zh="流动党员", name_en="Floating party members (out at year end)",
    pillar=P, unit=Unit.PERSONS, compute=selectors.floating_members_by_area, order=60,
    description_zh=FLOATING + MEMBERS + STOCK_RULE_ZH))
register(Indicator(
    code="personnel.floating_member_rate", name_zh="流动党员占党员比例", name_en="Share of floating party members",
    pillar=P, unit=Unit.PERCENT, compute=selectors.floating_member_rate_by_area, order=61,
    numerator_zh="年末外出未返回的党员数", denominator_zh="年末党员数",
    description_zh=FLOATING + MEMBERS))
register(Indicator(
    code="personnel.lost_contact_members", name_zh="失联党员", name_en="Party members out of contact",
    pillar=P, unit=Unit.PERSONS, compute=selectors.lost_contact_members_by_area, order=62,
    description_zh=LOST + MEMBERS + "系统不因失联自动变更党员的党籍状态。"))
register(Indicator(
    code="personnel.lost_contact_member_rate", name_zh="失联党员占党员比例",
    name_en="Share of party members out of contact", pillar=P, unit=Unit.PERCENT,
    compute=selectors.lost_contact_member_rate_by_area, order=63,
    numerator_zh="年末失联党员数", denominator_zh="年末党员数", description_zh=LOST + MEMBERS))

# A period counts where its member's organization was on 31 December (the transfers say where).
MEMBER_PLACES = ["member__transfers__from_organization__area", "member__transfers__to_organization__area"]
counts_in("mobility.FloatingPeriod", places=MEMBER_PLACES)
counts_in("mobility.LostContact", places=MEMBER_PLACES)
