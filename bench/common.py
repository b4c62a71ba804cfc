"""Shared pieces of the benchmark scripts: the machine, the pages, statistics, servers, and
the results log.

The machine is small and noisy, so every script reports medians over repeated runs and
ratios against a baseline measured in the same run; absolute milliseconds only make
sense next to the machine description each section of `bench/RESULTS.md` starts with.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"  # scratch space, git-ignored
RESULTS = BENCH / "RESULTS.md"
APP = ROOT / "app.py"
PYTHON = sys.executable

if str(ROOT) not in sys.path:  # so `gfmd` and `components` import when run as a script
    sys.path.insert(0, str(ROOT))

from components.pages import PAGES, PageSpec  # noqa: E402  (needs the path above)

# Chromium flags for the Debian build; Playwright must never download its own browser.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# The narrowed filter every script uses next to the defaults (URL values = widget labels).
NARROW_PARAMS: dict[str, list[str]] = {"years": ["2010", "2012"], "role": ["Co-chair"]}
NARROW_QUERY = "years=2010&years=2012&role=Co-chair"


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


def frame_only_script() -> Path:
    """The app's frame around one empty page: the cost of the frame alone.

    Written to bench/out/ (git-ignored); it calls the same `components.frame.run` as
    app.py, so it follows the frame as it changes.
    """
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


EMPTY_SCRIPT = "import streamlit as st\n"


# --- statistics --------------------------------------------------------------------------


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
    """Quartiles, printed next to medians so a noisy run is visible as such."""
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


def _mem_total_gib() -> float:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    return math.nan


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_revision() -> str:
    """HEAD and whether the tree has local changes (the numbers belong to that state)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                              capture_output=True, text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=ROOT, capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    n = len([line for line in dirty.splitlines() if line.strip()])
    return f"{head}" + (f" + {n} modified file(s)" if n else "")


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    try:
        cores = f"{os.cpu_count()} (usable {len(os.sched_getaffinity(0))})"
    except AttributeError:
        cores = str(os.cpu_count())
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpu": _cpu_model(),
        "cores": cores,
        "memory": f"{_mem_total_gib():.1f} GiB",
        "load average at start": load,
        "os": platform.platform(),
        "python": platform.python_version(),
        "streamlit": _version("streamlit"),
        "plotly": _version("plotly"),
        "pandas": _version("pandas"),
        "pydantic": _version("pydantic"),
        "playwright": _version("playwright"),
        "git": _git_revision(),
    }


def machine_line(extra: dict[str, str] | None = None) -> str:
    info = {**machine(), **(extra or {})}
    return "; ".join(f"{k}: {v}" for k, v in info.items())


def append_results(title: str, body: str, extra_machine: dict[str, str] | None = None,
                   command: str | None = None) -> None:
    """Append a dated section to bench/RESULTS.md (never rewrites earlier sections)."""
    stamp = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    command = command or " ".join([".venv/bin/python", *sys.argv])
    if not RESULTS.exists():
        RESULTS.write_text(
            "# Benchmark results\n\nEach section is appended by a script in `bench/` "
            "(see `bench/README.md`). Medians over repeated runs; ratios are against a "
            "baseline measured in the same run.\n",
            encoding="utf-8",
        )
    section = (
        f"\n## {title} — {stamp}\n\n"
        f"`{command}`\n\n"
        f"Machine: {machine_line(extra_machine)}\n\n"
        f"{body.rstrip()}\n"
    )
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(section)
    print(f"\nappended to {RESULTS.relative_to(ROOT)}")


