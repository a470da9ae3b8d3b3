"""Model forms of the personnel pillar. Choices of related rows are scoped by ScopedModelForm."""
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ali_party.generic import ScopedModelForm
from ali_party.pickers import picker_params
from ali_party.scoping import scope_path
from ali_party.widgets import DateInput
from branches.models import Area

from .models import (
    CadreWorkLog,
    LanguageAssessment,
    LanguageLevel,
    LanguageTrainingSession,
    OrganizationTransfer,
    PartyMember,
    SentCadre,
    TwoCommitteeMember,
)
from .phones import normalize_phone
from .validators import (
    birth_date_from_id, gender_from_id, mask_id_number, mask_phone, normalize_id_number, validate_id_number,
)



def _dates(*names):
    return {name: DateInput for name in names}


def _villages(field):
    field.queryset = field.queryset.filter(level=Area.Level.VILLAGE).order_by("path")
    picker_params(field, level=Area.Level.VILLAGE)


class ErrorsOnFormMixin:
    """A model rule about a field the form does not show is reported at the top of the form
    (Django would otherwise refuse to attach it)."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            for name in list(errors.error_dict):
                if name != NON_FIELD_ERRORS and name not in self.fields:
                    errors.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(errors.error_dict.pop(name))
        super()._update_errors(errors)


MEMBER_DATES = ("birth_date", "applied_on", "activist_on", "candidate_on", "admitted_on", "full_member_on",
                "status_changed_on")


class FromIdNumberMixin:
    """Sex and birth date are in the ID number (GB 11643: digits 7–14 the birth date, the 17th odd
    for a man): left blank, they are read from it; typed, the model checks they agree with it."""

    def _setup_from_id_number(self):
        for name in ("gender", "birth_date"):
            self.fields[name].required = False
            self.fields[name].help_text = _("留空则按身份证号码自动填写。")

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("id_number") or ""
        try:
            validate_id_number(number)
        except ValidationError:
            return cleaned  # the number's own error is shown; nothing to read from it
        if not cleaned.get("birth_date") and "birth_date" not in self.errors:
            cleaned["birth_date"] = birth_date_from_id(number)
        if not cleaned.get("gender") and "gender" not in self.errors:
            cleaned["gender"] = gender_from_id(number)
        return cleaned


class PartyMemberForm(FromIdNumberMixin, ErrorsOnFormMixin, ScopedModelForm):
    class Meta:
        model = PartyMember
        fields = ["name", "gender", "ethnicity", "birth_date", "id_number", "phone", "education", "occupation",
                  "organization", "stage", "applied_on", "activist_on", "candidate_on", "admitted_on",
                  "full_member_on", "status", "status_changed_on", "left_party_kind"]
        widgets = _dates(*MEMBER_DATES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = self.fields["organization"].queryset.select_related("area")
        self._setup_from_id_number()

    def clean_id_number(self):
        # Full-width digits and spaces pasted from other systems are normalized before validation.
        return normalize_id_number(self.cleaned_data.get("id_number", ""))

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))


class KeepMaskedOnEditMixin:
    """On an edit form the ID number and phone are never sent to the browser in full: the field
    starts empty, shows the masked value as help, and an empty answer keeps the stored value."""

    masked_fields = {"id_number": mask_id_number, "phone": mask_phone}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._stored = {}
        if not (self.instance and self.instance.pk):
            return
        for name, mask in self.masked_fields.items():
            if name in self.fields:
                self._stored[name] = getattr(self.instance, name)
                self.initial[name] = ""
                self.fields[name].required = False
                self.fields[name].help_text = _("当前：%(masked)s。如需更正请填写完整内容，留空则不修改。") % {
                    "masked": mask(self._stored[name]) or "—"}

    def _clean_masked(self, name, normalize=lambda v: (v or "").strip()):
        value = normalize(self.cleaned_data.get(name, ""))
        return value or self._stored.get(name, "")

    def clean_phone(self):
        return self._clean_masked("phone", normalize_phone)


class PartyMemberUpdateForm(FromIdNumberMixin, KeepMaskedOnEditMixin, ErrorsOnFormMixin, ScopedModelForm):
    """The organization is not edited here: a move is an 组织关系转接, which keeps the history."""

    class Meta:
        model = PartyMember
        fields = ["name", "gender", "ethnicity", "birth_date", "id_number", "phone", "education", "occupation",
                  "stage", "applied_on", "activist_on", "candidate_on", "admitted_on", "full_member_on",
                  "status", "status_changed_on", "left_party_kind"]
        widgets = _dates(*MEMBER_DATES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_from_id_number()

    def clean_id_number(self):
        # Full-width digits and spaces are normalized; an empty answer keeps the stored number.
        return self._clean_masked("id_number", normalize_id_number)


class IdNumberSearchForm(forms.Form):
    """Search by the whole ID number only: the number is encrypted at rest and found through its
    lookup hash, so a partial number cannot be searched (by design)."""

    # Not `required`: a search box is not a mandatory field (no asterisk); an empty search is
    # refused by clean_id_number with the same message as a short one.
    id_number = forms.CharField(
        label=_("身份证号码"), max_length=40, strip=True, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": _("完整的18位身份证号码")}),
        help_text=_("须输入完整的18位号码精确查找。身份证号码加密存储，不支持按部分号码查找。"))

    def clean_id_number(self):
        number = normalize_id_number(self.cleaned_data.get("id_number", ""))
        if len(number) != 18:
            raise forms.ValidationError(
                _("请输入完整的18位身份证号码（当前%(n)d位）；身份证号码加密存储，不支持按部分号码查找。"),
                params={"n": len(number)})
        return number


class StageAdvanceForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class ProbationExtensionForm(forms.Form):
    months = forms.IntegerField(label=_("延长月数"), min_value=6, max_value=12,
                                help_text=_("预备期可延长一次，6至12个月。"))


class ProbationCancelForm(forms.Form):
    on = forms.DateField(label=_("取消资格日期"), widget=DateInput)


class TransferForm(ErrorsOnFormMixin, ScopedModelForm):
    class Meta:
        model = OrganizationTransfer
        fields = ["to_organization", "transferred_on", "note"]
        widgets = _dates("transferred_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = (
            self.fields["to_organization"].queryset.filter(status="active").select_related("area"))
        picker_params(self.fields["to_organization"], active=True)


class TwoCommitteeMemberForm(ErrorsOnFormMixin, ScopedModelForm):
    class Meta:
        model = TwoCommitteeMember
        fields = ["member", "name", "gender", "village", "committee", "post", "term_start", "term_end"]
        widgets = _dates("term_start", "term_end")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["gender"].required = False
        self.fields["name"].help_text = _("选择了党员档案的，姓名和性别取自党员档案。")
        today = timezone.localdate()
        self.fields["member"].queryset = self.fields["member"].queryset.members_on(today)
        picker_params(self.fields["member"], on=today)
        _villages(self.fields["village"])
        self.instance.viewer_scope = scope_path(self.user)  # what clean() may name of other seats

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("member") and not cleaned.get("gender"):
            self.add_error("gender", _("非党员须填写性别。"))
        return cleaned


class LanguageAssessmentForm(ErrorsOnFormMixin, forms.ModelForm):
    class Meta:
        model = LanguageAssessment
        fields = ["year", "level", "assessed_on"]
        widgets = _dates("assessed_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].help_text = _("“%(level)s”及以上计为掌握。") % {"level": LanguageLevel.DAILY.label}


class LanguageTrainingSessionForm(ErrorsOnFormMixin, ScopedModelForm):
    class Meta:
        model = LanguageTrainingSession
        fields = ["title", "area", "organizer", "started_on", "ended_on", "attendance"]
        widgets = _dates("started_on", "ended_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = self.fields["area"].queryset.exclude(
            level=Area.Level.PREFECTURE).order_by("path")
        picker_params(self.fields["area"], level=[Area.Level.COUNTY, Area.Level.TOWNSHIP, Area.Level.VILLAGE])


class SentCadreForm(KeepMaskedOnEditMixin, ErrorsOnFormMixin, ScopedModelForm):
    class Meta:
        model = SentCadre
        fields = ["name", "gender", "phone", "force", "sending_unit", "village", "started_on", "ended_on"]
        widgets = _dates("started_on", "ended_on")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _villages(self.fields["village"])


class CadreWorkLogForm(ErrorsOnFormMixin, forms.ModelForm):
    class Meta:
        model = CadreWorkLog
        fields = ["kind", "logged_on", "count", "description"]
        widgets = _dates("logged_on")
