"""基本保障's block of an organization's record summary (branches.record_summary)."""
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

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
    return {"pillar": str(Pillar.FUNDING.label), "lines": [
        _("本年度拨付 %(allocated)s 元，已支出 %(spent)s 元") % {
            "allocated": f"{Decimal(allocated or 0):.2f}", "spent": f"{Decimal(spent or 0):.2f}"},
        _("活动场所整改：%(status)s，总投入 %(total)s 元") % {
            "status": venue.get_status_display(), "total": venue.total_investment} if venue
        else _("活动场所整改：无记录")]}