# --- servers -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A `streamlit run` child process on 127.0.0.1; stopped by its own pid only."""

    proc: subprocess.Popen
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_kib(self) -> dict[str, int]:
        return proc_memory(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def start_server(script: Path, env: dict[str, str] | None = None, name: str = "app",
                 timeout: float = 60) -> Server:
    """Start `streamlit run script` on a free local port and wait for its health check."""
    OUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = OUT / f"server-{name}-{port}.log"
    cmd = [
        PYTHON, "-m", "streamlit", "run", str(script),
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none", "--server.runOnSave", "false",
    ]
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT,
                                env={**os.environ, **(env or {})})
    server = Server(proc, port, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early; see {log}")
        try:
            with urllib.request.urlopen(f"{server.base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"server did not become healthy in {timeout:.0f} s; see {log}")


@contextlib.contextmanager
def running_server(script: Path, env: dict[str, str] | None = None,
                   name: str = "app") -> Iterator[Server]:
    server = start_server(script, env=env, name=name)
    try:
        yield server
    finally:
        server.stop()


def proc_memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process in KiB, from /proc/<pid>/status."""
    values: dict[str, int] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    return values


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


# --- several processes behind nginx (scripts/serve.py) -----------------------------------


SERVE_SCRIPT = ROOT / "scripts" / "serve.py"


@dataclass
class Serve:
    """A `scripts/serve.py` run (workers + nginx) on free local ports, stopped by its pid."""

    proc: subprocess.Popen
    port: int
    runtime: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def state(self) -> dict:
        """serve.py's state file: worker pids, upstreams and routes (w0, w1, …)."""
        import json

        return json.loads((self.runtime / "state.json").read_text())

    def worker(self, route: str) -> dict:
        return next(w for w in self.state()["workers"] if w["route"] == route)

    def memory(self) -> dict[str, dict[str, int]]:
        """RSS per worker route, and nginx's."""
        state = self.state()
        out = {w["route"]: proc_memory(w["pid"]) for w in state["workers"] if w["pid"]}
        out["nginx"] = proc_memory(state["nginx_pid"])
        return out

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # serve.py stops nginx and its workers itself
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def start_serve(workers: int, runtime: Path, env: dict[str, str] | None = None,
                restart_delay: float = 3.0, timeout: float = 90,
                port: int | None = None) -> Serve:
    """`scripts/serve.py` with `workers` processes and nginx, each on a free port (nginx on
    `port` if given: a sign-in redirect URI has to name it before the workers start)."""
    runtime.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    ports = ",".join(str(free_port()) for _ in range(workers))
    log = (runtime / "serve.out").open("w")
    proc = subprocess.Popen(
        [PYTHON, str(SERVE_SCRIPT), "--workers", str(workers), "--port", str(port),
         "--worker-ports", ports, "--runtime", str(runtime),
         "--restart-delay", str(restart_delay)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})})
    serve = Serve(proc, port, runtime)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"serve.py exited early; see {runtime / 'serve.out'}")
        if (runtime / "state.json").exists():
            return serve
        time.sleep(0.2)
    serve.stop()
    raise RuntimeError(f"serve.py not ready in {timeout:.0f} s; see {runtime / 'serve.out'}")


@contextlib.contextmanager
def behind_nginx(server: Server, name: str, people_per_address: int = 4) -> Iterator[Serve]:
    """The product's nginx (`scripts/serve.py --workers 0`) in front of a running server, as
    `make serve` puts it in front of the app: static files compressed and cached, the same
    headers and limits (multiplied by `people_per_address`, since every tab of a bench comes
    from 127.0.0.1)."""
    runtime = OUT / f"nginx-{name}-{server.port}"
    runtime.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = (runtime / "serve.out").open("w")
    proc = subprocess.Popen(
        [PYTHON, str(SERVE_SCRIPT), "--workers", "0", "--upstreams", f"127.0.0.1:{server.port}",
         "--port", str(port), "--runtime", str(runtime),
         "--people-per-address", str(people_per_address)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    proxy = Serve(proc, port, runtime)
    try:
        deadline = time.monotonic() + 30
        while not (runtime / "state.json").exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"serve.py did not start; see {runtime / 'serve.out'}")
            time.sleep(0.1)
        yield proxy
    finally:
        proxy.stop()
        log.close()


def wait_worker_healthy(upstream: str, timeout: float = 60) -> float:
    """Seconds until a worker answers its health check (directly, not through nginx)."""
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        try:
            with urllib.request.urlopen(f"http://{upstream}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return time.monotonic() - began
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{upstream} not healthy after {timeout:.0f} s")
