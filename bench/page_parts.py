"""What each kind of a chart page's own content costs a first view and a filter change:
the page with one kind taken out at a time (bench/page_variant.py), in Chromium to the
last change of the main area, against the bare one-chart page (first view) and the framed
reference (both) in the same rounds.

The frame alone is about 1.2x the bare reference (bench/frame_parts.py); this says where
the rest of a chart page's first view goes: its headline figures, its own figure against
the reference's, its downloads, its table in words, its row choice, its map.

    .venv/bin/python bench/page_parts.py                       # overview and contributions
    .venv/bin/python bench/page_parts.py --runs 10 --filter-trials 0   # first views only
    .venv/bin/python bench/page_parts.py --pages roundtables --runs 12
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    BENCH,
    append_results,
    launch_options,
    md_table,
    median,
    ratio,
    running_server,
    select_pages,
    x,
)
from first_view import (
    FILTER_REFERENCE,
    REFERENCE,
    FilterResult,
    Target,
    discover,
    filter_changes,
    measure_loads,
    paired_ratios,
    spread,
)
from frame_parts import cold_row
from playwright.sync_api import sync_playwright

VARIANT = BENCH / "page_variant.py"
# (name, query) per kind of content; a page is measured without those it has.
VARIANTS = [
    ("– headline figures (st.metric)", "metrics"),
    ("– its figure: the reference's instead", "figure"),
    ("– the map", "map"),
    ("– downloads", "downloads"),
    ("– row choice", "row-choice"),
    ("– table block (downloads, table in words, row choice)", "table"),
]
# Which kinds each chart page has (a variant that takes out nothing is not measured).
HAS = {
    "overview": {"metrics", "figure", "table"},
    "roundtables": {"figure", "downloads", "row-choice", "table"},
    "partners": {"figure", "downloads", "row-choice", "table"},
    "meetings": {"map", "downloads", "row-choice", "table"},
    "contributions": {"metrics", "figure", "downloads", "row-choice", "table"},
}


def report_filters(framed: Target, groups: list[tuple[Target, list[Target]]],
                   filters: dict[str, FilterResult], trials: int) -> str:
    """The same views' filter change against the framed reference."""
    ref_changes = filters[framed.name].changes
    ref = median([v for _, v in ref_changes])
    rows = []
    for page, variants in groups:
        page_ms = median([v for _, v in filters[page.name].changes])
        for target in (page, *variants):
            changes = filters[target.name].changes
            med = median([v for _, v in changes])
            rows.append([target.name, f"{med * 1000:,.0f}", spread([v for _, v in changes]),
                         x(ratio(med, ref)),
                         spread(paired_ratios(changes, ref_changes), 1, ".2f"),
                         "–" if target is page else f"{(med - page_ms) * 1000:+,.0f}",
                         len(changes)])
    table = md_table(["view", "filter change ms", "IQR ms", "× framed ref", "paired × IQR",
                      "Δ vs its page ms", "n"], rows)
    return "\n".join([
        f"Filter change (the sidebar role filter gets Co-chair, then loses it; {trials} rounds, "
        "every view in turn, as bench/first_view.py), to the last change of the main area; "
        f"the framed reference took {ref * 1000:,.0f} ms.", "", table])


def report(bare: Target, framed: Target, groups: list[tuple[Target, list[Target]]],
           runs: int) -> str:
    rows = [cold_row(bare, bare, None), cold_row(framed, bare, None)]
    for page, variants in groups:
        page_ms = median([v for _, v in page.cold])
        rows.append(cold_row(page, bare, None))
        rows += [cold_row(v, bare, page_ms) for v in variants]
    table = md_table(["view", "script done ms", "settled ms (cold)", "IQR ms", "× bare ref",
                      "paired × IQR", "Δ vs its page ms", "n"], rows)
    return "\n".join([
        f"First view, cold (a fresh browser context per load), {runs} rounds, every view in "
        "turn in each round, to the last change of the main area (as bench/first_view.py). "
        "Each '–' row is the page above it with that kind of content taken out "
        "(bench/page_variant.py: its Streamlit calls answered as no-ops, or the figure "
        "replaced by the bare reference's); Δ = its median minus the page's. Bare ref = "
        "bench/reference_page.py (one plotly chart); framed = bench/reference_filtered.py "
        "(the app's frame around one chart).", "", table])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="cold loads per view (≥10)")
    parser.add_argument("--pages", default="overview,contributions",
                        help=f"comma-separated chart pages, of {', '.join(HAS)}")
    parser.add_argument("--filter-trials", type=int, default=6,
                        help="rounds of add+remove filter changes (0: first views only)")
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args(argv)
    console: list[str] = []
    pages = select_pages(args.pages)
    unknown = [p.name for p in pages if p.name not in HAS]
    if unknown:
        raise SystemExit(f"not a chart page: {', '.join(unknown)}")
    with running_server(VARIANT, name="page-variant") as var, \
            running_server(REFERENCE, name="reference") as ref, \
            running_server(FILTER_REFERENCE, name="reference-filtered") as fref, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_options())
        try:
            bare = Target("reference (one plotly chart)", ref.base + "/")
            framed = Target("reference + frame (one chart)", fref.base + "/")
            groups = [(Target(p.name, p.url(var.base)),
                       [Target(f"{p.name} {name}", p.url(var.base, f"without={part}"))
                        for name, part in VARIANTS if part in HAS[p.name]])
                      for p in pages]
            targets = [bare, framed, *(t for page, vs in groups for t in (page, *vs))]
            for target in targets:
                discover(browser, target, console)
            measure_loads(browser, targets, args.runs, console, warm=False)
            filters = (filter_changes(browser, targets[1:], args.filter_trials, console)
                       if args.filter_trials else {})
            chromium = browser.version
        finally:
            browser.close()
    errors = [f"- {t.name}: {e}" for t in targets for e in t.errors] + console
    errors += [f"- {name} filter: {e}" for name, fr in filters.items() for e in fr.errors]
    parts = [report(bare, framed, groups, args.runs)]
    if filters:
        parts += ["", report_filters(framed, groups, filters, args.filter_trials)]
    body = "\n".join([*parts, "",
                      f"Errors: {len(errors)}" + "".join(f"\n{e}" for e in errors[:10])])
    print(body)
    if not args.no_append:
        append_results("What a chart page's own content costs", body,
                       {"chromium": chromium})
    return 0


if __name__ == "__main__":
    sys.exit(main())
