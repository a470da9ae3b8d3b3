from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from ali_party.scoping import BUSINESS_READ_ROLES

from .services import MAX_VALIDITY_DAYS


class TokenCreateForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("所属账户"), queryset=User.objects.none(),
        help_text=_("令牌以该账户的角色和管辖范围读取数据。只能发给业务账户。"))
    name = forms.CharField(label=_("用途"), max_length=100, help_text=_("例如：大屏展示、自治区平台。"))
    valid_days = forms.IntegerField(label=_("有效期（天）"), min_value=1, max_value=MAX_VALIDITY_DAYS, initial=90)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (User.objects.filter(is_active=True, role__in=BUSINESS_READ_ROLES,
                                                            scope_area__isnull=False)
                                        .select_related("scope_area").order_by("username"))
        self.fields["user"].label_from_instance = lambda u: f"{u.username}（{u.full_name}，{u.scope_area.name}）"
