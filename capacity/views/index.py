"""The pillar's landing page: its sections with counts in the user's scope (every record type gets the
generic scoped pages, ali_party.records.record_urls in capacity/urls.py)."""
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ali_party.generic import reader_required
from ali_party.scoping import can_write

from .. import selectors


@reader_required
def index_view(request):
    counts = selectors.section_counts(request.user)
    sections = [
        (_("军地共建结对"), "pairing", counts["pairings"], _("边境村与驻军单位结对；党课、国防教育、演练计入结对")),
        (_("矛盾纠纷排查"), "screening", counts["screenings"], _("排查日期与排查出的纠纷数")),
        (_("矛盾纠纷"), "case", counts["cases"], _("调处经过与结果：调解成功 / 调解失败 / 移交")),
        (_("集体经济示范村"), "demo_village", counts["demo_villages"], _("共同富裕示范")),
        (_("党员施工队/创收队"), "income_team", counts["income_teams"], _("成员人数与创收金额")),
        (_("强带弱结对"), "strong_weak", counts["strong_weak"], _("支部+公司+协会(合作社)+农牧户")),
        (_("绿色“五支”队伍"), "ecology_team", counts["ecology_teams"], _("生态保护队伍及队员人数")),
    ]
    return render(request, "capacity/index.html", {"sections": sections, "can_write": can_write(request.user)})
