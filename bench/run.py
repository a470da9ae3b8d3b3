"""Benchmarks on PostgreSQL for one generated scale (see bench/README.md). Not part of the test suite.

    BENCH_DB=bench_ngari .venv/bin/python -m bench.run            # everything
    BENCH_DB=bench_tibet .venv/bin/python -m bench.run --only pages,recompute --repeat 20

Prints a table (p50 / p95 server time, SQL queries) and writes bench/results/<scale>-run.json.

Page times are measured with Django's test Client: the whole request inside the server process
(middleware, view, queries, template), no network. The query count comes from a separate request
under a query-counting execute wrapper (so counting does not slow the timed requests).

The dashboards read precomputed snapshots (IndicatorSnapshot), written by the indicator recompute;
that is their design, and this benchmark says so in its output. On top of that the app caches the
rendered snapshot part of a dashboard per (area, year, language, snapshot version) and the whole
page per user and snapshot version (indicators/views.py): the plain dashboard rows and the
throughput run measure a user viewing a dashboard again (the first request of each worker fills
the cache), the "(nothing cached)" rows empty the cache before every request. The benchmark puts
nothing in any cache itself.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
ALL = ["pages", "forms", "recompute", "incremental", "import", "throughput"]


def setup_django() -> str:
    os.environ.setdefault("BENCH_DB", "bench_ngari")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    sys.path.insert(0, str(ROOT))
    import warnings
    warnings.filterwarnings("ignore", category=RuntimeWarning)
    import django
    django.setup()
    return os.environ["BENCH_DB"].removeprefix("bench_")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    i = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[i]


# ------------------------------------------------------------------------------------------------
# Fixtures: who asks, and for what
# ------------------------------------------------------------------------------------------------

def personas():
    from accounts.models import User
    from branches.models import Area, PartyOrganization
    from django.db.models import Count
    from cadres.models import PartyMember

    root = Area.objects.get(depth=1)
    prefecture = User.objects.get(username="prefecture")
    # The county with the most members: the heaviest county page at this scale.
    county_paths = dict(Area.objects.filter(level=Area.Level.COUNTY).values_list("path", "pk"))
    counts = {}
    for path, n in (PartyMember.objects.values("organization__area__path").annotate(n=Count("pk"))
                    .values_list("organization__area__path", "n")):
        pk = county_paths.get(path[: 2 * Area.steplen])
        if pk:
            counts[pk] = counts.get(pk, 0) + n
    county = Area.objects.get(pk=max(counts, key=lambda pk: (counts[pk], -pk)))
    from django.utils import timezone
    now = timezone.now()
    clerk, _ = User.objects.update_or_create(username="bench_county_clerk", defaults={
        "role": "county_clerk", "scope_area": county, "must_change_password": False, "password_changed_at": now})
    admin, _ = User.objects.update_or_create(username="bench_admin", defaults={
        "role": "admin", "is_staff": True, "is_superuser": True, "must_change_password": False,
        "password_changed_at": now})
    User.objects.filter(pk=prefecture.pk).update(password_changed_at=now, must_change_password=False)
    # The village branch of that county with the most members.
    org = (PartyOrganization.objects.filter(area__path__startswith=county.path, kind="branch",
                                            area__level=Area.Level.VILLAGE)
           .annotate(n=Count("members")).order_by("-n", "pk").first())
    return {"root": root, "county": county, "county_members": counts[county.pk], "prefecture": prefecture,
            "clerk": clerk, "admin": admin, "org": org}


def client_for(user):
    from django.test import Client
    client = Client()
    client.force_login(user)
    return client


class QueryLog:
    """Counts and times every query of the default connection (an execute wrapper: unlike
    CaptureQueriesContext it survives the reset_queries() that each request starts with)."""

    def __init__(self):
        self.captured_queries = []

    def __call__(self, execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            query = getattr(context.get("cursor"), "query", None)  # psycopg2: the exact text sent
            exact = query.decode() if isinstance(query, bytes) else sql
            self.captured_queries.append({"sql": exact, "exact": exact, "time": time.perf_counter() - t})

    def __enter__(self):
        from django.db import connection
        self._cm = connection.execute_wrapper(self)
        self._cm.__enter__()
        return self

    def __exit__(self, *exc):
        return self._cm.__exit__(*exc)


def measure_page(client, url: str, repeat: int, warm: int = 2, cold: bool = False) -> dict:
    """p50/p95 of `repeat` requests. cold=True empties the cache before each one (the dashboard's
    rendered body then comes from the snapshots every time, as after each recompute run)."""
    from django.core.cache import cache
    for _ in range(warm):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
    if cold:
        cache.clear()
    with QueryLog() as ctx:
        client.get(url)
    times = []
    for _ in range(repeat):
        if cold:
            cache.clear()
        t = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t) * 1000)
    slowest = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:3]
    return {"url": url, "p50_ms": round(pct(times, 0.5), 1), "p95_ms": round(pct(times, 0.95), 1),
            "queries": len(ctx.captured_queries), "n": repeat, "bytes": len(response.content),
            "slowest_sql": [{"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:400]} for q in slowest]}


# Form pages: every create and edit page of the business apps (URL names ending in _create /
# _update, and the other pages that show a form on GET). Their id names this model's row.
FORM_WORDS = {"create", "update", "status", "transfer", "attendance"}
FORM_OBJECT = {
    "cadres:member_transfer": "cadres.PartyMember", "cadres:assessment_create": "cadres.TwoCommitteeMember",
    "cadres:cadre_log_create": "cadres.SentCadre", "evaluations:meeting_attendance": "evaluations.OrganizationLifeMeeting",
    "evaluations:result_create": "evaluations.EvaluationCampaign",
    "evaluations:not_evaluated_create": "evaluations.EvaluationCampaign",
    "evaluations:result_update": "evaluations.EvaluationResult", "funding:ledger_create": "funding.TownshipAccount",
}
FORM_NAMESPACES = ("branches", "cadres", "activities", "capacity", "evaluations", "funding")


def form_urls(clerk) -> dict[str, str]:
    """{url name: URL} of every form page, edit pages on the lowest-numbered row the clerk may see
    (an open campaign for the result forms), so both personas open the same page."""
    from django.apps import apps
    from django.urls import URLResolver, get_resolver, reverse

    def walk(patterns, namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, p.namespace or namespace)
            elif namespace in FORM_NAMESPACES and p.name and p.name.rsplit("_", 1)[-1] in FORM_WORDS:
                yield f"{namespace}:{p.name}", p

    out = {}
    for name, pattern in walk(get_resolver().url_patterns):
        route = str(pattern.pattern)
        if "<int:" not in route:
            out[name] = reverse(name)
            continue
        view = getattr(pattern.callback, "view_class", None)
        model = (apps.get_model(FORM_OBJECT[name]) if name in FORM_OBJECT
                 else getattr(view, "parent_model", None) if "parent_pk" in route else getattr(view, "model", None))
        if model is None:
            continue
        rows = model.objects.visible_to(clerk)
        if model.__name__ == "EvaluationCampaign":
            rows = rows.filter(status="open")
        pk = rows.order_by("pk").values_list("pk", flat=True).first()
        if pk is not None:
            out[name] = reverse(name, args=[pk])
    return out


def picker_urls(fx) -> dict[str, str]:
    """The picker endpoint: a common name, a narrowed search, villages, organizations, allocations."""
    from django.urls import reverse
    members = reverse("pickers:pick", args=["members"])
    return {
        "picker members q=多吉": members + "?q=多吉",
        "picker members q=丹巴多吉": members + "?q=丹巴多吉",
        "picker members q=不存在的名字 (none found)": members + "?q=不存在的名字",
        "picker members q=不存 (two characters, none found)": members + "?q=不存",
        "picker members organization=<branch>, q=(empty)": members + f"?organization={fx['org'].pk}&q=",
        "picker members on=today, q=扎西": members + "?on=2026-01-01&q=扎西",
        "picker areas level=village, q=一村": reverse("pickers:pick", args=["areas"]) + "?level=village&q=一村",
        "picker organizations q=党支部": reverse("pickers:pick", args=["organizations"]) + "?q=党支部",
        "picker allocations q=二村": reverse("pickers:pick", args=["allocations"]) + "?q=二村",
    }


def bench_forms(fx, repeat: int, only=None) -> dict:
    """Every form page and the picker endpoint, as the prefecture user and as the county clerk:
    p50/p95, queries and the size of the HTML. `only`: a regular expression on the row names."""
    pref, clerk = client_for(fx["prefecture"]), client_for(fx["clerk"])
    pages = {**{f"form {name}": url for name, url in form_urls(fx["clerk"]).items()}, **picker_urls(fx)}
    out = {}
    for label, url in pages.items():
        for who, client in (("prefecture user", pref), ("county clerk", clerk)):
            row = f"{label} ({who})"
            if only and not re.search(only, row):
                continue
            try:
                out[row] = measure_page(client, url, repeat)
            except RuntimeError as error:
                out[row] = {"url": url, "error": str(error)}
            print(f"{row:70} {out[row].get('p95_ms', '-'):>8} ms {out[row].get('bytes', 0):>10} B"
                  f" {out[row].get('queries', '-'):>4} q", flush=True)
    out["_notes"] = {"county": f"{fx['county'].name} ({fx['county_members']} members)",
                     "organization": f"{fx['org'].name} (pk {fx['org'].pk})"}
    return out


def bench_pages(fx, repeat: int) -> dict:
    from django.urls import reverse
    from indicators.models import IndicatorSnapshot
    pref, clerk, admin = client_for(fx["prefecture"]), client_for(fx["clerk"]), client_for(fx["admin"])
    name = "扎西"  # the most common given name in the demo (and so the largest result)
    member_q = f"?county={fx['county'].pk}&stage=5&name={name}"
    admin_q = f"?county={fx['county'].pk}&stage__exact=5&q={name}"
    pref_dash = reverse("indicators:area_dashboard", args=[fx["root"].pk])
    county_dash = reverse("indicators:area_dashboard", args=[fx["county"].pk])
    out = {
        "prefecture dashboard": measure_page(pref, pref_dash, repeat),
        "prefecture dashboard (nothing cached)": measure_page(pref, pref_dash, repeat, cold=True),
        "county dashboard": measure_page(clerk, county_dash, repeat),
        "county dashboard (nothing cached)": measure_page(clerk, county_dash, repeat, cold=True),
        "member list (prefecture user)": measure_page(pref, reverse("cadres:member_list") + member_q, repeat),
        "member list (county clerk)": measure_page(clerk, reverse("cadres:member_list") + member_q, repeat),
        "organization detail": measure_page(clerk, reverse("branches:organization_detail", args=[fx["org"].pk]),
                                            repeat),
        "admin changelist (baseline)": measure_page(admin, "/bench-admin/cadres/partymember/" + admin_q, repeat),
    }
    out["_notes"] = {
        "dashboards": "read precomputed IndicatorSnapshot rows (written by indicators.services.recompute); "
                      f"{IndicatorSnapshot.objects.count()} snapshot rows in the table. The rendered snapshot part "
                      "is cached per (area, year, language, snapshot version), and the whole page per user and "
                      "snapshot version: plain rows = cache hits after the first request; '(nothing cached)' "
                      "rows empty the cache before every request",
        "member list": f"county={fx['county'].name} ({fx['county_members']} members), stage=正式党员, name contains {name}",
        "organization": f"{fx['org'].name} (pk {fx['org'].pk})",
    }
    return out


# ------------------------------------------------------------------------------------------------
# Recompute: the app's pipeline vs the same aggregates in SQL (the floor)
# ------------------------------------------------------------------------------------------------

FLOOR_TABLE = "bench_floor_snapshot"


def capture_selector_sql(years: list[int]) -> tuple[dict, dict]:
    """The exact SQL each selector sends, per year, and each selector's time summed over the years."""
    from indicators import registry
    out, times = {}, {}
    for indicator in registry.all_indicators():
        if indicator.compute is None:
            continue
        for year in years:
            with QueryLog() as log:
                t = time.perf_counter()
                list(indicator.compute(year))
                times[indicator.code] = times.get(indicator.code, 0) + time.perf_counter() - t
            out[(indicator.code, year)] = [q["exact"] for q in log.captured_queries]
    return out, times


