"""The admin's account list (ali_party.tables). The pending grant, the one-time code and the lock-out
of each account on the page are looked up once per page by the view and attached to the rows as
`pending_grant`, `setup_code` and `lock_state`."""
import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable

from .models import User

STATUS = """{% load i18n %}{% if record.is_active %}<span class="badge text-bg-success">{% translate "启用" %}</span>{% else %}<span class="badge text-bg-secondary">{% translate "停用" %}</span>{% endif %}
{% if record.lock_state.locked %}<span class="badge text-bg-danger">{% translate "已锁定" %}</span>{% endif %}
{% if record.pending_grant %}<span class="badge text-bg-warning">{% translate "角色待批准" %}</span>{% endif %}"""

LAST_LOGIN = """{% load i18n %}{% if record.last_login %}{{ record.last_login|date:"Y-m-d H:i" }}{% else %}<span class="text-muted">{% translate "从未登录" %}</span>{% endif %}"""

PENDING = """{% load i18n %}{% with grant=record.pending_grant code=record.setup_code %}{% if grant %}<div>{% translate "角色" %}：{{ grant.get_role_display }}{% if grant.scope_area %}（{{ grant.scope_area }}）{% endif %}</div>{% endif %}
{% if code %}<div>{% translate "一次性验证码" %}：{{ code.get_state_display }}</div>{% endif %}{% endwith %}"""

LOCK = """{% load i18n %}{% if record.lock_state %}{% blocktranslate with n=record.lock_state.failures %}失败{{ n }}次{% endblocktranslate %}
<form method="post" action="{% url 'accounts:user_unlock' record.pk %}" class="d-inline">{% csrf_token %}<button class="btn btn-link btn-sm p-0 align-baseline" type="submit">{% translate "解锁" %}</button></form>{% endif %}"""

ACTIONS = """{% load i18n %}<a href="{% url 'accounts:user_update' record.pk %}">{% translate "编辑" %}</a>{% if record.pk != request.user.pk %} · <a href="{% url 'accounts:user_reset_password' record.pk %}">{% translate "重置密码" %}</a> · <a href="{% url 'accounts:user_reset_otp' record.pk %}">{% translate "重置动态口令" %}</a>{% endif %}"""


class UserTable(BaseTable):
    username = tables.Column(verbose_name=_("用户名"))
    full_name = tables.Column(verbose_name=_("姓名"))
    role = tables.Column(verbose_name=_("角色"))
    scope_area = tables.Column(verbose_name=_("管辖范围"), order_by=("scope_area__path",))
    is_active = tables.TemplateColumn(STATUS, verbose_name=_("状态"), order_by=("-is_active",),
                                      attrs={"td": {"class": "text-nowrap"}})
    last_login = tables.TemplateColumn(LAST_LOGIN, verbose_name=_("最后登录"),
                                       attrs={"td": {"class": "small text-nowrap"}})
    pending = tables.TemplateColumn(PENDING, verbose_name=_("待批准"), orderable=False,
                                    attrs={"td": {"class": "small"}})
    lock = tables.TemplateColumn(LOCK, verbose_name=_("登录锁定"), orderable=False, attrs={"td": {"class": "small"}})
    actions = tables.TemplateColumn(ACTIONS, verbose_name="", orderable=False,
                                    attrs={"td": {"class": "text-end text-nowrap"}})

    class Meta(BaseTable.Meta):
        model = User
        fields = ()
        empty_text = _("没有符合条件的账户。")
