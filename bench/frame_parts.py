"""What each part of the frame costs a first view: the framed one-chart reference with one
part of the frame taken out at a time (bench/frame_variant.py), loaded cold in Chromium to
the last change of the main area, against the bare one-chart page in the same rounds.

Every page of the app pays the frame before anything of its own: on first view the frame
alone is about 1.2x the bare reference, most of the 1.3x goal. This says which part of
it the time is in.

    .venv/bin/python bench/frame_parts.py                 # 10 cold loads per variant
    .venv/bin/python bench/frame_parts.py --pages overview,roundtables
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    APP,
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
    REFERENCE,
    Target,
    discover,
    measure_loads,
    paired_ratios,
    spread,
)
from playwright.sync_api import sync_playwright

VARIANT = BENCH / "frame_variant.py"
# (name, query): each variant removes what its query names from the full frame.
VARIANTS = [
    ("frame, app navigation (10 page links)", "nav=app"),
    ("frame (one page: no page links)", ""),
    ("– language switch", "without=language"),
    ("– document language script and its CSS", "without=direction"),
    ("– year slider", "without=slider"),
    ("– theme and meeting-kind filters", "without=themes,kinds"),
    ("– all three select filters", "without=themes,kinds,roles"),
    ("– search box and reset button", "without=search"),
    ("– the page style (tables, focus, captions)", "without=style"),
    ("– every sidebar widget and style", "without=language,direction,slider,themes,kinds,"
     "roles,search,style,banner"),
]
FULL = VARIANTS[1][0]


def cold_row(target: Target, bare: Target, base_ms: float | None) -> list:
    """One view's cold first view: script done, settled, spread, × and paired × the bare
    reference, and Δ against `base_ms` (its whole view) where one is given."""
    cold = [v for _, v in target.cold]
    med = median(cold)
    delta = "–" if base_ms is None else f"{(med - base_ms) * 1000:+,.0f}"
    paired = "–" if target is bare else spread(paired_ratios(target.cold, bare.cold), 1, ".2f")
    return [target.name, f"{median(target.script_done) * 1000:,.0f}", f"{med * 1000:,.0f}",
            spread(cold), x(ratio(med, median([v for _, v in bare.cold]))), paired, delta,
            len(cold)]


def report(bare: Target, variants: list[Target], pages: list[Target], runs: int) -> str:
    full = next(t for t in variants if t.name == FULL)
    full_ms = median([v for _, v in full.cold])
    rows = [cold_row(t, bare, None if t is bare else full_ms) for t in [bare, *variants, *pages]]
    table = md_table(["view", "script done ms", "settled ms (cold)", "IQR ms", "× bare ref",
                      "paired × IQR", "Δ vs frame ms", "n"], rows)
    return "\n".join([
        f"First view, cold (a fresh browser context per load), {runs} rounds, every view in "
        "turn in each round, to the last change of the main area (as bench/first_view.py). "
        "'frame' = bench/reference_filtered.py's frame and chart; each '–' row takes that "
        "part out of it (its Streamlit calls answered with the defaults); Δ = its median "
        "minus the frame's. Bare ref = bench/reference_page.py (one plotly chart).", "",
        table])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="cold loads per view (≥10)")
    parser.add_argument("--pages", default="",
                        help="comma-separated app pages to load alongside (default: none)")
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args(argv)
    console: list[str] = []
    with running_server(VARIANT, name="frame-variant") as var, \
            running_server(REFERENCE, name="reference") as ref, \
            running_server(APP, name="app") as app, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_options())
        try:
            bare = Target("reference (one plotly chart)", ref.base + "/")
            variants = [Target(name, f"{var.base}/?{query}".rstrip("?"))
                        for name, query in VARIANTS]
            pages = [Target(p.name, p.url(app.base))
                     for p in (select_pages(args.pages) if args.pages else [])]
            targets = [bare, *variants, *pages]
            for target in targets:
                discover(browser, target, console)
            measure_loads(browser, targets, args.runs, console, warm=False)
            chromium = browser.version
        finally:
            browser.close()
    errors = [f"- {t.name}: {e}" for t in targets for e in t.errors] + console
    body = "\n".join([report(bare, variants, pages, args.runs), "",
                      f"Errors: {len(errors)}" + "".join(f"\n{e}" for e in errors[:10])])
    print(body)
    if not args.no_append:
        append_results("What the frame costs a first view", body, {"chromium": chromium})
    return 0


if __name__ == "__main__":
    sys.exit(main())