def floor(sqls: dict) -> float:
    """Every selector's GROUP BY, rolled up to every ancestor and written — all inside PostgreSQL,
    one INSERT … SELECT per indicator and year. Returns seconds."""
    from django.db import connection, transaction
    with connection.cursor() as cur:
        cur.execute(f"DROP TABLE IF EXISTS {FLOOR_TABLE}")
        cur.execute(f"CREATE UNLOGGED TABLE {FLOOR_TABLE} (code text, year int, area_id bigint, "
                    "numerator numeric, denominator numeric, PRIMARY KEY (code, area_id, year))")
    t = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"TRUNCATE {FLOOR_TABLE}")
        for (code, year), queries in sqls.items():
            for extra in queries[:-1]:
                cur.execute(extra)
            if not queries:
                continue
            inner = queries[-1]
            cur.execute(f"SELECT * FROM ({inner}) s LIMIT 0")
            width = len(cur.description)
            den = "SUM(r.c3)" if width >= 3 else "NULL"
            cols = ", ".join(f"c{i + 1}" for i in range(width))
            cur.execute(f"""
                INSERT INTO {FLOOR_TABLE} (code, year, area_id, numerator, denominator)
                SELECT %s, %s, anc.id, SUM(r.c2), {den}
                FROM ({inner}) AS r ({cols})
                JOIN branches_area a ON a.id = r.c1
                JOIN generate_series(1, 8) d ON d <= a.depth
                JOIN branches_area anc ON anc.path = substr(a.path, 1, {4} * d)
                GROUP BY anc.id""", [code, year])
    return time.perf_counter() - t


