"""Settled views in a real browser: first view and filter change on every page, timed to
the last change of the main area, as multiples of one-chart references in the same run.

One app server and three reference servers on 127.0.0.1 (bench/reference_page.py: one
plotly chart alone; bench/reference_plain.py: one plotly chart and one sidebar Role
filter, nothing else, the reference of the goals; bench/reference_filtered.py: the frame's
sidebar and banner around one plotly chart of the filtered roles), one headless Debian
Chromium. `--baseline DIR` serves another checkout's app.py too (e.g. main, extracted
with `git archive`) and measures its pages in the same rounds, "(baseline)". Timings are taken
inside the page (performance.now(), polled every animation frame), so Python-side
overhead is not counted.

A view has settled when its rerun has finished, every chart and map has drawn, and
nothing in the main area has changed for 600 ms: no DOM mutation (the data grid's
screen-reader table inside its <canvas> included) and no draw call on a canvas (the
grid's, the map's). What a reader waits for, and what a screen-reader user waits for.

- first view, cold: a fresh browser context per load (empty HTTP cache);
- first view, warm: a new tab in one context whose cache already holds the app's scripts;
- filter change: the sidebar role filter gets "Co-chair" (type, Enter), then loses it
  (Backspace); every page and the framed reference have a tab, and change in turn.

    .venv/bin/python bench/first_view.py            # 10 loads, 12 filter changes per page
    .venv/bin/python bench/first_view.py --trace roundtables   # where a filter change goes
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from chromium_trace import trace_summary
from common import (
    APP,
    BENCH,
    OUT,
    PageInfo,
    StreamlitProcess,
    append_history,
    behind_nginx,
    iqr,
    is_base_path_probe,
    launch_options,
    md_table,
    median,
    ratio,
    record,
    running_server,
    select_pages,
    verdict,
    x,
)
from page_clock import FIRST_SETTLED, INIT_SCRIPT, SCAN, SETTLED, SETTLED_ONCE
from playwright.sync_api import Browser, BrowserContext, Locator, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from gfmd.store.loader import DEFAULT_DATA_DIR

# Both against the plain reference (issue 31): the frame's own cost counts.
GOAL_RATIO = 1.3
GOAL_FILTER_RATIO = 1.5
QUIET_MS = 600
REFERENCE = BENCH / "reference_page.py"
PLAIN_REFERENCE = BENCH / "reference_plain.py"
FILTER_REFERENCE = BENCH / "reference_filtered.py"
TIMEOUT_MS = 60_000

# Elements of the main area, in the order the breakdown tables list them.
PARTS = ("text and widgets", "plotly chart", "map", "map paint", "grid", "grid paint",
         "grid screen-reader table", "table", "other canvas paint")

Sample = tuple[int, float]  # (round, seconds): rounds pair a page with its reference


@dataclass
class Target:
    """A page to load: an app page or one of the references."""

    name: str
    url: str
    expect: dict[str, int] = field(default_factory=lambda: {"plots": 0, "maps": 0})
    cold: list[Sample] = field(default_factory=list)  # navigation to settled
    warm: list[Sample] = field(default_factory=list)
    drawn: list[float] = field(default_factory=list)  # navigation to charts drawn (cold)
    script_done: list[float] = field(default_factory=list)
    parts: list[dict[str, float]] = field(default_factory=list)  # cold, ms since navigation
    errors: list[str] = field(default_factory=list)


PROBES: list[str] = []  # Streamlit's own base-path probe 404s, kept apart from errors


def new_context(browser: Browser, console: list[str]) -> BrowserContext:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.add_init_script(INIT_SCRIPT)

    def on_console(kind: str, text: str, url: str) -> None:
        if kind != "error" or ("404" in text and is_base_path_probe(url)):
            return
        console.append(f"{kind}: {text[:160]} ({url[:100]})")

    def on_response(status: int, url: str) -> None:
        if status == 404 and is_base_path_probe(url):
            PROBES.append(url)
        elif status >= 400:
            console.append(f"http {status}: {url[:160]}")

    def on_page(page: Page) -> None:
        page.on("console", lambda m: on_console(m.type, m.text,
                                                (m.location or {}).get("url", "")))
        page.on("pageerror", lambda e: console.append(f"pageerror: {str(e)[:160]}"))

    ctx.on("page", on_page)
    ctx.on("response", lambda r: on_response(r.status, r.url))
    return ctx


def discover(browser: Browser, target: Target, console: list[str]) -> None:
    """Load once, let everything settle, and count the visible charts and maps."""
    ctx = new_context(browser, console)
    try:
        page = ctx.new_page()
        page.goto(target.url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(SETTLED_ONCE,
                               timeout=TIMEOUT_MS, polling=100)
        # Lazy chart and map bundles load and draw after the run: wait until the main
        # area has been quiet for 2 s (on a loaded machine 3 s of sleep was too short).
        page.wait_for_function("() => performance.now() - window.__bench.lastMain > 2000",
                               timeout=TIMEOUT_MS, polling=200)
        scan = page.evaluate(SCAN)
        target.expect = {"plots": scan["plots"], "maps": scan["maps"]}
        if scan["exceptions"]:
            target.errors.append("exception shown on first load")
    finally:
        ctx.close()


def first_view(page: Page, target: Target) -> dict:
    """Navigate and wait until the main area has settled; the page-clock figures."""
    page.goto(target.url, wait_until="commit", timeout=TIMEOUT_MS)
    handle = page.wait_for_function(FIRST_SETTLED, arg={**target.expect, "quiet": QUIET_MS},
                                    polling="raf", timeout=TIMEOUT_MS)
    result = handle.json_value()
    if result.get("error"):
        raise RuntimeError(result["error"])
    return result


def measure_loads(browser: Browser, targets: list[Target], runs: int,
                  console: list[str], warm: bool = True) -> None:
    """`runs` rounds; in each, every target once cold and once warm, in rotated order so
    that no target always follows the same one."""
    warm_ctx = new_context(browser, console)
    try:
        for target in targets:  # fill the warm context's cache
            page = warm_ctx.new_page()
            try:
                first_view(page, target)
            except (PlaywrightError, RuntimeError) as exc:
                target.errors.append(f"warm-up: {str(exc)[:120]}")
            page.close()
        for i in range(runs):
            order = targets[i % len(targets):] + targets[: i % len(targets)]
            for target in order:
                ctx = new_context(browser, console)
                try:
                    res = first_view(ctx.new_page(), target)
                    target.cold.append((i, res["at"] / 1000))
                    target.drawn.append(res["drawn"] / 1000)
                    target.parts.append(res["parts"])
                    if res.get("scriptDone"):
                        target.script_done.append(res["scriptDone"] / 1000)
                except (PlaywrightError, RuntimeError) as exc:
                    target.errors.append(f"cold run {i}: {str(exc)[:120]}")
                finally:
                    ctx.close()
                if not warm:
                    continue
                page = warm_ctx.new_page()
                try:
                    target.warm.append((i, first_view(page, target)["at"] / 1000))
                except (PlaywrightError, RuntimeError) as exc:
                    target.errors.append(f"warm run {i}: {str(exc)[:120]}")
                finally:
                    page.close()
            print(f"  load round {i + 1}/{runs} done", flush=True)
    finally:
        warm_ctx.close()


@dataclass
class FilterResult:
    """Latencies in seconds for the role filter, and what went wrong."""

    changes: list[Sample] = field(default_factory=list)  # (round*2 + 0 add / 1 remove, s)
    added: list[float] = field(default_factory=list)
    removed: list[float] = field(default_factory=list)
    to_start: list[float] = field(default_factory=list)  # keydown to rerun start
    to_done: list[float] = field(default_factory=list)  # keydown to rerun end
    parts: list[dict[str, float]] = field(default_factory=list)  # ms after the keydown
    errors: list[str] = field(default_factory=list)


def _change(page: Page, roles: Locator, kind: str) -> dict:
    if kind == "add":
        roles.locator("input").click()
        page.keyboard.type("Co-chair")
        page.keyboard.press("Enter")
    else:
        page.keyboard.press("Backspace")
    return page.wait_for_function(SETTLED, arg=QUIET_MS, polling="raf",
                                  timeout=TIMEOUT_MS).json_value()


def filter_changes(browser: Browser, targets: list[Target], trials: int,
                   console: list[str]) -> dict[str, FilterResult]:
    """`trials` rounds of add + remove on every target, one tab each, interleaved: in each
    round every target changes its filter in turn (rotated order), so a page and its
    reference see the same machine load."""
    results = {t.name: FilterResult() for t in targets}
    tabs: dict[str, tuple[BrowserContext, Page, Locator]] = {}
    try:
        for target in targets:
            ctx = new_context(browser, console)
            page = ctx.new_page()
            first_view(page, target)
            roles = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").first
            tabs[target.name] = (ctx, page, roles)
        for i in range(trials):
            order = targets[i % len(targets):] + targets[: i % len(targets)]
            for target in order:
                _, page, roles = tabs[target.name]
                out = results[target.name]
                page.bring_to_front()
                for k, (kind, sink) in enumerate((("add", out.added),
                                                  ("remove", out.removed))):
                    try:
                        result = _change(page, roles, kind)
                    except PlaywrightError as exc:
                        out.errors.append(f"{kind} {i}: {str(exc)[:120]}")
                        continue
                    if result["exceptions"]:
                        out.errors.append(f"{kind} {i}: exception shown")
                    latency = (result["end"] - result["t0"]) / 1000
                    sink.append(latency)
                    out.changes.append((2 * i + k, latency))
                    out.to_start.append((result["start"] - result["t0"]) / 1000)
                    out.to_done.append((result["done"] - result["t0"]) / 1000)
                    out.parts.append(result["parts"])
                page.keyboard.press("Escape")
            print(f"  filter round {i + 1}/{trials} done", flush=True)
    finally:
        for ctx, _, _ in tabs.values():
            ctx.close()
    return results


TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline",
                    "disabled-by-default-v8.cpu_profiler", "v8.execute", "toplevel",
                    "blink.user_timing", "__metadata"]


def trace_filter_changes(browser: Browser, target: Target, trials: int,
                         console: list[str]) -> str:
    """A Chromium performance trace over `trials` add+remove filter changes, summarised."""
    ctx = new_context(browser, console)
    try:
        page = ctx.new_page()
        first_view(page, target)
        roles = page.locator("[data-testid=stSidebar] [data-testid=stMultiSelect]").first
        browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
        latencies = []
        for _ in range(trials):
            for kind in ("add", "remove"):
                if kind == "add":
                    roles.locator("input").click()
                    page.keyboard.type("Co-chair")
                page.evaluate("performance.mark('gfmd-change-start')")
                page.keyboard.press("Enter" if kind == "add" else "Backspace")
                result = page.wait_for_function(SETTLED, arg=QUIET_MS, polling=100,
                                                timeout=TIMEOUT_MS).json_value()
                latencies.append(result["end"] - result["t0"])
            page.keyboard.press("Escape")
        raw = browser.stop_tracing()
    finally:
        ctx.close()
    events = json.loads(raw)["traceEvents"]
    OUT.mkdir(parents=True, exist_ok=True)
    name = target.name.split(" ")[0]
    (OUT / f"trace-{name}.json").write_bytes(raw)
    rows = trace_summary(events, latencies)
    total = sum(v for _, v in rows)
    table = md_table(["where (renderer; JS self time by bundle)", "ms per change", "share"],
                     [[k, f"{v:,.1f}", f"{v / total:.0%}"] for k, v in rows[:14]])
    return (f"{target.name}: {2 * trials} filter changes, median latency "
            f"{median(latencies):,.0f} ms (traced, so slower than untraced); renderer busy "
            f"{total:,.0f} ms per change, from the key to the last visible change (rAF polling "
            "by the benchmark included). "
            f"Trace: bench/out/trace-{name}.json\n\n{table}")


def paired_ratios(page: list[Sample], ref: list[Sample]) -> list[float]:
    """Page / reference for each round both were measured in (same load on the machine)."""
    by_round = dict(ref)
    return [v / by_round[r] for r, v in page if by_round.get(r)]


def spread(values: list[float], scale: float = 1000, fmt: str = ",.0f") -> str:
    lo, hi = iqr(values)
    return f"{lo * scale:{fmt}}–{hi * scale:{fmt}}"


def part_medians(parts: list[dict[str, float]]) -> dict[str, float]:
    """Median, per element, of when it last changed (ms), over the runs it changed in."""
    out = {}
    for name in PARTS:
        values = [p[name] for p in parts if name in p]
        if values:
            out[name] = median(values)
    return out


def breakdown(title: str, named: list[tuple[str, list[dict[str, float]]]]) -> str:
    present = [name for name in PARTS if any(name in p for _, parts in named for p in parts)]
    rows = []
    for name, parts in named:
        meds = part_medians(parts)
        rows.append([name] + [f"{meds[k]:,.0f}" if k in meds else "–" for k in present])
    return md_table([title, *present], rows)


def report(reference: Target, plain: Target, framed: Target, pages: list[Target],
           filters: dict[str, FilterResult], runs: int,
           trials: int) -> tuple[str, str, bool]:
    """(the headline table: whole main area settled, as ratios; the headline with the
    breakdowns; every page within the goals, which are against the plain reference)."""
    ok = True
    ref_filter = filters[framed.name].changes
    ref_filter_med = median([v for _, v in ref_filter])
    plain_filter = filters[plain.name].changes
    plain_filter_med = median([v for _, v in plain_filter])
    ref_cold = median([v for _, v in reference.cold])
    ref_warm = median([v for _, v in reference.warm])
    plain_cold = median([v for _, v in plain.cold])
    head = []
    for target in [reference, plain, framed, *pages]:
        is_page = target in pages
        fr = filters.get(target.name)
        cold = [v for _, v in target.cold]
        warm = [v for _, v in target.warm]
        r_cold, r_warm = ratio(median(cold), ref_cold), ratio(median(warm), ref_warm)
        r_plain = ratio(median(cold), plain_cold)
        p_plain = paired_ratios(target.cold, plain.cold)
        if fr is not None:
            changes = [v for _, v in fr.changes]
            r_filter = ratio(median(changes), plain_filter_med)
            p_filter = paired_ratios(fr.changes, plain_filter)
            fcells = [f"{median(changes) * 1000:,.0f}", spread(changes), x(r_filter),
                      spread(p_filter, 1, ".2f") if is_page else "–",
                      x(ratio(median(changes), ref_filter_med)), len(changes)]
        else:
            r_filter, fcells = math.nan, ["–"] * 6
        good = (r_filter <= GOAL_FILTER_RATIO and r_plain <= GOAL_RATIO
                and not target.errors and not (fr and fr.errors))
        ok &= good or not is_page
        head.append([target.name, *fcells, f"{median(cold) * 1000:,.0f}", spread(cold),
                     x(r_plain), spread(p_plain, 1, ".2f") if is_page else "–",
                     x(r_cold), x(r_warm), len(cold),
                     verdict(good) if is_page else "reference"])
    headline = md_table(
        ["page", "filter change ms", "IQR ms", "× plain ref", "paired × IQR",
         "× framed ref", "n", "first view ms (cold)", "IQR ms", "× plain ref",
         "paired × IQR", "× one-chart ref", "warm × one-chart ref", "n",
         f"goal ≤ {GOAL_FILTER_RATIO}× / ≤ {GOAL_RATIO}× plain"], head)

    frows = []
    for target in [plain, framed, *pages]:
        fr = filters[target.name]
        frows.append([target.name, f"{median(fr.added) * 1000:,.0f}",
                      f"{median(fr.removed) * 1000:,.0f}",
                      f"{max([v for _, v in fr.changes], default=math.nan) * 1000:,.0f}",
                      f"{median(fr.to_start) * 1000:,.0f}", f"{median(fr.to_done) * 1000:,.0f}"])
    fdetail = md_table(["page", "add Co-chair ms", "remove ms", "max ms",
                        "key→rerun start ms", "key→rerun end ms"], frows)
    vrows = []
    for target in [reference, plain, framed, *pages]:
        vrows.append([target.name, f"{target.expect['plots']} / {target.expect['maps']}",
                      f"{median(target.script_done) * 1000:,.0f}",
                      f"{median(target.drawn) * 1000:,.0f}",
                      f"{median([v for _, v in target.cold]) * 1000:,.0f}",
                      f"{median([v for _, v in target.warm]) * 1000:,.0f}"])
    vdetail = md_table(["page", "charts / maps", "script done ms", "charts drawn ms",
                        "settled ms (cold)", "settled ms (warm)"], vrows)
    fparts = breakdown("filter change: last change after the key, ms (median)",
                       [(t.name, filters[t.name].parts) for t in [plain, framed, *pages]])
    vparts = breakdown("first view (cold): last change after navigation, ms (median)",
                       [(t.name, t.parts) for t in [reference, plain, framed, *pages]])
    body = "\n".join([
        "**Headline: the whole main area, to its last change.** A view has settled when "
        "its rerun has finished, every chart and map has drawn, and nothing in the main "
        f"area has changed for {QUIET_MS} ms: no DOM change (the data grid's screen-reader "
        "table inside its `<canvas>` included) and no draw call on a canvas (the grid's "
        "and the map's). The time is that of the last change, on the page's clock. "
        f"Filter change: the sidebar role filter gets Co-chair, then loses it; {trials} "
        "rounds, every page, bench/reference_plain.py (one plotly chart and one sidebar "
        "Role filter, nothing else) and bench/reference_filtered.py (the frame and one "
        "plotly chart of the filtered roles) in turn in each round, one tab each. First "
        f"view: {runs} rounds of a fresh browser context per load (cold) and a new tab "
        "with a filled cache (warm), every page, bench/reference_page.py (one plotly "
        "chart) and the plain reference in turn. × ref = median / the reference's median; "
        "paired × = each try over the plain reference's try in the same round (its IQR is "
        "the spread). The goals are against the plain reference (issue 31).", "",
        headline, "",
        "Filter change, detail:", "", fdetail, "",
        "First view, detail ('charts drawn' = every chart's SVG and map's canvas there, "
        "the previous headline):", "", vdetail, "",
        "Where the time goes, per element of the main area: when it last changed (DOM "
        "mutation or canvas draw), median over the tries it changed in. 'paint' = draw "
        "calls on the element's canvas; 'grid screen-reader table' = the DOM table the "
        "data grid keeps inside its canvas for assistive technology.", "",
        fparts, "", vparts,
    ])
    return headline, body, ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="loads per page and mode (≥10)")
    parser.add_argument("--filter-trials", type=int, default=6,
                        help="rounds of add+remove filter changes (6: a median of 12)")
    parser.add_argument("--trace", metavar="PAGE",
                        help="record a Chromium performance trace of filter changes on PAGE "
                             "(or 'reference') and print where the time goes; no timings")
    parser.add_argument("--pages", help="comma-separated url paths; default: all of PAGES")
    parser.add_argument("--no-loads", action="store_true",
                        help="filter changes only (for quick comparisons while working)")
    parser.add_argument("--no-warm", action="store_true",
                        help="cold first views only (a first-time visitor), half the time")
    parser.add_argument("--via-nginx", action="store_true",
                        help="serve the app and both references as `make serve` does: each "
                             "behind the product's nginx (scripts/serve.py)")
    parser.add_argument("--no-append", action="store_true",
                        help="print only: write neither RESULTS.md nor HISTORY.md")
    parser.add_argument("--baseline", metavar="DIR", type=Path,
                        help="another checkout (its app.py) whose pages are measured in the "
                             "same rounds, named '<page> (baseline)'")
    args = parser.parse_args(argv)
    console: list[str] = []
    if args.trace:
        return trace_main(args.trace, args.filter_trials, console, not args.no_append)
    pages: list[PageInfo] = select_pages(args.pages)

    with contextlib.ExitStack() as stack:
        scripts = [(APP, "app"), (REFERENCE, "reference"), (PLAIN_REFERENCE, "plain"),
                   (FILTER_REFERENCE, "framed")]
        if args.baseline:
            scripts.append((args.baseline.resolve() / "app.py", "baseline"))
        # The baseline reads this checkout's record (a git repository, as the app's is).
        same_record = {"GFMD_DATA_DIR": str(DEFAULT_DATA_DIR)}
        servers = [stack.enter_context(running_server(
            script, env=same_record if name == "baseline" else None, name=name))
            for script, name in scripts]
        if args.via_nginx:  # every server, references included, behind its own nginx
            servers = [stack.enter_context(behind_nginx(srv, name)) for srv, (_, name) in
                       zip(servers, scripts, strict=True)]
        app, ref, pref, fref, *base = (srv.url if isinstance(srv, StreamlitProcess)
                                       else srv.base for srv in servers)
        pw = stack.enter_context(sync_playwright())
        browser = pw.chromium.launch(**launch_options())
        try:
            reference = Target("reference (one plotly chart)", ref + "/")
            plain = Target("plain reference (one chart, one sidebar Role filter)", pref + "/")
            framed = Target("reference + frame (one chart, same filter)", fref + "/")
            page_targets = [Target(p.name, p.url(app)) for p in pages]
            page_targets += [Target(f"{p.name} (baseline)", p.url(b)) for b in base
                             for p in pages]
            targets = [reference, plain, framed, *page_targets]
            for target in targets:
                discover(browser, target, console)
                print(f"{target.name}: expecting {target.expect}", flush=True)
            if not args.no_loads:
                measure_loads(browser, targets, args.runs, console, warm=not args.no_warm)
            filters = filter_changes(browser, targets[1:], args.filter_trials, console)
            chromium = browser.version
        finally:
            browser.close()

    headline, body, ok = report(reference, plain, framed, page_targets, filters,
                      0 if args.no_loads else args.runs, args.filter_trials)
    errors = [f"- {t.name}: {e}" for t in targets for e in t.errors]
    errors += [f"- {name} filter: {e}" for name, fr in filters.items() for e in fr.errors]
    unique_console = sorted(set(console))
    body = "\n".join([
        body, "",
        f"Errors: {len(errors)}" + ("\n" + "\n".join(errors) if errors else ""),
        f"Browser console errors and HTTP errors: {len(console)}"
        + ("\n" + "\n".join(f"- {c}" for c in unique_console[:10]) if console else ""),
        f"Not counted: {len(PROBES)} 404s from Streamlit's own base-path probe on deep links "
        "(`/<page>/_stcore/host-config` and `/health`, streamlit/streamlit#7074), and the "
        "browser's console echo of each.",
    ])
    print(body)
    print("\nall within goal" if ok else "\nsome figures over goal (see tables)")
    if not args.no_append:
        record("first_view", "Settled views in a real browser (whole main area)", headline,
               body, {"chromium": chromium})
    return 0


def trace_main(name: str, trials: int, console: list[str], append: bool) -> int:
    """`--trace PAGE`: where the browser's time goes during filter changes on PAGE."""
    script = FILTER_REFERENCE if name == "reference" else APP
    with running_server(script, name="trace") as srv, sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_options())
        try:
            if name == "reference":
                target = Target("reference + frame (one chart, same filter)", srv.url + "/")
            else:
                target = Target(name, select_pages(name)[0].url(srv.url))
            discover(browser, target, console)
            body = trace_filter_changes(browser, target, trials, console)
            chromium = browser.version
        finally:
            browser.close()
    print(body)
    if append:
        append_history(f"Where a filter change goes: {name} (Chromium trace)", body,
                       {"chromium": chromium})
    return 0


if __name__ == "__main__":
    sys.exit(main())
