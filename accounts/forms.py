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
    """Every role an admin may ask for ("未授权" is where accounts start, not something to ask for)."""
    return [(value, label) for value, label in Role.choices if value != Role.NONE]


class _RoleFieldsMixin:
    def _set_up_role_fields(self):
        self.fields["role"].choices = _grantable_roles()
        self.fields["scope_area"].queryset = _scope_choices()
        self.fields["scope_area"].label_from_instance = lambda a: f"{'　' * (a.depth - 1)}{a.name}"


class UserCreateForm(_RoleFieldsMixin, forms.ModelForm):
    """No password: the user sets their own with a one-time code (accounts.services.user_create)."""

    class Meta:
        model = User
        fields = ["username", "full_name", "role", "scope_area"]
        labels = {"role": _("申请授予的角色")}
        help_texts = {"role": _("角色须经安全管理员批准后生效；批准前该账户没有任何权限。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_up_role_fields()


class UserUpdateForm(_RoleFieldsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "role", "scope_area", "is_active"]
        help_texts = {"role": _("修改角色或管辖范围须经安全管理员批准后生效，此前保持现有角色。")}

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


class AuditFilterForm(forms.Form):
    username = forms.CharField(label=_("用户"), required=False)
    model = forms.CharField(label=_("数据类型"), required=False)
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=DateInput)
    kind = forms.ChoiceField(label=_("安全事件"), required=False,
                             choices=[("", "全部")] + list(AccessEvent.Kind.choices))