def bench_recompute(runs: int, years: list[int] | None = None, from_empty: bool = False) -> dict:
    from django.db import connection
    from indicators import registry, services
    from indicators.models import IndicatorSnapshot
    years = years or services.default_years()
    full, traced = [], None
    if from_empty:  # run 1 then writes every snapshot, as the first recompute of a new system does
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {IndicatorSnapshot._meta.db_table}")
    for _ in range(runs):
        with QueryLog() as log:
            t = time.perf_counter()
            services.recompute(years=years)
            full.append(time.perf_counter() - t)
        sql_s = sum(q["time"] for q in log.captured_queries)
        traced = {"queries": len(log.captured_queries), "sql_s": round(sql_s, 2),
                  "python_s": round(full[-1] - sql_s, 2)}
    sqls, per_indicator = capture_selector_sql(years)
    floors = [floor(sqls) for _ in range(max(1, runs))]
    multi = {f"{c}@{y}": len(q) for (c, y), q in sqls.items() if len(q) != 1}
    app, flo = statistics.median(full), statistics.median(floors)
    return {"years": years, "indicators": len(registry.all_indicators()),
            "full_s": [round(x, 2) for x in full], "full_median_s": round(app, 2),
            "from_empty": from_empty,
            "note": "run 1 writes whatever differs from the stored snapshots (every row when from_empty); "
                    "later runs over unchanged records write nothing (the nightly case)",
            "floor_s": [round(x, 2) for x in floors], "floor_median_s": round(flo, 2),
            "ratio": round(app / flo, 2) if flo else None,
            "ratio_per_run": [round(x / flo, 2) for x in full] if flo else None,
            "where_the_time_goes": traced,
            "selectors_alone_s": round(sum(per_indicator.values()), 2),
            "snapshots": IndicatorSnapshot.objects.count(),
            "slowest_selectors_s_all_years": {k: round(v, 2) for k, v in
                                              sorted(per_indicator.items(), key=lambda kv: -kv[1])[:8]},
            "selectors_not_one_query": multi}


