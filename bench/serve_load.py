"""Load through nginx: 1 worker against 2 (scripts/serve.py), protocol-level sessions.

For each worker count: readers (a view every --think seconds each) at rising session
counts, then a saturation run (sessions asking for views back to back) for the most views
per second the set-up serves. Reports views, p95 view time, errors (a view not served
within --view-timeout, or an exception on the page), and memory per process, and works
out how many readers a worker and a core carry.

    .venv/bin/python bench/serve_load.py          # ≈ 4 min on the 2-core machine

Protocol-level sessions (Streamlit's websocket, no browser; see failover.py) keep the
route cookie nginx gives them, so they spread over the workers as browsers do. Chromium
is left out on purpose: on this machine its renderers take the cores the workers need.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    OUT,
    PageInfo,
    md_table,
    median,
    mib,
    percentile,
    record,
    select_pages,
    start_serve,
)

from tests.serve.failover import Run, ws_session


async def phase(port: int, pages: list[PageInfo], sessions: int, think: float,
                duration: float, view_timeout: float) -> tuple[Run, float]:
    run = Run()
    began = time.monotonic()
    run.end = began + duration

    async def reader(n: int) -> None:
        # Readers arrive spread over one think time, not all in the same instant.
        await asyncio.sleep(n * think / sessions)
        await ws_session(f"ws{n}", port, pages, n, run, think, view_timeout)

    await asyncio.gather(*(reader(n) for n in range(sessions)))
    return run, time.monotonic() - began


def measure(workers: int, args: argparse.Namespace, pages: list[PageInfo]) -> list[list[str]]:
    rows = []
    # Every simulated reader connects from 127.0.0.1, as staff behind one NAT would:
    # nginx's per-address limits are raised to as many people (README, "Hardening").
    people = {"SERVE_PEOPLE_PER_ADDRESS": str(max([*args.sessions, args.saturate]))}
    serve = start_serve(workers, OUT / f"serve-load-{workers}", env=people)
    try:
        mem_idle = serve.memory()
        asyncio.run(phase(serve.port, pages, 2 * workers, 0, 5, args.view_timeout))  # warm
        plan = [(n, args.think) for n in args.sessions] + [(args.saturate, 0.0)]
        for sessions, think in plan:
            run, wall = asyncio.run(phase(serve.port, pages, sessions, think, args.duration,
                                          args.view_timeout))
            on = {r: sum(1 for v in run.routes.values() if v == r)
                  for r in sorted(set(run.routes.values()))}
            errors = len(run.lost) + len(run.errors)
            rows.append([
                workers, sessions, f"{think:g} s" if think else "none (saturation)",
                " / ".join(f"{r} {c}" for r, c in on.items()),
                run.views, f"{run.views / wall:.1f}", f"{median(run.times) * 1000:,.0f}",
                f"{percentile(run.times, 95) * 1000:,.0f}", errors,
            ])
            print(md_table(HEADER, rows[-1:]).splitlines()[-1], flush=True)
        mem = serve.memory()
    finally:
        serve.stop()
    for route, m in mem.items():
        MEMORY.append([workers, route, mib(mem_idle.get(route, {}).get("VmRSS")),
                       mib(m.get("VmRSS")), mib(m.get("VmHWM"))])
    return rows


HEADER = ["workers", "sessions", "think time", "sessions per worker", "views",
          "views/s", "median ms", "p95 ms", "errors"]
MEMORY: list[list[object]] = []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=lambda s: [int(x) for x in s.split(",")],
                        default=[20, 60], help="reader session counts, e.g. 20,60")
    parser.add_argument("--think", type=float, default=2.0, help="seconds between views")
    parser.add_argument("--saturate", type=int, default=12,
                        help="sessions asking back to back in the saturation run")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per run")
    parser.add_argument("--view-timeout", type=float, default=30.0)
    parser.add_argument("--pages", help="comma-separated url paths; default: all of PAGES")
    parser.add_argument("--no-append", action="store_true",
                        help="print only: write neither RESULTS.md nor HISTORY.md")
    args = parser.parse_args(argv)
    pages = select_pages(args.pages)
    rows = measure(1, args, pages) + measure(2, args, pages)
    sat = {int(r[0]): float(r[5]) for r in rows if r[2].startswith("none")}
    cores = len(os.sched_getaffinity(0))
    saturation = (
        f"Saturation: {sat.get(1, 0):.1f} views/s with 1 worker, {sat.get(2, 0):.1f} with 2 "
        f"({sat.get(2, 0) / sat[1] if sat.get(1) else float('nan'):.2f}×) on {cores} cores.")
    body = "\n".join([
        f"Protocol-level sessions through nginx, {args.duration:.0f} s per run, all "
        f"{len(pages)} pages in turn, a view = one page run to script_finished (what a "
        "browser waits for before drawing). Errors = views not served within "
        f"{args.view_timeout:g} s or with an exception.", "",
        md_table(HEADER, rows), "",
        md_table(["workers", "process", "RSS idle", "RSS at end", "peak RSS"], MEMORY), "",
        saturation,
    ])
    print(body)
    if not args.no_append:
        record("serve_load", "Load through nginx, 1 vs 2 workers (protocol-level sessions)",
               f"{md_table(HEADER, rows)}\n\n{saturation}", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
