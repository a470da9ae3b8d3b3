"""Indicators of section 6 (基本保障). Funds by source × purpose is a table, not an indicator:
see selectors.funds_by_source_and_purpose."""
from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit, counts_in, register

from . import selectors

register(Indicator(
    code="funding.venues_upgraded", name_zh="完成整改提升的村级组织活动场所",
    name_en="Village activity venues upgraded", pillar=Pillar.FUNDING, unit=Unit.COUNT,
    compute=selectors.venues_upgraded_by_area, order=10,
    description_zh="存量：截至当年12月31日已完成整改提升的村级组织活动场所数。"))

register(Indicator(
    code="funding.venue_investment", name_zh="已完成整改提升活动场所总投入",
    name_en="Total investment in upgraded venues", pillar=Pillar.FUNDING, unit=Unit.WAN_YUAN,
    compute=selectors.venue_investment_by_area, order=20,
    description_zh="存量：截至当年12月31日已完成整改提升的活动场所各渠道总投入（地区每村划拨4万元）。"))

register(Indicator(
    code="funding.venues_below_standard", name_zh="总投入低于15万元的活动场所",
    name_en="Upgraded venues below the 150,000 yuan standard", pillar=Pillar.FUNDING, unit=Unit.COUNT,
    compute=selectors.venues_below_standard_by_area, order=30,
    description_zh="存量：截至当年12月31日已完成、但总投入低于15万元标准的活动场所数。"))

register(Indicator(
    code="funding.central_support_funds", name_zh="中央三部委村级集体经济扶持资金",
    name_en="Central support funds for collective-economy projects", pillar=Pillar.FUNDING,
    unit=Unit.WAN_YUAN, compute=selectors.central_support_funds_by_area, order=40,
    description_zh="流量：当年立项的村级集体经济项目获得的中央三部委扶持资金；多年合计为各年之和。"))

register(Indicator(
    code="funding.collective_projects", name_zh="扶持村级集体经济项目",
    name_en="Collective-economy projects supported", pillar=Pillar.FUNDING, unit=Unit.COUNT,
    compute=selectors.collective_projects_by_area, order=50,
    description_zh="流量：当年立项的村级集体经济项目数；多年合计为各年之和。"))

register(Indicator(
    code="funding.allocations_total", name_zh="拨付资金总额",
    name_en="Funds allocated", pillar=Pillar.FUNDING, unit=Unit.WAN_YUAN,
    compute=selectors.allocations_total_by_area, order=60,
    description_zh="流量：当年度拨付到村（含集体经济项目）的各来源、各用途资金合计。"))

register(Indicator(
    code="funding.expenditures_total", name_zh="支出总额",
    name_en="Expenditures booked", pillar=Pillar.FUNDING, unit=Unit.WAN_YUAN,
    compute=selectors.expenditures_total_by_area, order=70,
    description_zh="流量：支出日期在当年的村财乡管支出合计。"))

register(Indicator(
    code="funding.utilization_rate", name_zh="资金使用率",
    name_en="Utilization rate of the year's allocations", pillar=Pillar.FUNDING, unit=Unit.PERCENT,
    compute=selectors.utilization_by_area, order=80,
    numerator_zh="当年度拨款已支出金额(元)", denominator_zh="当年度拨款金额(元)",
    description_zh="当年度拨款中已支出的比例（支出可在以后年度发生，按拨款年度归属）。"))

# An expenditure counts in its ledger's village and year, and in its allocation's village and
# year (the utilization rate of that year's allocations).
counts_in("funding.Expenditure", places=["allocation__village"], dates=["allocation__year"])
