from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from branches.models import Area

from .models import AccessEvent, User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确。连续失败5次，账户将被锁定30分钟。"),
        "inactive": _("该账户已停用，请联系系统管理员。"),
    }


class OwnPasswordChangeForm(PasswordChangeForm):
    pass


def _scope_choices():
    return Area.objects.filter(level__in=["prefecture", "county", "township"]).order_by("path")


class UserCreateForm(forms.ModelForm):
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput,
                               help_text=_("至少8位，含大写字母、小写字母、数字、符号中的3类；用户首次登录须修改。"))

    class Meta:
        model = User
        fields = ["username", "full_name", "role", "scope_area"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope_area"].queryset = _scope_choices()
        self.fields["scope_area"].label_from_instance = lambda a: f"{'　' * (a.depth - 1)}{a.name}"


class UserUpdateForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "role", "scope_area", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope_area"].queryset = _scope_choices()
        self.fields["scope_area"].label_from_instance = lambda a: f"{'　' * (a.depth - 1)}{a.name}"


class PasswordResetByAdminForm(forms.Form):
    password = forms.CharField(label=_("临时密码"), widget=forms.PasswordInput)


class AuditFilterForm(forms.Form):
    username = forms.CharField(label=_("用户"), required=False)
    model = forms.CharField(label=_("数据类型"), required=False)
    date_from = forms.DateField(label=_("起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("安全事件"), required=False,
                             choices=[("", "全部")] + list(AccessEvent.Kind.choices))
