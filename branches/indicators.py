"""Indicators of section 1 (基本组织) of DOMAIN.md, computed from organizations, designations and cases."""
from ali_party.stock import STOCK_RULE_ZH
from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit, counts_in, register

from . import selectors
from .models import DesignationKind, PartyOrganization

STOCK = "统计年度12月31日仍存在（已成立且未合并、撤销）的党组织。" + STOCK_RULE_ZH
HELD = "统计年度及以前命名、至年底未撤销命名的示范创建数。" + STOCK_RULE_ZH
FLOW = "流量：按认定年度统计的软弱涣散党组织整顿事项。"

register(Indicator(
    code="org.relocation_site_orgs", name_zh="易地搬迁点和抵边搬迁安置点党组织数",
    name_en="Party organizations at relocation and border-resettlement sites", pillar=Pillar.ORGANIZATION,
    unit=Unit.COUNT, compute=selectors.relocation_site_orgs_by_area, order=10, description_zh=STOCK))
register(Indicator(
    code="org.relocation_work_group_branches", name_zh="搬迁安置点党组织下设作业组党支部数",
    name_en="Work-group branches under relocation-site organizations", pillar=Pillar.ORGANIZATION,
    unit=Unit.COUNT, compute=selectors.relocation_work_group_branches_by_area, order=11, description_zh=STOCK))

for order, (kind, name_zh, name_en) in enumerate([
    (PartyOrganization.Kind.COMMITTEE, "党委数", "Party committees"),
    (PartyOrganization.Kind.GENERAL_BRANCH, "党总支数", "General branches"),
    (PartyOrganization.Kind.BRANCH, "党支部数", "Branches"),
    (PartyOrganization.Kind.WORK_GROUP_BRANCH, "作业组党支部数", "Work-group branches"),
], start=1):
    register(Indicator(
        code=f"org.organizations.{kind}", name_zh=name_zh, name_en=name_en, pillar=Pillar.ORGANIZATION,
        unit=Unit.COUNT, compute=selectors.organizations_of_kind_by_area(kind), order=order, description_zh=STOCK))

for order, (group, name_zh, name_en) in enumerate([
    (DesignationKind.Group.BRAND_VILLAGE, "党建品牌示范村数", "Party-building brand demonstration villages"),
    (DesignationKind.Group.BAIJIA, "全区“百佳农牧区基层党组织”数", "Region's 'top hundred' grassroots organizations"),
    (DesignationKind.Group.FOUR_CREATIONS, "“四个创建”示范点数", "'Four creations' demonstration sites"),
    (DesignationKind.Group.OTHER_DEMONSTRATION, "推普、乡村振兴、基层治理等其他示范点数",
     "Other demonstration sites (national language, rural revitalization, governance)"),
], start=20):
    register(Indicator(
        code=f"org.designations.{group}", name_zh=name_zh, name_en=name_en, pillar=Pillar.ORGANIZATION,
        unit=Unit.COUNT, compute=selectors.designations_of_group_by_area(group), order=order, description_zh=HELD))

for order, (code, name_zh, name_en) in enumerate([
    ("putonghua", "国家通用语言文字推普示范点数", "National-language demonstration sites"),
    ("rural_revitalization", "抓党建促乡村振兴示范点数", "Rural-revitalization demonstration sites"),
    ("grassroots_governance", "党建引领基层治理示范点数", "Party-led governance demonstration sites"),
], start=24):
    register(Indicator(
        code=f"org.designations.{code}", name_zh=name_zh, name_en=name_en, pillar=Pillar.ORGANIZATION,
        unit=Unit.COUNT, compute=selectors.designations_of_kind_by_area(code), order=order, description_zh=HELD))

register(Indicator(
    code="org.weak_orgs", name_zh="认定软弱涣散党组织数", name_en="Weak and lax organizations identified",
    pillar=Pillar.ORGANIZATION, unit=Unit.COUNT, compute=selectors.weak_organizations_by_area, order=30,
    description_zh=FLOW))
register(Indicator(
    code="org.weak_responsible_persons", name_zh="明确整改责任人数", name_en="Responsible persons named",
    pillar=Pillar.ORGANIZATION, unit=Unit.PERSONS, compute=selectors.responsible_persons_by_area, order=31,
    description_zh=FLOW))
register(Indicator(
    code="org.weak_measures", name_zh="整改措施数", name_en="Rectification measures",
    pillar=Pillar.ORGANIZATION, unit=Unit.ITEMS, compute=selectors.measures_by_area, order=32, description_zh=FLOW))

# An organization's rows are counted through it in every year (its members, meetings, campaigns
# by its area), and its flags count its work-group branches, wherever they are.
counts_in("branches.PartyOrganization", every_year=True, places=["children__area", "children__children__area"])
counts_in("branches.ResponsiblePerson", dates=["rectification__year"])
counts_in("branches.Measure", dates=["rectification__year"])
