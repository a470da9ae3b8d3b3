"""基本保障's block of an organization's record summary (branches.record_summary)."""
from decimal import Decimal

from django.db.models import Sum

from ali_party.pillars import Pillar
from branches.record_summary import register

from .models import Allocation, Expenditure, VenueUpgrade


@register(Pillar.FUNDING)
def funding_summary(organization, year: int) -> dict:
    village = organization.area
    # Two queries, not one join: summing allocations across their expenditures would count each
    # allocation once per expenditure.
    allocated = Allocation.objects.filter(village=village, year=year).aggregate(s=Sum("amount"))["s"]
    spent = Expenditure.objects.filter(allocation__village=village, allocation__year=year).aggregate(
        s=Sum("amount"))["s"]
    venue = VenueUpgrade.objects.filter(village=village).first()
    return {"pillar": "基本保障", "lines": [
        f"本年度拨付 {Decimal(allocated or 0):.2f} 元，已支出 {Decimal(spent or 0):.2f} 元",
        f"活动场所整改：{venue.get_status_display()}，总投入 {venue.total_investment} 元" if venue
        else "活动场所整改：无记录"]}
