"""Concurrency: ten or more browser sessions walking every page for two minutes against one
server on 127.0.0.1. Counts errors, reports time per page (median, p95) and the server's
memory at start and end.

Each session is its own Chromium context. A cycle opens one page by address (a new
Streamlit session, as a shared link does) and reaches the others through the sidebar
navigation (reruns in the same session); the entry page rotates so every page is reached
both ways. A step is done when a rerun that started after the action has finished and the
page's charts and map have drawn (the counts are learnt in a first, unhurried visit).

Errors: an exception element on screen, a step that takes over --step-timeout seconds,
a browser console error or uncaught page error, and any HTTP response ≥ 400.

    .venv/bin/python bench/concurrency.py            # 10 sessions, 120 s
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import websockets
from common import (
    APP,
    PageInfo,
    Server,
    append_results,
    is_base_path_probe,
    launch_options,
    md_table,
    median,
    mib,
    percentile,
    select_pages,
    start_server,
)
from first_view import INIT_SCRIPT, SCAN, SETTLED_ONCE
from playwright.async_api import Browser, BrowserContext, async_playwright
from playwright.async_api import Error as PlaywrightError
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# Done after an action: on the right page, a run that started after `since` (the click, or
# navigation start) has finished, the page shows it, the expected charts and maps drawn.
DONE_AFTER = """
(a) => {
  const s = (__SCAN__)();
  const b = window.__bench;
  if (s.exceptions) return {error: 'exception', at: performance.now()};
  if (location.pathname !== a.path) return false;
  const since = b[a.since] || 0;
  const start = b.startedSince(since);
  if (!start || !b.finishedSince(start[0]) || s.state !== 'notRunning') return false;
  if (s.plotsReady < a.plots || s.mapsReady < a.maps) return false;
  return {at: performance.now(), t0: since};
}
""".replace("__SCAN__", SCAN.strip())


@dataclass
class Totals:
    """Everything the sessions report, shared by all of them (one event loop)."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    how: Counter = field(default_factory=Counter)
    by_how: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    cycles: int = 0
    probes: int = 0  # Streamlit's own base-path probe 404s (not the app's errors)
    cut: int = 0  # page views under way when the time was up (not counted)

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] += 1
        self.examples.setdefault(kind, detail[:200])


def path_of(page: PageInfo) -> str:
    return "/" if page.default else f"/{page.url_path}"


async def new_context(browser: Browser, totals: Totals) -> BrowserContext:
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    await ctx.add_init_script(INIT_SCRIPT)
    ctx.on("response", lambda r: on_response(totals, r.status, r.url))
    return ctx


def on_response(totals: Totals, status: int, url: str) -> None:
    if status < 400:
        return
    if status == 404 and is_base_path_probe(url):
        totals.probes += 1
    else:
        totals.error("http ≥ 400", f"{status} {url}")


def on_console(totals: Totals, kind: str, text: str, url: str) -> None:
    """Console errors count, except the browser's echo of a base-path probe's 404."""
    if kind != "error":
        return
    if "404" in text and is_base_path_probe(url):
        return
    totals.error("console error", f"{text} ({url})")


async def learn_expectations(browser: Browser, pages: list[PageInfo], base: str,
                             totals: Totals) -> dict[str, dict[str, int]]:
    """Visit each page once, unhurried, and count its visible charts and maps."""
    expect = {}
    ctx = await new_context(browser, totals)
    try:
        page = await ctx.new_page()
        for info in pages:
            await page.goto(info.url(base), wait_until="commit", timeout=60_000)
            await page.wait_for_function(SETTLED_ONCE, timeout=60_000, polling=100)
            await asyncio.sleep(3)
            scan = await page.evaluate(SCAN)
            expect[info.name] = {"plots": scan["plots"], "maps": scan["maps"]}
    finally:
        await ctx.close()
    return expect


async def session(n: int, browser: Browser, pages: list[PageInfo], base: str,
                  expect: dict[str, dict[str, int]], deadline: float, totals: Totals,
                  step_timeout_ms: int) -> None:
    ctx = await new_context(browser, totals)
    page = await ctx.new_page()
    page.on("console", lambda m: on_console(totals, m.type, m.text,
                                            (m.location or {}).get("url", "")))
    page.on("pageerror", lambda e: totals.error("page error", str(e)))
    cycle = 0
    try:
        while time.monotonic() < deadline:
            start = (n + cycle) % len(pages)
            order = pages[start:] + pages[:start]
            for i, info in enumerate(order):
                if time.monotonic() >= deadline:
                    break
                arg = {**expect[info.name], "path": path_of(info)}
                # A step may not outlive the run: at the limit it is cut, not counted.
                step_end = min(time.monotonic() + step_timeout_ms / 1000, deadline)

                def left(end: float = step_end) -> float:
                    return max(1.0, (end - time.monotonic()) * 1000)

                try:
                    if i == 0:
                        how = "address (new session)"
                        await page.goto(info.url(base), wait_until="commit", timeout=left())
                        arg["since"] = "navigation"  # undefined: since navigation start
                    else:
                        how = "sidebar link (rerun)"
                        arg["since"] = "pointer"
                        link = page.locator(
                            f'[data-testid=stSidebarNav] a[href="{info.url(base)}"]')
                        await link.click(timeout=left())
                    handle = await page.wait_for_function(DONE_AFTER, arg=arg, polling=50,
                                                          timeout=left())
                    result = await handle.json_value()
                    if result.get("error"):
                        totals.error("exception on page", f"{info.name} (session {n})")
                        continue
                    took = (result["at"] - result["t0"]) / 1000
                    totals.times[info.name].append(took)
                    totals.by_how[how].append(took)
                    totals.how[how] += 1
                except PlaywrightError as exc:
                    if time.monotonic() >= deadline - 0.05:
                        totals.cut += 1
                        break
                    kind = "timeout" if "Timeout" in str(exc) else "playwright error"
                    totals.error(kind, f"{info.name} (session {n}): {str(exc)[:150]}")
            cycle += 1
            totals.cycles += 1
    finally:
        await ctx.close()