def bench_incremental(fx, runs: int) -> dict:
    """One record changes through its service; with the automatic recompute on (as in production,
    Celery eager here) the call returns after the worker code (indicators.services.process_dirty)
    has claimed the change's dirty mark and updated the snapshots. Three changes: a member's
    phone (read by no indicator value, but the member table is: the county is recomputed and
    nothing written), a member's occupation 农牧民 ↔ 企业人员 (moves the farmer-herder figures of
    every year), and a new activity in one village (2022 onwards)."""
    from django.test import override_settings
    from activities.models import Activity
    from cadres.models import PartyMember
    from cadres.services import member_update
    from indicators.models import RecomputeRun
    from indicators.receivers import footprint_of
    member = (PartyMember.objects.filter(organization=fx["org"], stage=5, status="normal")
              .order_by("pk").first())
    template = Activity.objects.filter(village=fx["org"].area, held_on__year=2022).order_by("pk").first()

    def timed(change) -> tuple[float, list]:
        last = RecomputeRun.objects.order_by("pk").last()
        with override_settings(INDICATORS_AUTO_RECOMPUTE=True):
            t = time.perf_counter()
            change()
            took = time.perf_counter() - t
        done = RecomputeRun.objects.filter(pk__gt=last.pk if last else 0)
        return took, list(done.values("years", "scope", "status"))

    out = {}
    for label, change in [
        ("member phone", lambda i: member_update(actor=fx["prefecture"], member=member,
                                                 phone=f"139{(int(time.time()) + i) % 100000000:08d}")),
        ("member occupation", lambda i: member_update(actor=fx["prefecture"], member=member,
                                                      occupation="enterprise" if i % 2 == 0 else "farmer_herder")),
        ("new activity", lambda i: _copy_activity(template)),
    ]:
        times, runs_seen = [], []
        for i in range(runs):
            member.refresh_from_db()
            took, seen = timed(lambda change=change, i=i: change(i))
            times.append(took)
            runs_seen = seen
        out[label] = {"runs_s": [round(x, 3) for x in times], "median_s": round(statistics.median(times), 3),
                      "recompute_runs": runs_seen}
    out["member"] = member.pk
    out["member_first_year"] = footprint_of(PartyMember, [member.pk]).first_year
    return out


