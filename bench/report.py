"""Markdown tables for docs/benchmarks.md from bench/results/*.json (nothing typed by hand).

    .venv/bin/python -m bench.report
"""
from __future__ import annotations

import json
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
SCALES = ["ngari", "ngari10", "tibet"]
PAGES = ["prefecture dashboard", "prefecture dashboard (nothing cached)", "county dashboard",
         "county dashboard (nothing cached)", "member list (prefecture user)", "member list (county clerk)",
         "organization detail", "admin changelist (baseline)"]
KEY_TABLES = [("cadres_partymember", "members"), ("branches_partyorganization", "organizations"),
              ("branches_area", "areas"), ("evaluations_organizationlifemeeting", "org-life meetings"),
              ("activities_activity", "activities"), ("evaluations_evaluationresult", "evaluation results"),
              ("indicators_indicatorsnapshot", "snapshots")]


def load(scale: str, kind: str) -> dict:
    path = RESULTS / f"{scale}-{kind}.json"
    return json.loads(path.read_text()) if path.exists() else {}


def row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def data_table() -> list[str]:
    out = [row(["scale", *[label for _, label in KEY_TABLES], "all rows", "DB size", "generation (wall)"]),
           row(["---"] * (len(KEY_TABLES) + 4))]
    for scale in SCALES:
        g = load(scale, "generate")
        if not g:
            continue
        rows = dict(g["rows"])
        # Generated with --no-snapshots: the snapshots are the ones bench.run's recompute wrote.
        rows["indicators_indicatorsnapshot"] = (rows.get("indicators_indicatorsnapshot")
                                                or load(scale, "run").get("recompute", {}).get("snapshots", 0))
        counts = [f"{rows.get(table, 0):,}" for table, _ in KEY_TABLES]
        out.append(row([f"`{scale}`", *counts, f"{g['total_rows'] / 1e6:.1f} M", g["db_size"],
                        f"{g['wall_s']:.0f} s"]))
    return out


def pages_table() -> list[str]:
    out = [row(["page", *[f"`{s}` p50 / p95 ms, queries" for s in SCALES]]), row(["---"] * (len(SCALES) + 1))]
    runs = {s: load(s, "run").get("pages", {}) for s in SCALES}
    for page in PAGES:
        cells = []
        for scale in SCALES:
            r = runs[scale].get(page)
            cells.append(f"{r['p50_ms']} / {r['p95_ms']}, {r['queries']} q" if r else "—")
        out.append(row([page, *cells]))
    return out


def other_table() -> list[str]:
    out = [row(["measure", *[f"`{s}`" for s in SCALES]]), row(["---"] * (len(SCALES) + 1))]
    runs = {s: load(s, "run") for s in SCALES}

    def cell(scale, fn):
        try:
            return fn(runs[scale])
        except (KeyError, TypeError, IndexError, ZeroDivisionError):
            return "—"

    lines = [
        ("full recompute, 8 years, from an empty snapshot table (s)", lambda r: r["recompute"]["full_s"][0]),
        ("full recompute, 8 years, again over unchanged records (s)", lambda r: r["recompute"]["full_s"][-1]),
        ("SQL floor, 8 years (s)", lambda r: r["recompute"]["floor_median_s"]),
        ("ratio app / floor (first run; again)", lambda r: " ; ".join(map(str, r["recompute"]["ratio_per_run"]))),
        ("recompute split: SQL / Python (s, last run)", lambda r: f"{r['recompute']['where_the_time_goes']['sql_s']} / "
                                                              f"{r['recompute']['where_the_time_goes']['python_s']}"),
        ("incremental: member's phone changed (s)", lambda r: r["incremental"]["member phone"]["median_s"]),
        ("incremental: member's occupation changed, 8 years (s)",
         lambda r: r["incremental"]["member occupation"]["median_s"]),
        ("incremental: new activity, 5 years (s)", lambda r: r["incremental"]["new activity"]["median_s"]),
        ("10,000-row member import, validate (rows/s)", lambda r: f"{r['import']['validate_rows_per_s']:,}"),
        ("10,000-row member import, commit (rows/s)", lambda r: f"{r['import']['rows_per_s']:,}"),
        ("dashboard req/s under load", lambda r: r["throughput"]["dashboard"]["rps"]),
        ("bare view req/s, same server", lambda r: r["throughput"]["bare"]["rps"]),
        ("ratio dashboard / bare", lambda r: r["throughput"]["ratio"]),
        ("load average during the run (start → end, 1 min)",
         lambda r: f"{r['env']['loadavg_at_start'][0]:.1f} → {r['env']['loadavg_at_end'][0]:.1f}"),
    ]
    for label, fn in lines:
        out.append(row([label, *[cell(s, fn) for s in SCALES]]))
    return out


def forms_table(scale: str = "tibet") -> list[str]:
    """Every form page and the picker endpoint (bench.run --only forms), both personas side by side."""
    forms = load(scale, "run").get("forms", {})
    personas = ("prefecture user", "county clerk")
    names = []
    for key in forms:
        if key.startswith("_"):
            continue
        name = key.rsplit(" (", 1)[0]
        if name not in names:
            names.append(name)
    out = [row(["page", *[f"{p}: p50 / p95 ms, queries, KB" for p in personas]]), row(["---"] * 3)]
    for name in names:
        cells = []
        for persona in personas:
            r = forms.get(f"{name} ({persona})")
            if not r:
                cells.append("—")
            elif "error" in r:
                cells.append(r["error"])
            else:
                cells.append(f"{r['p50_ms']} / {r['p95_ms']}, {r['queries']} q, {r['bytes'] / 1024:.1f}")
        out.append(row([name, *cells]))
    return out


def main() -> None:
    for title, lines in (("Data", data_table()), ("Pages", pages_table()), ("Recompute, import, throughput",
                                                                         other_table()),
                         ("Form pages and pickers (`tibet`)", forms_table())):
        print(f"### {title}\n")
        print("\n".join(lines))
        print()


if __name__ == "__main__":
    main()