def rerun_request(page: PageInfo) -> bytes:
    """The BackMsg a browser sends to run a page: a rerun naming the page by its path."""
    msg = BackMsg()
    msg.rerun_script.query_string = ""
    msg.rerun_script.page_name = "" if page.default else page.url_path
    msg.rerun_script.widget_states.SetInParent()
    return msg.SerializeToString()


async def ws_session(n: int, port: int, pages: list[PageInfo], deadline: float,
                     totals: Totals, step_timeout: float) -> None:
    """A protocol-level session: Streamlit's websocket with its own protobuf messages.

    No browser, so many of these fit on the machine: they load the server (script runs,
    message traffic) the way browsers do, minus drawing. A page's time = request sent to
    its script_finished message; an exception element or page_not_found is an error.
    """
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    cycle = 0
    while time.monotonic() < deadline:
        start = (n + cycle) % len(pages)
        order = pages[start:] + pages[:start]
        try:
            async with websockets.connect(url, subprotocols=["streamlit"], max_size=None,
                                          origin=f"http://127.0.0.1:{port}") as ws:
                for info in order:
                    left = min(step_timeout, deadline - time.monotonic())
                    if left <= 0:
                        break
                    began = time.monotonic()
                    await ws.send(rerun_request(info))
                    try:
                        failed = await asyncio.wait_for(_until_finished(ws), timeout=left)
                    except TimeoutError:
                        if time.monotonic() >= deadline - 0.05:
                            totals.cut += 1
                        else:
                            totals.error("timeout", f"{info.name} (ws session {n})")
                        break
                    if failed:
                        totals.error(failed, f"{info.name} (ws session {n})")
                        continue
                    took = time.monotonic() - began
                    totals.times[info.name].append(took)
                    totals.by_how["new session" if info is order[0] else "rerun"].append(took)
        except (OSError, websockets.WebSocketException) as exc:
            totals.error("websocket error", f"ws session {n}: {str(exc)[:150]}")
            await asyncio.sleep(1)
        cycle += 1
        totals.cycles += 1


async def _until_finished(ws: websockets.ClientConnection) -> str | None:
    """Read ForwardMsgs until this run's script_finished; name what went wrong, if anything."""
    failed = None
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            if msg.delta.new_element.WhichOneof("type") == "exception":
                failed = "exception on page"
        elif kind == "page_not_found":
            failed = "page not found"
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                failed = "compile error"
            return failed


async def memory_monitor(server: Server, samples: list[tuple[float, int]],
                         stop: asyncio.Event, every: float = 5.0) -> None:
    start = time.monotonic()
    while not stop.is_set():
        samples.append((time.monotonic() - start, server.rss_kib().get("VmRSS", 0)))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every)


