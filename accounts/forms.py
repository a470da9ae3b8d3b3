from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from ali_party.scoping import Role
from ali_party.widgets import DateInput
from branches.models import Area

from .models import AccessEvent, User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确。同一地址连续失败5次，该用户名将在此地址被锁定30分钟。"),
        "inactive": _("该账户已停用，请联系系统管理员。"),
    }


class OwnPasswordChangeForm(PasswordChangeForm):
    pass


def _scope_choices():
    return Area.objects.filter(level__in=["prefecture", "county", "township"]).order_by("path")


def _grantable_roles():
    """Every role an admin may ask for ("未授权" is where accounts start, not something to ask for),
    after an empty choice: nothing is preselected, so no role (least of all 系统管理员, the first one)
    is asked for by an admin who did not choose it."""
    return [("", _("请选择角色"))] + [(value, label) for value, label in Role.choices if value != Role.NONE]


# Plain Chinese for every field of the account forms (instead of django.contrib.auth's stock texts).
LABELS = {
    "username": _("用户名"),
    "full_name": _("姓名"),
    "role": _("申请授予的角色"),
    "scope_area": _("管辖范围"),
    "is_active": _("启用该账户"),
}
HELP_TEXTS = {
    "username": _("登录时使用，创建后不能修改。最多150个字符，只能用字母、数字和 @ . + - _。"),
    "full_name": _("使用人的真实姓名，页面上以此显示该用户。"),
    "scope_area": _("地区的角色选地区，县委组织部录入员选县，乡镇录入员选乡镇；"
                    "系统管理员、安全管理员、安全审计员留空。"),
    "is_active": _("取消勾选即停用：该用户不能再登录，账户和其历史记录保留。停用账户请用此项，不要删除账户。"),
}


class _RoleFieldsMixin:
    def _set_up_role_fields(self):
        self.fields["role"].choices = _grantable_roles()
        self.fields["role"].error_messages["required"] = _("请选择要授予的角色。")
        self.fields["scope_area"].queryset = _scope_choices()
        self.fields["scope_area"].label_from_instance = lambda a: f"{'　' * (a.depth - 1)}{a.name}"
        # The model's default (未授权) is not among the choices: show the empty one, not the first role.
        if self.initial.get("role") == Role.NONE:
            self.initial["role"] = ""


class UserCreateForm(_RoleFieldsMixin, forms.ModelForm):
    """No password: the user sets their own with a one-time code (accounts.services.user_create)."""

    class Meta:
        model = User
        fields = ["username", "full_name", "role", "scope_area"]
        labels = LABELS
        help_texts = HELP_TEXTS | {"role": _("角色须经安全管理员批准后生效；批准前该账户没有任何权限。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_up_role_fields()


class UserUpdateForm(_RoleFieldsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "role", "scope_area", "is_active"]
        labels = LABELS
        help_texts = HELP_TEXTS | {"role": _("修改角色或管辖范围须经安全管理员批准后生效，此前保持现有角色。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_up_role_fields()


class PasswordSetupForm(forms.Form):
    """The user's own page: both halves of the one-time code, then a new password."""

    username = forms.CharField(label=_("用户名"), max_length=150)
    first_half = forms.CharField(label=_("验证码（系统管理员提供的一半）"), max_length=20,
                                 widget=forms.TextInput(attrs={"autocomplete": "off"}))
    second_half = forms.CharField(label=_("验证码（安全管理员提供的一半）"), max_length=20,
                                  widget=forms.TextInput(attrs={"autocomplete": "off"}))
    new_password1 = forms.CharField(label=_("新密码"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                    help_text=_("至少8位，含大写字母、小写字母、数字、符号中的3类。"))
    new_password2 = forms.CharField(label=_("再次输入新密码"),
                                    widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        if data.get("new_password1") and data.get("new_password2") and data["new_password1"] != data["new_password2"]:
            self.add_error("new_password2", _("两次输入的密码不一致。"))
        return data


def _audited_model_choices():
    """Every model the change log records, by its Chinese name (the value: its content type's model)."""
    from auditlog.registry import auditlog

    from .audit import model_name

    names = sorted(((m._meta.model_name, model_name(m)) for m in auditlog.get_models()),
                   key=lambda choice: choice[1])
    return [("", _("全部"))] + names


class AuditFilterForm(forms.Form):
    username = forms.CharField(label=_("用户"), required=False)
    model = forms.ChoiceField(label=_("数据类型"), required=False, choices=_audited_model_choices)
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=DateInput)
    kind = forms.ChoiceField(label=_("安全事件"), required=False,
                             choices=[("", _("全部"))] + list(AccessEvent.Kind.choices))

    def active_filters(self) -> list[tuple[str, str]]:
        """The filters in force, as the auditor reads them: (label, value) — a choice by its label,
        a date as YYYY-MM-DD (the page's query string is percent-encoded)."""
        if not self.is_bound or not self.is_valid():
            return []
        shown = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if value in (None, ""):
                continue
            if isinstance(field, forms.ChoiceField):
                value = dict(field.choices).get(value, value)
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            shown.append((str(field.label), str(value)))
        return shown
