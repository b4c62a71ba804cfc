"""nginx's per-address limits keep one looping client from starving the others.

One client (from 127.0.0.2) floods `make serve`'s nginx on 127.0.0.1 with new sessions
(each makes a worker set one up and run the Overview) and with page requests, as fast as
it is answered; a second client, Chromium (from 127.0.0.1), opens the Overview
meanwhile. Its page must be drawn within 2× the time it took with nobody else there.
Quiet and flooded loads take turns (the flood paused, then resumed), so both meet the
same background load from whatever else runs on the machine; medians are compared. The
flood is bounded: at most FLOOD_MAX attempts, FLOOD_RATE a second, FLOOD_S seconds, only
ever to 127.0.0.1, and it stops by itself. With the limits lifted
(SERVE_PEOPLE_PER_ADDRESS=1000) the same flood made the page 5.4× slower here (3.8 s
quiet, 20.4 s flooded): the test then fails, as it should.
"""

from __future__ import annotations

import asyncio
import statistics
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
import websockets
from playwright.sync_api import sync_playwright

from serving import supervise
from serving.supervise import Served
from tests.browser.support import VIEWPORT, launch_browser, open_app, page_errors, prepare_page
from tests.serve.failover import rerun_request, select_pages

pytestmark = [pytest.mark.serve, pytest.mark.browser]

FLOODER = "127.0.0.2"
FLOOD_TASKS = 64          # connections the flooder keeps busy at once
FLOOD_RATE = 150          # attempts per second at most (the flooder's own CPU is bounded)
FLOOD_MAX = 3000          # attempts in all
FLOOD_S = 120.0           # and never longer than this
ROUNDS = 4                # a quiet load, then a flooded one; medians compared


@pytest.fixture(scope="module")
def flood_serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    srv = supervise.start(2, tmp_path_factory.mktemp("flood"))
    yield srv
    srv.stop()


@dataclass
class Flood:
    outcomes: Counter[str] = field(default_factory=Counter)
    active: threading.Event = field(default_factory=threading.Event)  # flooding now
    stop: threading.Event = field(default_factory=threading.Event)
    # Set at the first refusal since the flood resumed (its burst allowance is spent),
    # and when the flood is over.
    refused: threading.Event = field(default_factory=threading.Event)
    over: threading.Event = field(default_factory=threading.Event)  # at its bounds
    in_flight: int = 0

    def resume(self, timeout: float = 60) -> None:
        """Flood again, and wait until nginx refuses it (or the flood has reached its
        bounds and ended): the burst the limits allow (10 sessions) has passed, so the
        next load meets the flood as the limits hold it."""
        self.refused.clear()
        self.active.set()
        if self.over.is_set():  # the flood set `refused` before it was cleared here
            return
        assert self.refused.wait(timeout), f"no request refused in {timeout} s of flood"

    def pause(self, timeout: float = 60) -> None:
        """Stop flooding and wait for the attempts under way to end."""
        self.active.clear()
        deadline = time.monotonic() + timeout
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.05)

    @property
    def attempts(self) -> int:
        return sum(self.outcomes.values())


async def one_session(port: int) -> str:
    """Open a session (what costs a worker most: ≈ 0.1–0.2 s each here), ask for the
    Overview and hang up, as a script reloading a tab in a loop would."""
    try:
        async with websockets.connect(
                f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
                origin=f"http://127.0.0.1:{port}", local_addr=(FLOODER, 0),
                max_size=None, open_timeout=30) as ws:
            await ws.send(rerun_request(select_pages("overview")[0], ""))
            return "session served"
    except websockets.InvalidStatus as exc:
        return f"session {exc.response.status_code}"
    except (OSError, TimeoutError, websockets.WebSocketException) as exc:
        return f"session {type(exc).__name__}"


async def one_page(port: int) -> str:
    """GET the Overview's page, as a reload would."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port,
                                                       local_addr=(FLOODER, 0))
        writer.write(f"GET /?years=2010 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     "Connection: close\r\n\r\n".encode())
        await writer.drain()
        status = (await asyncio.wait_for(reader.readline(), timeout=30)).split()[1]
        writer.close()
        return f"page {status.decode()}"
    except (OSError, TimeoutError, IndexError) as exc:
        return f"page {type(exc).__name__}"


async def flood(port: int, state: Flood) -> None:
    """FLOOD_TASKS loops, each a session then a page, paced to FLOOD_RATE in all."""
    began = time.monotonic()
    gap = FLOOD_TASKS / FLOOD_RATE

    async def loop(i: int) -> None:
        await asyncio.sleep(gap * i / FLOOD_TASKS)
        while (not state.stop.is_set() and state.attempts < FLOOD_MAX
               and time.monotonic() - began < FLOOD_S):
            if not state.active.is_set():
                await asyncio.sleep(0.05)
                continue
            started = time.monotonic()
            job = one_session if state.attempts % 2 == 0 else one_page
            state.in_flight += 1
            try:
                outcome = await job(port)
                state.outcomes[outcome] += 1
                if outcome.endswith(" 429"):
                    state.refused.set()
            finally:
                state.in_flight -= 1
            await asyncio.sleep(max(0.0, gap - (time.monotonic() - started)))

    await asyncio.gather(*(loop(i) for i in range(FLOOD_TASKS)))
    state.over.set()
    state.refused.set()  # nobody waits for a refusal that cannot come


def run_flood(port: int, state: Flood) -> None:
    if state.active.wait(timeout=300):
        asyncio.run(flood(port, state))


def time_loads(base: str, state: Flood) -> tuple[list[float], list[float], list[str]]:
    """Chromium opens the Overview ROUNDS times quiet and ROUNDS times under the flood,
    in turns (it starts and pauses the flood). Seconds from navigation to all drawn."""
    quiet: list[float] = []
    flooded: list[float] = []
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = launch_browser(pw)
        context = browser.new_context(viewport=VIEWPORT, service_workers="block")

        def load() -> float:
            page = context.new_page()
            prepare_page(page)
            began = time.monotonic()
            open_app(page, f"{base}/")
            page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')
            took = time.monotonic() - began
            errors.extend(page_errors(page))
            page.close()
            return took

        try:
            load()  # warm: static files in the browser's cache, the page compiled
            for _ in range(ROUNDS):
                state.pause()
                quiet.append(load())
                state.resume()
                flooded.append(load())
        finally:
            state.stop.set()
            state.active.set()
            context.close()
            browser.close()
    return quiet, flooded, errors


def test_one_flooding_client_does_not_starve_another(flood_serve: Served) -> None:
    state = Flood()
    with ThreadPoolExecutor(max_workers=2) as pool:
        flooding = pool.submit(run_flood, flood_serve.port, state)
        quiet, flooded, errors = pool.submit(time_loads, flood_serve.base, state).result()
        flooding.result()
    q, f = statistics.median(quiet), statistics.median(flooded)
    summary = (f"quiet {q:.2f} s {quiet}, flooded {f:.2f} s {flooded}, {f / q:.2f}×; "
               f"flood {dict(state.outcomes)}")
    print(summary)
    assert errors == [], errors
    # It was a flood: far more than the limits let through, most of it refused.
    assert state.attempts >= 300, summary
    refused = sum(n for k, n in state.outcomes.items() if k.endswith(" 429"))
    assert refused >= state.attempts * 0.7, summary
    assert state.outcomes["session served"] >= 5, summary  # served up to the limits
    assert f <= 2 * q, summary
