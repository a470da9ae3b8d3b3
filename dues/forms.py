from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedModelForm
from ali_party.pickers import picker_params
from ali_party.widgets import DateInput

from .models import DuesLedger, DuesPayment, DuesProfile, DuesRelief, Frequency
from .services import MAX_MONTHS_AHEAD

MONTH_CHOICES = [(m, str(m)) for m in range(1, 13)]  # the field is labelled 月份: a number reads in any language
MONTHS_FOR = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}


def _members(field):
    """Party members only (预备 and 正式), labelled with their organization; no personal data decrypted."""
    field.queryset = (field.queryset.filter(stage__gte=4).select_related("organization")
                      .only("pk", "name", "organization__name").order_by("organization__name", "name"))
    field.label_from_instance = lambda m: f"{m.name}（{m.organization.name}）"
    picker_params(field, min_stage=4)  # the picker offers what the queryset accepts


class DuesProfileForm(ScopedModelForm):
    class Meta:
        model = DuesProfile
        fields = ["member", "category", "base_income", "fixed_amount", "voluntary_amount", "frequency", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["member"]  # a profile stays with its member
        else:
            _members(self.fields["member"])
            self.fields["member"].queryset = self.fields["member"].queryset.filter(dues_profile__isnull=True)


class LedgerGenerateForm(ScopedModelForm):
    month = forms.TypedChoiceField(label=_("月份"), choices=MONTH_CHOICES, coerce=int)

    class Meta:
        model = DuesLedger
        fields = ["organization", "year", "month"]
        help_texts = {"organization": _("按党员所在党组织生成；已生成的月份再次生成时更新未交纳的明细。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["organization"].queryset = (self.fields["organization"].queryset.filter(status="active")
                                                .select_related("area"))
        picker_params(self.fields["organization"], active=True)
        self.initial.setdefault("year", today.year)
        self.initial.setdefault("month", today.month)

    def _post_clean(self):
        """No model validation here: generating a month already generated brings it up to date
        (services.ledger_generate, which checks the month), it is not a duplicate."""


class PaymentForm(ScopedModelForm):
    months = forms.IntegerField(label=_("交纳月数"), min_value=1, max_value=MAX_MONTHS_AHEAD, initial=1,
                                help_text=_("按季交纳填3，按年预交填12：自本月起连续的月份用同一张收据。"))

    class Meta:
        model = DuesPayment
        fields = ["receipt_no", "paid_on", "amount", "months", "paid_by", "note"]
        widgets = {"paid_on": DateInput}

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, **kwargs)
        profile = getattr(line.member, "dues_profile", None)
        months = MONTHS_FOR.get(profile.frequency, 1) if profile is not None else 1
        self.initial.setdefault("months", months)
        if line.amount_due is not None:
            self.initial.setdefault("amount", line.amount_due * months)
        self.initial.setdefault("paid_on", timezone.localdate())


class ReliefRequestForm(ScopedModelForm):
    class Meta:
        model = DuesRelief
        fields = ["member", "kind", "reduced_amount", "from_month", "to_month", "reason"]
        widgets = {"from_month": DateInput, "to_month": DateInput, "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _members(self.fields["member"])


class ReliefDecisionForm(ScopedModelForm):
    decision = forms.ChoiceField(label=_("审批结果"), choices=[(DuesRelief.Status.APPROVED, _("批准")),
                                                               (DuesRelief.Status.REFUSED, _("不批准"))])

    class Meta:
        model = DuesRelief
        fields = ["decision", "decision_note"]