def _copy_activity(template):
    from activities.models import Activity
    copy = Activity.objects.get(pk=template.pk)
    copy.pk = None
    copy.save()


# ------------------------------------------------------------------------------------------------
# Import
# ------------------------------------------------------------------------------------------------

def bench_import(fx, rows: int) -> dict:
    try:
        from dataexchange import services as dx  # noqa: F401
    except Exception as error:  # the import pillar is not there (yet)
        return {"status": "pending", "reason": repr(error)[:200]}
    from bench.importbench import run_import
    return run_import(fx, rows)


# ------------------------------------------------------------------------------------------------
# Throughput under concurrent load: gunicorn on loopback + wrk
# ------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrk(url: str, cookie: str, seconds: int, connections: int) -> dict:
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency",
                          "-H", f"Cookie: sessionid={cookie}", url], capture_output=True, text=True, timeout=seconds + 30)
    text = out.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    p50 = re.search(r"50%\s+([\d.]+)(\w+)", text)
    p99 = re.search(r"99%\s+([\d.]+)(\w+)", text)
    return {"rps": rps, "requests": total, "non_2xx": int(bad.group(1)) if bad else 0,
            "latency_p50": "".join(p50.groups()) if p50 else None, "latency_p99": "".join(p99.groups()) if p99 else None}


