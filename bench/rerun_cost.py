"""Rerun cost: the warm rerun time of every page, as a multiple of an empty Streamlit page.

Every interaction reruns the whole script, so the warm rerun is what a reader waits for
after each click. All pages run in one process through AppTest, interleaved round-robin
with two baselines, so machine noise hits every figure alike:

- empty: a script that only imports streamlit (the baseline the goal is stated against);
- frame: app.py with its PAGES replaced by one empty page (filters, banner, data bundle),
  so "page - frame" is what the page itself adds.

`--profile PAGE` (or `--profile all`) shows where the time goes: cProfile inside the
script thread (AppTest runs the script in its own thread, which a plain cProfile run
misses), plus a stack sampler that charges time to the app's own source lines.

    .venv/bin/python bench/rerun_cost.py                 # all pages, 20 timed reruns each
    .venv/bin/python bench/rerun_cost.py --profile overview
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import math
import pstats
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    APP,
    EMPTY_SCRIPT,
    NARROW_PARAMS,
    OUT,
    ROOT,
    PageInfo,
    append_history,
    iqr,
    md_table,
    median,
    ms,
    ratio,
    record,
    select_pages,
    verdict,
    x,
)
from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.testing.v1 import AppTest

GOAL = 4.0
VARIANTS: dict[str, dict[str, list[str]]] = {"default": {}, "narrow": NARROW_PARAMS}
VARIANT_LABEL = {"default": "default filters",
                 "narrow": "years 2010–2012 + role Co-chair"}


def frame_only_script() -> Path:
    """The app's frame around one empty page, written to bench/out/: it calls the same
    `components.frame.run` as app.py, so "page - frame" follows the frame as it changes."""
    text = (
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n"
        "import streamlit as st\n\n"
        "from components import frame\n\n\n"
        "def _empty_page() -> None:\n"
        "    pass\n\n\n"
        "frame.run(lambda: [st.Page(_empty_page, title='Empty', url_path='empty',\n"
        "                           default=True)])\n"
    )
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "frame_only_app.py"
    target.write_text(text, encoding="utf-8")
    return target


def quiet_streamlit() -> None:
    """AppTest outside `pytest` logs "missing ScriptRunContext" per run; drop just that.

    A filter, not a level: Streamlit resets its loggers' levels when AppTest loads config.
    """
    from streamlit.runtime.scriptrunner_utils import script_run_context

    script_run_context._LOGGER.addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage())


def share_script_cache() -> None:
    """Make AppTest keep compiled scripts between runs, as a real server does.

    AppTest builds a new ScriptCache on every run, so each AppTest rerun re-reads,
    re-parses (with Streamlit's "magic" AST rewrite) and recompiles app.py and the page;
    a server compiles each script once. Bench-only patch, for `--shared-script-cache`.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = ScriptCache()
    app_test.ScriptCache = lambda: shared  # type: ignore[attr-defined]
    local_script_runner.ScriptCache = lambda: shared  # type: ignore[attr-defined]


def new_apptest(page: PageInfo | None, params: dict[str, list[str]],
                script: Path | None = None) -> AppTest:
    """An AppTest on `page` of app.py (or on `script`), run once so the next run is warm."""
    if script is None and page is None:
        at = AppTest.from_string(EMPTY_SCRIPT, default_timeout=120)
    else:
        at = AppTest.from_file(str(script or APP), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page is not None and not page.default:
        at.switch_page(page.script).run()
    at.run()
    return at


def problems_of(at: AppTest) -> list[str]:
    return [str(e.value)[:200] for e in at.exception]


@dataclass
class Case:
    """One timed subject: a page (or a baseline) under one filter variant."""

    label: str
    variant: str
    at: AppTest
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def run_once(self) -> None:
        start = time.perf_counter()
        self.at.run()
        self.times.append(time.perf_counter() - start)


def time_cases(cases: list[Case], runs: int) -> None:
    """Round-robin: run i of every case before run i+1 of any, starting at a rotating case."""
    for i in range(runs):
        order = cases[i % len(cases):] + cases[: i % len(cases)]
        for case in order:
            gc.collect()
            case.run_once()
    for case in cases:
        case.errors = problems_of(case.at)


def filter_state(at: AppTest) -> str:
    """What the sidebar ended up selecting, to show the narrowed filter really applied."""
    try:
        years = at.sidebar.slider[0].value
        roles = at.sidebar.multiselect[0].value
    except (IndexError, KeyError):
        return "?"
    return f"{years[0]}–{years[1]}" + (f", {'/'.join(roles)}" if roles else "")


def measure(pages: list[PageInfo], runs: int) -> tuple[str, str, bool]:
    """(the table, the table with its notes, every page within the goal)."""
    frame_script = frame_only_script()
    cases: list[Case] = [Case("empty script", "default", new_apptest(None, {}))]
    for variant, params in VARIANTS.items():
        cases.append(Case("frame + empty page", variant,
                          new_apptest(None, params, script=frame_script)))
        for page in pages:
            cases.append(Case(page.name, variant, new_apptest(page, params)))
    print(f"{len(cases)} AppTest instances warmed; timing {runs} reruns each, round-robin")
    time_cases(cases, runs)

    empty = median(cases[0].times)
    frames = {c.variant: median(c.times) for c in cases if c.label == "frame + empty page"}
    rows = []
    all_ok = True
    for case in cases:
        med = median(case.times)
        lo, hi = iqr(case.times)
        is_page = case.label not in ("empty script", "frame + empty page")
        vs_empty = ratio(med, empty)
        ok = vs_empty <= GOAL
        if is_page:
            all_ok &= ok and not case.errors
        page_only = med - frames[case.variant] if is_page else math.nan
        rows.append([
            case.label, VARIANT_LABEL[case.variant] if case.label != "empty script" else "–",
            filter_state(case.at) if case.label != "empty script" else "–",
            ms(med), f"{ms(lo)}–{ms(hi)}", x(vs_empty),
            x(ratio(med, frames[case.variant])) if case.label != "empty script" else "–",
            ms(page_only),
            (verdict(ok) if is_page else "baseline") + (" ERROR" if case.errors else ""),
        ])
    header = ["page", "filters", "selected", "median ms", "IQR ms", "× empty",
              "× frame", "page − frame ms", f"goal ≤ {GOAL:g}× empty"]
    body = md_table(header, rows)
    errors = [f"- {c.label} ({c.variant}): {e}" for c in cases for e in c.errors]
    notes = (
        f"\n\n{runs} timed warm reruns per row (AppTest, one process, round-robin). "
        f"Baseline 'empty script' = `{EMPTY_SCRIPT.strip()}` via AppTest.from_string; "
        "'frame + empty page' = app.py with PAGES replaced by one empty page. "
        "Goal: every page ≤ 4× the empty script."
    )
    if errors:
        notes += "\n\nExceptions seen:\n" + "\n".join(errors)
    return body, body + notes, all_ok


# --- profiling ---------------------------------------------------------------------------


def _package(filename: str) -> str:
    """Where a function lives: the app's own file, a site-package, the stdlib or C."""
    if filename.startswith("~"):
        return "C builtins"
    if filename.startswith("<"):  # <frozen posixpath>, <string>
        return "stdlib"
    path = Path(filename)
    if "site-packages" in path.parts:
        i = path.parts.index("site-packages")
        return path.parts[i + 1].removesuffix(".py") if len(path.parts) > i + 1 else "?"
    try:
        return "app: " + path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return "stdlib"


def _is_app_file(filename: str) -> bool:
    if filename.startswith(("~", "<")):
        return False
    try:
        rel = Path(filename).resolve().relative_to(ROOT)
    except ValueError:
        return False
    return rel.parts[0] not in (".venv", "bench")


@dataclass
class Profile:
    text: str
    summary: str


def with_script_thread_hook(hook: Callable[[], None], unhook: Callable[[], None],
                            body: Callable[[], None]) -> None:
    """Run `body` with `hook()`/`unhook()` called inside the script thread around each run."""
    original = ScriptRunner._run_script

    def wrapped(self: ScriptRunner, rerun_data: object) -> None:
        hook()
        try:
            original(self, rerun_data)
        finally:
            unhook()

    ScriptRunner._run_script = wrapped  # type: ignore[method-assign]
    try:
        body()
    finally:
        ScriptRunner._run_script = original  # type: ignore[method-assign]


def cprofile_page(at: AppTest, runs: int, top: int) -> tuple[str, list[tuple[str, float]],
                                                              list[str], float]:
    prof = cProfile.Profile()

    def body() -> None:
        for _ in range(runs):
            at.run()

    with_script_thread_hook(prof.enable, prof.disable, body)
    stats = pstats.Stats(prof)
    raw = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    by_pkg: Counter[str] = Counter()
    for (filename, _, _), (_, _, tt, _, _) in raw.items():
        by_pkg[_package(filename)] += tt
    packages = [(name, t / runs) for name, t in by_pkg.most_common(12)]

    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("cumulative").print_stats(top)
    cumulative = buf.getvalue()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("tottime").print_stats(top)
    tottime = buf.getvalue()

    # The library functions the app calls directly, by time spent under those calls.
    edges: Counter[str] = Counter()
    for (filename, line, func), (_, _, _, _, callers) in raw.items():
        if _is_app_file(filename) or func in ("wrapped_func", "<module>", "run"):
            continue  # "run": app.py calling page.run(), i.e. the whole page
        for (cfile, _, _), (_, _, _, ct) in callers.items():
            if _is_app_file(cfile):
                short = "/".join(Path(filename).parts[-2:])
                edges[f"{short}:{line}({func})"] += ct
    calls = [f"{ct / runs * 1000:8.1f} ms  {name}" for name, ct in edges.most_common(top)]
    # Streamlit's public calls are entered through its metrics wrapper (`wrapped_func`),
    # so an app line calling st.dataframe shows up as wrapped_func -> dataframe.
    api: Counter[str] = Counter()
    for (filename, _, func), (_, _, _, ct, callers) in raw.items():
        if func != "wrapped_func" and any(c[2] == "wrapped_func" for c in callers):
            api[f"{Path(filename).parent.name}/{Path(filename).name}:{func}"] += ct
    calls = [f"{ct / runs * 1000:8.1f} ms  {name}" for name, ct in api.most_common(top)] + [
        "-- other library calls made directly from app code:"] + calls
    text = ("cProfile, script thread, cumulative (all runs):\n" + _trim(cumulative)
            + "\ncProfile, script thread, own time (all runs):\n" + _trim(tottime))
    return text, packages, calls, total / runs


def _trim(report: str) -> str:
    lines = report.splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(lines[start:]) + "\n"


def sample_page(at: AppTest, runs: int, interval: float = 0.0005) -> tuple[
        Counter, Counter, Counter, Counter, int]:
    """Sample the script thread's stack; charge each sample to app source lines.

    The sampler only copies (file, line) pairs while sampling and classifies afterwards,
    so it disturbs the script as little as a Python-level sampler can.
    Returns (outermost page/frame statement, innermost app line, leaf package, leaf
    function, samples).
    """
    targets: dict[str, int | None] = {"tid": None}
    stacks: list[tuple[tuple[str, int], ...]] = []
    leaf_funcs: Counter[str] = Counter()
    stop = threading.Event()

    def sampler() -> None:
        current_frames = sys._current_frames
        while not stop.is_set():
            tid = targets["tid"]
            frame = current_frames().get(tid) if tid is not None else None
            if frame is not None:
                code = frame.f_code
                leaf_funcs[f"{Path(code.co_filename).name}:{code.co_name}"] += 1
                stack = []
                while frame is not None:
                    stack.append((frame.f_code.co_filename, frame.f_lineno))
                    frame = frame.f_back
                stacks.append(tuple(stack))
            time.sleep(interval)

    def hook() -> None:
        targets["tid"] = threading.get_ident()

    def unhook() -> None:
        targets["tid"] = None

    def body() -> None:
        for _ in range(runs):
            at.run()

    old_switch = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    thread = threading.Thread(target=sampler, daemon=True)
    thread.start()
    try:
        with_script_thread_hook(hook, unhook, body)
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(old_switch)

    is_app: dict[str, bool] = {}
    line_cache: dict[tuple[str, int], str] = {}

    def describe(filename: str, lineno: int) -> str:
        key = (filename, lineno)
        if key not in line_cache:
            rel = Path(filename).resolve().relative_to(ROOT).as_posix()
            try:
                src = Path(filename).read_text(encoding="utf-8").splitlines()[lineno - 1]
            except (OSError, IndexError):
                src = ""
            line_cache[key] = f"{rel}:{lineno}  {src.strip()[:70]}"
        return line_cache[key]

    outer: Counter[str] = Counter()
    inner: Counter[str] = Counter()
    leaf: Counter[str] = Counter()
    for stack in stacks:
        leaf[_package(stack[0][0])] += 1
        app_frames = []
        for filename, lineno in stack:
            if filename not in is_app:
                is_app[filename] = _is_app_file(filename)
            if is_app[filename]:
                app_frames.append((filename, lineno))
        if not app_frames:
            inner["(Streamlit itself, outside the app's code)"] += 1
            outer["(Streamlit itself, outside the app's code)"] += 1
            continue
        inner[describe(*app_frames[0])] += 1
        pages = [fr for fr in app_frames if "app_pages" in fr[0]]
        outer[describe(*(pages[-1] if pages else app_frames[-1]))] += 1
    return outer, inner, leaf, leaf_funcs, len(stacks)


@dataclass
class PageProfile:
    """What the profilers found for one page; `report(n)` shows n rows per list."""

    head: str
    outer: Counter
    inner: Counter
    leaf: Counter
    leaf_funcs: Counter
    samples: int
    packages: list[tuple[str, float]]
    calls: list[str]
    listing: Path

    def _shares(self, counter: Counter, n: int) -> list[str]:
        total = max(self.samples, 1)
        return [f"{c / total * 100:5.1f}%  {name}" for name, c in counter.most_common(n)]

    def report(self, n: int) -> str:
        return "\n".join([
            self.head,
            "Statement of the page (or frame) each sample was under (sampler):", "```",
            *self._shares(self.outer, n), "```",
            "Innermost app line of each sample (sampler):", "```",
            *self._shares(self.inner, n), "```",
            "Function running at each sample (sampler):", "```",
            *self._shares(self.leaf_funcs, n), "```",
            "Package of the running code (sampler):", "```",
            *self._shares(self.leaf, min(n, 8)), "```",
            "Own time by package (cProfile, ms per rerun):", "```",
            *[f"{t * 1000:8.1f} ms  {name}" for name, t in self.packages[:n]], "```",
            "Streamlit calls, time under them (cProfile, ms per rerun; cProfile overhead "
            "included):", "```", *self.calls[:n], "```",
            f"Full cProfile listing: `{self.listing.relative_to(ROOT)}`\n",
        ])


def profile(pages: list[PageInfo], variant: str, runs: int, top: int) -> str:
    """Profile each page; print the full report, return a shorter one for HISTORY.md."""
    sections = []
    for page in pages:
        at = new_apptest(page, VARIANTS[variant])
        plain = []
        for _ in range(runs):
            start = time.perf_counter()
            at.run()
            plain.append(time.perf_counter() - start)
        outer, inner, leaf, leaf_funcs, samples = sample_page(at, runs)
        text, packages, calls, thread_total = cprofile_page(at, runs, top)
        listing = OUT / f"profile-{page.name}-{variant}.txt"
        OUT.mkdir(parents=True, exist_ok=True)
        listing.write_text(text, encoding="utf-8")
        head = (f"### {page.name} ({variant}: {VARIANT_LABEL[variant]})\n\n"
                f"Warm rerun without profiler: median {ms(median(plain))} ms over {runs}; "
                f"script thread under cProfile: {thread_total * 1000:.1f} ms/run "
                f"(cProfile inflates many small calls). Stack samples: {samples} (a Python "
                "sampler over-samples calls that release the GIL, such as system calls). "
                f"Errors: {problems_of(at) or 'none'}.\n")
        result = PageProfile(head, outer, inner, leaf, leaf_funcs, samples, packages, calls,
                             listing)
        print(result.report(top))
        sections.append(result.report(8))
    return "\n".join(sections)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed reruns per case (≥15)")
    parser.add_argument("--pages", help="comma-separated url paths; default: all of PAGES")
    parser.add_argument("--profile", metavar="PAGE",
                        help="profile one page (url path or file stem), or 'all'")
    parser.add_argument("--variant", choices=list(VARIANTS), default="default",
                        help="filters for --profile")
    parser.add_argument("--top", type=int, default=25, help="rows per profile listing")
    parser.add_argument("--shared-script-cache", action="store_true",
                        help="compile scripts once, as a server does (AppTest recompiles "
                             "app.py and the page on every run)")
    parser.add_argument("--no-append", action="store_true",
                        help="print only: write neither RESULTS.md nor HISTORY.md")
    args = parser.parse_args(argv)
    quiet_streamlit()
    mode = ""
    if args.shared_script_cache:
        share_script_cache()
        mode = ", scripts compiled once"

    if args.profile:
        pages = select_pages(None if args.profile == "all" else args.profile)
        body = profile(pages, args.variant, max(args.runs, 5), args.top)
        if not args.no_append:
            append_history(f"Rerun profile ({args.profile}, {args.variant}{mode})", body)
        return 0

    if args.runs < 15:
        print("note: fewer than 15 runs; medians will be noisy", file=sys.stderr)
    pages = select_pages(args.pages)
    table, body, ok = measure(pages, args.runs)
    if args.shared_script_cache:
        body += ("\n\nScripts compiled once, as a server does (bench-only patch: AppTest "
                 "otherwise re-reads, re-parses and recompiles app.py and the page on "
                 "every run).")
    print(body)
    print("\nall pages within goal" if ok else "\nsome pages over goal (see table)")
    if args.no_append:
        return 0
    if args.shared_script_cache:  # a what-if: its figures are history, not the status
        append_history(f"Rerun cost (AppTest warm reruns{mode})", body)
    else:
        record("rerun_cost", "Rerun cost (AppTest warm reruns)", table, body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
