"""Dashboards: read snapshots only, so a page costs the same few queries at any data size."""
import hashlib
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ali_party import reminders
from ali_party.generic import reader_required
from ali_party.scoping import Role, has_role, require_visible, scope_path
from ali_party.years import recent_years, shown_year
from branches.models import Area, PartyOrganization
from cadres.selectors import farmer_herder_splits

from accounts.models import AccessEvent
from accounts.signals import record_access

from . import registry, reports, selectors, services
from .models import RecomputeRun

RATING_CODES = [
    ("systems.rating_excellent", gettext_lazy("优秀")), ("systems.rating_qualified", gettext_lazy("合格")),
    ("systems.rating_basically_qualified", gettext_lazy("基本合格")),
    ("systems.rating_unqualified", gettext_lazy("不合格")), ("systems.rating_ungraded", gettext_lazy("不定等次")),
]
LANGUAGE_RATE = "personnel.language_proficiency_rate"
# The activity chart's months, each its own message (English: Jan … Dec).
MONTH_NAMES = (gettext_lazy("1月"), gettext_lazy("2月"), gettext_lazy("3月"), gettext_lazy("4月"),
               gettext_lazy("5月"), gettext_lazy("6月"), gettext_lazy("7月"), gettext_lazy("8月"),
               gettext_lazy("9月"), gettext_lazy("10月"), gettext_lazy("11月"), gettext_lazy("12月"))
MEMBERS = "personnel.farmer_herder_members"
WOMEN = "personnel.farmer_herder_women"
UNDER_30 = "personnel.farmer_herder_under_30"


@reader_required
def index_view(request):
    return redirect("indicators:area_dashboard", pk=request.user.scope_area_id)


@reader_required
def area_dashboard_view(request, pk):
    area = get_object_or_404(Area, pk=pk)
    require_visible(request.user, area)
    state = _snapshot_state()
    # The year shown (ali_party.years.shown_year), with the latest complete year from the cached
    # state: a year whose snapshots were never computed whole is never the one a user lands on.
    year = shown_year(request, latest_complete=lambda: state["latest_year"])
    pending = services.pending_marks()
    # The whole page, per user, for as long as the snapshots do not change (a clerk going back and
    # forth between dashboards); not when there is a message to show once.
    key = None if len(messages.get_messages(request)) else _page_key(
        request, area, year, f"{state['version']}:{pending}")
    page = cache.get(key) if key else None
    if page is None:
        page = render(request, "indicators/dashboard.html", {
            "area": area, "ancestors": [a for a in Area.objects.get_ancestors(area) if
                                        a.path.startswith(scope_path(request.user))],
            "year": year, "year_choices": recent_years(2018),
            "body": _dashboard_body(area, year, state["version"], state["complete_years"]),
            "organizations": (PartyOrganization.objects.filter(area=area).order_by("name")
                              if area.level == Area.Level.VILLAGE else None),
            "last_done": state["last_done"], "run": state["run"], "may_recompute": may_recompute(request.user),
            "pending": pending, "year_complete": year in state["complete_years"],
            "csrf_token": _csrf_placeholder(), "todo_panel": _todo_placeholder(),
        }).content.decode()
        if key:
            cache.set(key, page, CACHE_SECONDS)
    # The session's own CSRF token in every form (the cached page carries a placeholder), and the
    # user's to-do panel, counted afresh on every request (a fixed number of queries).
    page = page.replace(_todo_placeholder(), _todo_panel(request), 1)
    return HttpResponse(page.replace(_csrf_placeholder(), get_token(request)))


def _todo_placeholder() -> str:
    return "todo" + salted_hmac("indicators.dashboard.todo-placeholder", "v1").hexdigest()


def _todo_panel(request) -> str:
    """待办提醒: counts per reminder kind in the user's scope (ali_party.reminders.counts_for)."""
    counts = reminders.counts_for(request.user, timezone.localdate())
    return render_to_string("indicators/_todo_panel.html", {"counts": counts}, request=request)


def _csrf_placeholder() -> str:
    """What the cached page carries where the session's CSRF token goes: derived from SECRET_KEY,
    so the same in every worker sharing the cache, and unknown to anyone who could plant it in a
    stored name (a fixed text there was replaced by the viewer's token, issue 17 Low 13)."""
    return "csrf" + salted_hmac("indicators.dashboard.csrf-placeholder", "v1").hexdigest()


def _page_key(request, area: Area, year: int, version: str) -> str:
    user = request.user
    parts = [user.pk, user.username, user.role, user.scope_area_id, user.password_changed_at, area.pk, year,
             get_language(), version, request.get_full_path()]
    return "dashboard-page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


CACHE_SECONDS = 3600


def _snapshot_state() -> dict:
    """What the dashboard shows about the snapshots as a whole (latest and last finished run, the
    latest year), read once per version of the snapshots and kept in the cache.

    Snapshots are written only by recompute runs, and every change of any run moves its
    `changed_at` (RecomputeRun.mark), so the latest `changed_at` is the snapshots' version: one
    indexed query per request tells whether anything cached may be stale.
    """
    changed = RecomputeRun.objects.order_by("-changed_at").values_list("changed_at", flat=True).first()
    version = f"{changed.timestamp():.6f}" if changed else "none"
    key = f"snapshot-state:{version}"
    state = cache.get(key)
    if state is None:
        state = {"version": version, "run": selectors.latest_run(), "last_done": selectors.last_successful_run(),
                 "complete_years": services.complete_years()}
        state["latest_year"] = services.latest_of(state["complete_years"])
        cache.set(key, state, CACHE_SECONDS)
    return state


