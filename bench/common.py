"""The benchmarks' one harness: the pages, statistics, result tables, the results files,
the machine, Chromium, and Streamlit processes (always through `serving.streamlit`).

The machine is small and shared, so every script reports medians over repeated runs and
ratios against a baseline measured in the same run; absolute milliseconds only make
sense next to the machine line each result carries.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"  # scratch space, git-ignored
RESULTS = BENCH / "RESULTS.md"
HISTORY = BENCH / "HISTORY.md"
APP = ROOT / "app.py"
PYTHON = sys.executable

if str(ROOT) not in sys.path:  # so `gfmd`, `components` and `serving` import from a script
    sys.path.insert(0, str(ROOT))

from components.pages import PAGES, PageSpec  # noqa: E402  (needs the path above)
from serving import streamlit as st_process  # noqa: E402
from serving import supervise  # noqa: E402
from serving.streamlit import StreamlitProcess, free_port, wait_healthy  # noqa: E402

__all__ = ["StreamlitProcess", "free_port", "wait_healthy"]  # re-exported for the scripts

# Debian's Chromium; Playwright must never download its own browser.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# The narrowed filter every script uses next to the defaults (URL values = widget labels).
NARROW_PARAMS: dict[str, list[str]] = {"years": ["2010", "2012"], "role": ["co-chair"]}
NARROW_QUERY = "years=2010&years=2012&role=co-chair"
EMPTY_SCRIPT = "import streamlit as st\n"


# --- the pages ---------------------------------------------------------------------------


PageInfo = PageSpec  # one entry of the page registry (components/pages.py)


def app_pages() -> list[PageInfo]:
    """Every page of the registry, in navigation order."""
    return list(PAGES)


def select_pages(names: str | None) -> list[PageInfo]:
    """`--pages overview,data` (url paths or file stems); all pages when empty."""
    pages = app_pages()
    if not names:
        return pages
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    chosen = [p for p in pages if p.name in wanted or Path(p.script).stem in wanted]
    missing = set(wanted) - {p.name for p in chosen} - {Path(p.script).stem for p in chosen}
    if missing:
        known = ", ".join(p.name for p in pages)
        raise SystemExit(f"unknown page(s) {', '.join(sorted(missing))}; known: {known}")
    return chosen


# --- statistics and tables ---------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100): an observed value, never interpolated."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def ratio(value: float, baseline: float) -> float:
    return value / baseline if baseline and not math.isnan(baseline) else math.nan


def iqr(values: Sequence[float]) -> tuple[float, float]:
    """Quartiles, printed next to medians so that a noisy run shows as one."""
    if len(values) < 4:
        return (min(values, default=math.nan), max(values, default=math.nan))
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def ms(seconds: float) -> str:
    return "–" if math.isnan(seconds) else f"{seconds * 1000:,.1f}"


def x(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.2f}×"


def verdict(ok: bool) -> str:
    return "ok" if ok else "**over**"


def md_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table; also readable as plain text on the terminal."""
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


