import django_filters
from django.utils.translation import gettext_lazy as _

from ali_party.filters import AreaFilterSet, YearFilter

from .forms import MONTH_CHOICES
from .models import DuesLedger, DuesPayment, DuesProfile, DuesRelief


class LedgerFilter(AreaFilterSet):
    year = YearFilter(label=_("年度"))
    month = django_filters.ChoiceFilter(label=_("月份"), choices=MONTH_CHOICES)

    class Meta:
        model = DuesLedger
        fields = ["year", "month", "area"]


class ProfileFilter(AreaFilterSet):
    name = django_filters.CharFilter(label=_("姓名"), field_name="member__name", lookup_expr="icontains")

    class Meta:
        model = DuesProfile
        fields = ["name", "category", "frequency", "area"]


class ReliefFilter(AreaFilterSet):
    class Meta:
        model = DuesRelief
        fields = ["status", "kind", "area"]


class PaymentFilter(AreaFilterSet):
    year = YearFilter(label=_("年度"), field_name="paid_on", lookup_expr="year")
    receipt_no = django_filters.CharFilter(label=_("收据号"), lookup_expr="icontains")

    class Meta:
        model = DuesPayment
        fields = ["year", "receipt_no", "is_back_payment", "area"]