async def run(args: argparse.Namespace) -> str:
    pages = select_pages(args.pages)
    totals = Totals()
    ws_totals = Totals()
    server = start_server(APP, name="concurrency")
    memory: dict[str, dict[str, int]] = {"at start (idle)": server.rss_kib()}
    series: list[tuple[float, int]] = []
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(**launch_options())
            try:
                expect = await learn_expectations(browser, pages, server.base, totals)
                print(f"expecting charts/maps: {expect}", flush=True)
                memory["after one visit to each page"] = server.rss_kib()
                warm_errors = sum(totals.errors.values())
                stop = asyncio.Event()
                monitor = asyncio.create_task(memory_monitor(server, series, stop))
                began = time.monotonic()
                deadline = began + args.duration
                print(f"{args.sessions} sessions walking {len(pages)} pages for "
                      f"{args.duration:.0f} s …", flush=True)
                if args.ws_sessions:
                    print(f"… and {args.ws_sessions} protocol-level sessions", flush=True)
                await asyncio.gather(
                    *(session(n, browser, pages, server.base, expect, deadline, totals,
                              int(args.step_timeout * 1000))
                      for n in range(args.sessions)),
                    *(ws_session(n, server.port, pages, deadline, ws_totals,
                                 args.step_timeout)
                      for n in range(args.ws_sessions)))
                wall = time.monotonic() - began
                memory["at end (sessions open)"] = server.rss_kib()
                stop.set()
                await monitor
                version = browser.version
            finally:
                await browser.close()
        await asyncio.sleep(5)
        memory["5 s after the sessions closed"] = server.rss_kib()
    finally:
        server.stop()

    rows = []
    for info in pages:
        t = totals.times.get(info.name, [])
        rows.append([info.name, len(t), f"{median(t) * 1000:,.0f}",
                     f"{percentile(t, 95) * 1000:,.0f}", f"{max(t, default=0) * 1000:,.0f}"])
    all_times = [v for t in totals.times.values() for v in t]
    rows.append(["**all pages**", len(all_times), f"{median(all_times) * 1000:,.0f}",
                 f"{percentile(all_times, 95) * 1000:,.0f}",
                 f"{max(all_times, default=0) * 1000:,.0f}"])
    per_page = md_table(["page", "views", "median ms", "p95 ms", "max ms"], rows)
    how_rows = [[how, len(t), f"{median(t) * 1000:,.0f}", f"{percentile(t, 95) * 1000:,.0f}"]
                for how, t in totals.by_how.items()]
    per_how = md_table(["reached by", "views", "median ms", "p95 ms"], how_rows)
    mem_rows = [[when, mib(m.get("VmRSS")), mib(m.get("VmHWM"))] for when, m in memory.items()]
    mem = md_table(["server memory", "RSS", "peak RSS (VmHWM)"], mem_rows)
    trend = ", ".join(f"{t:.0f}s {kib / 1024:.0f}" for t, kib in series[:: max(1, len(series)
                                                                               // 12)])
    errors = sum(totals.errors.values())
    err_lines = [f"- {kind}: {count} (e.g. {totals.examples[kind]})"
                 for kind, count in totals.errors.most_common()]
    ws_part: list[str] = []
    if args.ws_sessions:
        ws_rows = []
        for info in pages:
            t = ws_totals.times.get(info.name, [])
            ws_rows.append([info.name, len(t), f"{median(t) * 1000:,.0f}",
                            f"{percentile(t, 95) * 1000:,.0f}",
                            f"{max(t, default=0) * 1000:,.0f}"])
        ws_all = [v for t in ws_totals.times.values() for v in t]
        ws_rows.append(["**all pages**", len(ws_all), f"{median(ws_all) * 1000:,.0f}",
                        f"{percentile(ws_all, 95) * 1000:,.0f}",
                        f"{max(ws_all, default=0) * 1000:,.0f}"])
        ws_errors = sum(ws_totals.errors.values())
        ws_part = [
            "", f"Protocol-level sessions at the same time: {args.ws_sessions} websocket "
            f"clients (Streamlit's BackMsg/ForwardMsg protobufs, no browser), "
            f"{ws_totals.cycles} cycles, {ws_totals.cut} runs cut at the limit, "
            f"{len(ws_all) / wall:.2f} runs per second. Time per page = rerun request sent "
            "to script_finished received.", "",
            md_table(["page", "runs", "median ms", "p95 ms", "max ms"], ws_rows), "",
            f"**Protocol-session errors: {ws_errors}**",
            *[f"- {kind}: {count} (e.g. {ws_totals.examples[kind]})"
              for kind, count in ws_totals.errors.most_common()],
        ]
    return "\n".join([
        f"{args.sessions} Chromium contexts (one headless browser, {version}) walking "
        f"{len(pages)} pages against one server for {wall:.1f} s (limit "
        f"{args.duration:.0f} s; {totals.cut} views under way at the limit were cut, not "
        f"counted); {totals.cycles} cycles, {len(all_times)} page views. Time per page = "
        "action (address or sidebar click) to a rerun started after it finished and its "
        "charts/map drawn, on the page's clock.", "",
        per_page, "", per_how, "",
        f"Throughput: {len(all_times) / wall:.2f} browser page views per second.", "",
        mem, "", f"RSS trend (s MiB): {trend}", "",
        f"**Errors: {errors}**" + (f" (of which {warm_errors} during the first visit)"
                                   if warm_errors else ""),
        *err_lines,
        f"Not counted: {totals.probes} 404s from Streamlit's own base-path probe on deep "
        "links (`/<page>/_stcore/host-config`, streamlit/streamlit#7074) and the browser's "
        "console echo of each.",
        *ws_part,
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10, help="browser contexts (≥10)")
    parser.add_argument("--duration", type=float, default=120.0, help="seconds of walking")
    parser.add_argument("--ws-sessions", type=int, default=0,
                        help="protocol-level websocket sessions alongside the browsers")
    parser.add_argument("--step-timeout", type=float, default=60.0,
                        help="seconds before a page view counts as a timeout")
    parser.add_argument("--pages", help="comma-separated url paths; default: all of PAGES")
    parser.add_argument("--no-append", action="store_true")
    args = parser.parse_args(argv)
    body = asyncio.run(run(args))
    print(body)
    if not args.no_append:
        extra = f" + {args.ws_sessions} protocol sessions" if args.ws_sessions else ""
        append_results(f"Concurrency ({args.sessions} browser sessions{extra}, "
                       f"{args.duration:.0f} s)", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