# --- the machine -------------------------------------------------------------------------


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_revision() -> str:
    """HEAD and whether the tree has local changes (the figures belong to that state)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=ROOT, capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    results = ("bench/RESULTS.md", "bench/HISTORY.md")  # written by the runs themselves
    n = len([line for line in dirty.splitlines() if line.strip()
             and not line.rstrip().endswith(results)])
    return head + (f" + {n} modified file(s)" if n else "")


def machine() -> dict[str, str]:
    """What the figures were measured on, with the load average (the machine is shared)."""
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    return {
        "cpu": _cpu_model(),
        "cores": f"{os.cpu_count()} (usable {len(os.sched_getaffinity(0))})",
        "load average (1, 5, 15 min, as the run ends)": load,
        "python": platform.python_version(),
        "streamlit": _version("streamlit"),
        "plotly": _version("plotly"),
        "pandas": _version("pandas"),
        "playwright": _version("playwright"),
        "git": _git_revision(),
    }


def machine_line(extra: dict[str, str] | None = None) -> str:
    return "; ".join(f"{k}: {v}" for k, v in {**machine(), **(extra or {})}.items())


# --- the results files -------------------------------------------------------------------


def _markers(key: str) -> tuple[str, str]:
    return f"<!-- latest:{key} -->", f"<!-- /latest:{key} -->"


def _stamp_and_command() -> tuple[str, str]:
    stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return stamp, " ".join([".venv/bin/python", *sys.argv])


def append_history(title: str, body: str, extra_machine: dict[str, str] | None = None) -> None:
    """A dated section at the end of HISTORY.md: every run's whole report is kept there,
    and investigations (profiles, traces) have no other place."""
    stamp, command = _stamp_and_command()
    with HISTORY.open("a", encoding="utf-8") as fh:
        fh.write(f"\n## {title} — {stamp}\n\n`{command}`\n\n"
                 f"Machine: {machine_line(extra_machine)}\n\n{body.rstrip()}\n")
    print(f"\nappended to {HISTORY.relative_to(ROOT)}")


def record(key: str, title: str, headline: str, body: str,
           extra_machine: dict[str, str] | None = None) -> None:
    """Write a run where it belongs: the whole report to HISTORY.md, and `headline` (one
    table) in place of the latest figures of benchmark `key` in RESULTS.md, between its
    `latest:` markers. Without the markers, the block is printed to paste by hand."""
    append_history(title, body, extra_machine)
    stamp, command = _stamp_and_command()
    begin, end = _markers(key)
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    block = (f"{begin}\nLatest run: {stamp}, `{command}` (git {_git_revision()}; load "
             f"average {load} over 1, 5, 15 min as it ended).\n\n"
             f"{headline.strip()}\n{end}")
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if begin not in text or end not in text:
        print(f"no {begin} block in {RESULTS.relative_to(ROOT)}; paste this there:\n{block}")
        return
    head, rest = text.split(begin, 1)
    RESULTS.write_text(head + block + rest.split(end, 1)[1], encoding="utf-8")
    print(f"updated the {key} figures in {RESULTS.relative_to(ROOT)}")


# --- Streamlit processes and Chromium ----------------------------------------------------


@contextlib.contextmanager
def running_server(script: Path = APP, env: dict[str, str] | None = None,
                   name: str = "app") -> Iterator[StreamlitProcess]:
    """`script` under `streamlit run` on a free local port (serving.streamlit), its log in
    bench/out/; stopped on exit."""
    log_dir = OUT / f"streamlit-{name}"
    log_dir.mkdir(parents=True, exist_ok=True)
    with st_process.running(script=script, env=env, log_dir=log_dir) as server:
        yield server


def mib(kib: int | None) -> str:
    return "–" if kib is None else f"{kib / 1024:,.0f} MiB"


_PROBE = re.compile(r"^/[^/]+/_stcore/(host-config|health|allowed-message-origins)$")


def is_base_path_probe(url: str) -> bool:
    """A 404 Streamlit's frontend causes itself on a deep link: it probes `/<page>/_stcore/…`
    before `/_stcore/…` to find the server's base path (streamlit/streamlit#7074). Counted
    apart from the app's errors."""
    return bool(_PROBE.match(urllib.parse.urlsplit(url).path))


def launch_options() -> dict[str, object]:
    """Playwright launch arguments for Debian's Chromium."""
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} not found; install Debian's chromium (never download one)")
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


# --- several processes behind nginx, as `make serve` runs them ----------------------------


def start_serve(workers: int, runtime: Path, env: dict[str, str] | None = None,
                port: int | None = None) -> supervise.Served:
    """`workers` app processes and nginx, supervised, on free local ports."""
    return supervise.start(workers, runtime, env=env, port=port)


@contextlib.contextmanager
def behind_nginx(server: StreamlitProcess, name: str,
                 people_per_address: int = 4) -> Iterator[supervise.Served]:
    """The product's nginx in front of a running server, as `make serve` puts it in front of
    the app: static files compressed and cached, the same headers and limits (multiplied by
    `people_per_address`, since every tab of a bench comes from 127.0.0.1)."""
    proxy = supervise.start(0, OUT / f"nginx-{name}-{server.port}",
                            env={"SERVE_PEOPLE_PER_ADDRESS": str(people_per_address)},
                            upstreams=[f"127.0.0.1:{server.port}"])
    try:
        yield proxy
    finally:
        proxy.stop()
