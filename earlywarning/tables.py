"""The ranked list of the early warning (ali_party.tables)."""
from urllib.parse import urlencode

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ali_party.tables import BaseTable, NumberColumn, area_column

from . import models
from .signals import get as get_signal, render_detail

LEVEL_BADGE = {models.Level.NONE: "text-bg-light", models.Level.WATCH: "text-bg-warning",
               models.Level.WARNING: "text-bg-danger"}


def signal_name(code: str) -> str:
    signal = get_signal(code)
    return str(signal.name) if signal else code


class ScoreTable(BaseTable):
    organization = tables.Column(verbose_name=_("党组织"), linkify=lambda record: record.organization.get_absolute_url(),
                                 order_by=("organization__name",))
    area = area_column(_("所在区域"), "organization__area")
    score = NumberColumn(verbose_name=_("预警分"))
    level = tables.Column(verbose_name=_("预警等级"), order_by=("score",))
    signals = tables.Column(verbose_name=_("预警信号"), orderable=False)
    weight_set = tables.Column(verbose_name=_("权重版本"), order_by=("weight_set__version",))
    action = tables.Column(verbose_name="", accessor="pk", orderable=False, empty_values=(),
                           attrs={"td": {"class": "text-nowrap d-print-none"}, "th": {"class": "d-print-none"}})

    class Meta(BaseTable.Meta):
        model = models.OrganizationScore
        fields = ()
        order_by = ("-score",)

    def render_level(self, record):
        return format_html('<span class="badge {}">{}</span>', LEVEL_BADGE[record.level], record.get_level_display())

    def render_signals(self, record):
        if not record.signals:
            return "—"
        return format_html_join(
            "", '<div class="small">{}（+{}）：{}</div>',
            ((signal_name(s["code"]), s["weight"], render_detail(s)) for s in record.signals))

    def render_weight_set(self, record):
        return _("第%(version)s版") % {"version": record.weight_set.version}

    def render_action(self, record, table):
        context = getattr(table, "context", None)
        if record.listed:
            return format_html('<span class="text-muted small">{}</span>', _("已认定整顿"))
        if not (context and context.get("can_write")) or record.level == models.Level.NONE:
            return ""
        query = urlencode({"organization": record.organization_id, "year": record.year,
                           "return_url": context["request"].get_full_path()})
        return format_html('<a class="btn btn-sm btn-outline-danger" href="{}?{}">{}</a>',
                           reverse("branches:rectification_create"), query, _("发起整顿"))
