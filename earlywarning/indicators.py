"""Indicators of the early warning (基本组织): organizations at each warning level, counted from the
stored scores (earlywarning.services.scores_recompute, nightly before the indicators)."""
from django.db.models import Count

from ali_party.pillars import Pillar
from indicators.registry import Indicator, Unit, register

from .models import Level, OrganizationScore

RULE = ("预警分由系统根据已录入的记录自动计算：书记空缺、三会一课未按期开展、村党组织连续两年未确定发展对象、"
        "到期未换届、党员欠交党费3个月以上、矛盾纠纷未化解、曾被认定为软弱涣散等信号按当年适用的权重版本累加；"
        "统计年度末存在的党组织计入。")
AREA = "organization__area_id"


def organizations_at_level(level: str):
    def compute(year: int):
        return (OrganizationScore.objects.filter(year=year, level=level).values(AREA)
                .annotate(n=Count("pk")).values_list(AREA, "n").order_by())
    return compute


register(Indicator(
    code="org.warning_watch", name_zh="软弱涣散预警“关注”（黄色）党组织数",
    name_en="Organizations on the weak-and-lax watch list (yellow)", pillar=Pillar.ORGANIZATION,
    unit=Unit.COUNT, compute=organizations_at_level(Level.WATCH), order=60, description_zh=RULE))
register(Indicator(
    code="org.warning_red", name_zh="软弱涣散“预警”（红色）党组织数",
    name_en="Organizations with a weak-and-lax warning (red)", pillar=Pillar.ORGANIZATION,
    unit=Unit.COUNT, compute=organizations_at_level(Level.WARNING), order=61, description_zh=RULE))
register(Indicator(
    code="org.warning_none", name_zh="无软弱涣散预警的党组织数",
    name_en="Organizations without a weak-and-lax warning", pillar=Pillar.ORGANIZATION,
    unit=Unit.COUNT, compute=organizations_at_level(Level.NONE), order=62, description_zh=RULE,
    show_as_card=False))
