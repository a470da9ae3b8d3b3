import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable

from .models import ApiToken

MONO = {"td": {"class": "font-monospace text-nowrap"}}


class TokenTable(BaseTable):
    name = tables.Column(verbose_name=_("用途"))
    user = tables.Column(verbose_name=_("所属账户"), accessor="user__username", order_by=("user__username",))
    prefix = tables.Column(verbose_name=_("令牌前缀"), orderable=False, attrs=MONO)
    created_at = tables.DateTimeColumn(verbose_name=_("创建时间"), format="Y-m-d H:i")
    expires_at = tables.DateTimeColumn(verbose_name=_("有效期至"), format="Y-m-d H:i")
    last_used_at = tables.DateTimeColumn(verbose_name=_("最近使用时间"), format="Y-m-d H:i")
    state = tables.TemplateColumn(verbose_name=_("状态"), template_name="api/_token_state.html", orderable=False,
                                  empty_values=())

    class Meta(BaseTable.Meta):
        model = ApiToken
        fields = ()

    def render_prefix(self, value):
        return f"{value}…"