def bench_throughput(fx, seconds: int, connections: int, workers: int) -> dict:
    from django.urls import reverse
    if not shutil.which("wrk"):
        return {"status": "skipped", "reason": "wrk not installed (apt-get install wrk)"}
    client = client_for(fx["prefecture"])
    cookie = client.cookies["sessionid"].value
    port = free_port()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings")
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen([gunicorn, "ali_party.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers),
                             "--log-level", "warning"], cwd=ROOT, env=env, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        dash = base + reverse("indicators:area_dashboard", args=[fx["root"].pk])
        bare = base + "/bench-bare/"
        import urllib.request
        deadline = time.time() + 120
        ready = 0
        while time.time() < deadline and ready < 3 * workers:  # every worker booted and answering
            try:
                req = urllib.request.Request(dash, headers={"Cookie": f"sessionid={cookie}"})
                with urllib.request.urlopen(req, timeout=30) as r:
                    ready += r.status == 200
            except OSError:
                time.sleep(0.5)
        wrk(dash, cookie, 2, connections)  # warm every worker
        wrk(bare, cookie, 2, connections)
        result = {"dashboard": wrk(dash, cookie, seconds, connections), "bare": wrk(bare, cookie, seconds, connections)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    result["ratio"] = round(result["dashboard"]["rps"] / result["bare"]["rps"], 3)
    result["setup"] = (f"gunicorn -w {workers} on 127.0.0.1:{port}; wrk -t2 -c{connections} -d{seconds}s, same session "
                       "cookie; each worker renders the page once, then serves it from its cache (per user "
                       "and snapshot version)")
    return result


# ------------------------------------------------------------------------------------------------

def table(scale: str, res: dict) -> str:
    lines = [f"scale {scale}", f"{'measure':38} {'p50 ms':>9} {'p95 ms':>9} {'queries':>8}"]
    for name, r in res.get("pages", {}).items():
        if name.startswith("_") or not isinstance(r, dict):
            continue
        lines.append(f"{name:38} {r['p50_ms']:>9} {r['p95_ms']:>9} {r['queries']:>8}")
    if "recompute" in res:
        r = res["recompute"]
        lines.append(f"{'full recompute ' + str(len(r['years'])) + ' years (s)':38} {r['full_s']}"
                     f"   floor {r['floor_median_s']} s  ratio per run {r.get('ratio_per_run')}")
    if "incremental" in res:
        r = res["incremental"]
        for label in ("member phone", "member occupation", "new activity"):
            lines.append(f"{'incremental recompute, ' + label + ' (s)':38} {r[label]['median_s']:>9}   "
                         f"{r[label]['recompute_runs']}")
    if "import" in res:
        r = res["import"]
        lines.append(f"{'member import':38} " + (f"{r.get('rows_per_s')} rows/s ({r.get('rows')} rows)"
                                                  if "rows_per_s" in r else r.get("status", "")))
    if "throughput" in res:
        r = res["throughput"]
        if "ratio" in r:
            lines.append(f"{'dashboard req/s vs bare view':38} {r['dashboard']['rps']:>9} {r['bare']['rps']:>9}"
                         f"   ratio {r['ratio']}")
        else:
            lines.append(f"{'throughput':38} {r.get('status')}")
    lines.append("(dashboards read precomputed IndicatorSnapshot rows — that is their design)")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description="bench/run.py")
    parser.add_argument("--only", default=",".join(ALL), help="comma list of: " + ",".join(ALL))
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument("--forms-only", default="",
                        help="forms: measure only the rows whose name matches this regular expression")
    parser.add_argument("--recompute-runs", type=int, default=1)
    parser.add_argument("--years", default="", help="recompute only these years (comma list); default all")
    parser.add_argument("--from-empty", action="store_true",
                        help="empty the snapshot table before the first recompute run (it then writes every row)")
    parser.add_argument("--incremental-runs", type=int, default=3)
    parser.add_argument("--import-rows", type=int, default=10000)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per target")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args(argv)
    scale = setup_django()
    only = args.only.split(",")
    fx = personas()
    path = RESULTS / f"{scale}-run.json"
    RESULTS.mkdir(exist_ok=True)
    res = json.loads(path.read_text()) if path.exists() else {}
    for stale in ("pages_with_index_fixes", "throughput_with_index_fixes"):  # the fix is in the model now
        res.pop(stale, None)
    res["scale"] = scale
    # A forms-only run keeps the environment of the run the other sections come from.
    env_key = "forms_env" if only == ["forms"] else "env"
    res[env_key] = {"BENCH_JIT": os.environ.get("BENCH_JIT", "server default (on)"),
                    "loadavg_at_start": os.getloadavg(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}

    def save():
        res[env_key]["loadavg_at_end"] = os.getloadavg()
        path.write_text(json.dumps(res, ensure_ascii=False, indent=1, default=str))

    if "pages" in only:
        res["pages"] = bench_pages(fx, args.repeat)
        save()
    if "forms" in only:
        measured = bench_forms(fx, args.repeat, args.forms_only or None)
        res["forms"] = {**res.get("forms", {}), **measured} if args.forms_only else measured
        save()
    if "recompute" in only:
        res["recompute"] = bench_recompute(args.recompute_runs, [int(y) for y in args.years.split(",") if y] or None,
                                           args.from_empty)
        save()
    if "incremental" in only:
        res["incremental"] = bench_incremental(fx, args.incremental_runs)
        save()
    if "import" in only:
        res["import"] = bench_import(fx, args.import_rows)
        save()
    if "throughput" in only:
        res["throughput"] = bench_throughput(fx, args.seconds, args.connections, args.workers)
        save()
    print(table(scale, res))


if __name__ == "__main__":
    main()