def _dashboard_body(area: Area, year: int, version: str, complete: frozenset) -> str:
    """The snapshot part of a dashboard (cards, charts, children table), rendered once per area,
    year, language and version of the snapshots (see _snapshot_state), so it is never stale."""
    key = f"dashboard-body:{area.pk}:{year}:{get_language()}:{version}"
    body = cache.get(key)
    if body is None:
        body = render_to_string("indicators/_dashboard_body.html",
                                _dashboard_body_context(area, year, complete))
        cache.set(key, body, CACHE_SECONDS)
    # Our own template's output, escaped when it was rendered.
    return mark_safe(body)  # nosec B308 B703


def _dashboard_body_context(area: Area, year: int, complete: frozenset = frozenset()) -> dict:
    years = list(range(year - 4, year + 1))
    rows = selectors.snapshot_rows(area, year)
    by_code = {r["code"]: r for r in rows}
    pillars = []
    for pillar in registry.Pillar:
        items = [r for r in rows if r["pillar"] == pillar.value and r["show_as_card"]]
        if items:
            pillars.append({"name": pillar.label, "items": items})
    children = area.child_areas()
    child_values = selectors.children_values(area, selectors.MAIN_CODES, year)
    comparison = [{
        "area": child,
        "values": [child_values.get(child.pk, {}).get(code) for code in selectors.MAIN_CODES],
    } for child in children]
    language = selectors.series(area, LANGUAGE_RATE, years)
    members, women, under_30 = (by_code.get(c, {}).get("value") or 0 for c in (MEMBERS, WOMEN, UNDER_30))
    charts = {
        "ratings": [{"name": str(label), "value": by_code.get(code, {}).get("value") or 0} for code, label in RATING_CODES],
        "language": {"years": years, "values": [
            # A year never computed whole is a gap in the chart, not a 0 %.
            float(language[y].value) if y in complete and y in language and language[y].value is not None
            else None for y in years]},
        "comparison": {"names": [c.name for c in children], "values": [
            float(child_values.get(c.pk, {}).get(MEMBERS).value) if child_values.get(c.pk, {}).get(MEMBERS) else 0
            for c in children]},
        **farmer_herder_splits(members=members, women=women, under_30=under_30),
        "months": {"names": [str(name) for name in MONTH_NAMES],
                   "values": [by_code.get(f"activities.month_{m:02d}", {}).get("value") or 0 for m in range(1, 13)]},
    }
    return {
        "year": year, "pillars": pillars, "comparison": comparison,
        "comparison_names": [registry.get(c).name if c in registry._REGISTRY else c for c in selectors.MAIN_CODES],
        "charts": charts,
        "has_data": any(r["value"] not in (None, 0) for r in rows),
    }


def may_recompute(user) -> bool:
    """Who may queue a recompute of the whole tree by hand (the 重新计算 button)."""
    return has_role(user, Role.PREFECTURE_STAFF)


@login_required
@require_POST
@reader_required
def recompute_view(request):
    # A whole-tree recompute costs every worker for a while (issue 17, item 7): prefecture staff
    # only, not clerks, read-only roles or admins.
    if not may_recompute(request.user):
        raise PermissionDenied
    # The whole tree, every year, through the queue like any change: pressing again while it
    # waits adds nothing.
    if services.whole_recompute_pending():
        messages.info(request, _("重新计算已在排队，完成后页面数据将更新。"))
    else:
        with transaction.atomic():
            services.mark_dirty(None)
        messages.info(request, _("已提交重新计算，完成后页面数据将更新。"))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "indicators:index"
    return redirect(next_url)


@reader_required
def run_status_view(request, pk):
    run = get_object_or_404(RecomputeRun, pk=pk)
    return JsonResponse({"status": run.status, "status_zh": run.get_status_display(),
                         "done": run.steps_done, "total": run.steps_total})


def _report_area(request, pk) -> Area:
    area = get_object_or_404(Area, pk=pk)
    require_visible(request.user, area)
    return area


def _download(request, area, year, content, suffix, content_type):
    filename = f"{area.name}{year}年度{'报告' if suffix == 'docx' else '指标'}.{suffix}"
    record_access(request=request, kind=AccessEvent.Kind.EXPORT, user=request.user,
                  target=f"{filename} (area={area.pk})")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@reader_required
def report_docx_view(request, pk):
    area = _report_area(request, pk)
    year = shown_year(request)
    return _download(request, area, year, reports.year_end_docx(area, year), "docx",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@reader_required
def report_xlsx_view(request, pk):
    area = _report_area(request, pk)
    year = shown_year(request)
    return _download(request, area, year, reports.indicators_xlsx(area, year), "xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@reader_required
def queue_status_view(request):
    """Whether saved changes still wait for their recompute (the dashboard's 排队中 badge)."""
    pending = services.pending_marks()
    return JsonResponse({"status": "queued" if pending else "done",
                         "status_zh": _("排队中") if pending else _("已完成"), "done": 0, "total": 0})
