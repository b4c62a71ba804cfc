"""`make serve`: two app processes behind Debian's nginx, kept up by supervisord.

Sticky routing (a route cookie pins a browser's pages and websocket to one process), data
edits reaching both processes, and the short form of `bench/failover.py`
(`tests/serve/failover.py`): a worker killed under protocol-level and Chromium sessions
loses no view, every session comes back to its filtered view, and new sessions reach the
worker supervisord restarts.
"""

from __future__ import annotations

import asyncio
import shutil
import time
import urllib.request
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
import websockets

from gfmd.store.loader import DEFAULT_DATA_DIR
from serving import supervise
from serving.supervise import Served
from tests.serve.failover import (
    ROUTE_COOKIE,
    failover,
    route_from,
    run_messages,
    select_pages,
)

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.serve

T = TypeVar("T")
YEAR_FILE = "participation/MAR/2016.yaml"
OLD_AMOUNT, NEW_AMOUNT = "amount_usd: 50000", "amount_usd: 60000"
# The overview's new-money total over all years, before and after the edit.
OLD_TOTAL, NEW_TOTAL = "257,622", "267,622"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("shared") / "data"
    shutil.copytree(DEFAULT_DATA_DIR, target)
    return target


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Iterator[Served]:
    """Two workers reading one shared data directory."""
    srv = supervise.start(2, tmp_path_factory.mktemp("serve"),
                      env={"GFMD_DATA_DIR": str(data_dir)})
    yield srv
    srv.stop()


def test_the_data_is_checked_before_the_workers_start(serve: Served, data_dir: Path) -> None:
    """Problems in the data are in the log before any page shows them."""
    log = (serve.runtime / "logs" / "serve.log").read_text()
    checked = log.index(f"files valid in {data_dir}")
    assert "data: OK: " in log[:checked]
    assert checked < log.index("worker(s) starting")


def in_thread(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on its own loop in a worker thread: in the full suite the browser
    tests' sync Playwright keeps an event loop running in the main thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def route_of_page(serve: Served, route: str | None) -> str | None:
    request = urllib.request.Request(f"{serve.base}/")
    if route:
        request.add_header("Cookie", f"{ROUTE_COOKIE}={route}")
    with urllib.request.urlopen(request, timeout=10) as resp:
        assert resp.status == 200
        return route_from(resp.headers)


async def overview_text(port: int, route: str) -> tuple[str | None, bytes]:
    """Run the overview over a websocket pinned to `route`: (route served, its messages)."""
    async with websockets.connect(
            f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"],
            origin=f"http://127.0.0.1:{port}", max_size=None,
            additional_headers={"Cookie": f"{ROUTE_COOKIE}={route}"}) as ws:
        messages = await run_messages(ws, select_pages("overview")[0])
        return route_from(ws.response.headers), messages


def test_a_session_stays_on_one_process(serve: Served) -> None:
    """A new visitor gets a route cookie; with it, pages and the websocket reach the same
    process (read back from nginx's access log, which names the upstream)."""
    assert route_of_page(serve, None) in {"w0", "w1"}
    for route in ("w0", "w1"):
        assert route_of_page(serve, route) == route
        served, _ = in_thread(overview_text(serve.port, route))
        assert served == route
    upstream = {w["route"]: w["upstream"] for w in serve.state()["workers"]}
    log = (serve.runtime / "logs" / "nginx-access.log").read_text().splitlines()
    for route in ("w0", "w1"):
        lines = [line for line in log if f"route={route} " in line]
        assert any('"GET / ' in line for line in lines)
        assert any('"GET /_stcore/stream ' in line for line in lines)
        assert {line.split("upstream=")[1].split()[0] for line in lines} == {upstream[route]}


def test_a_data_edit_reaches_both_processes(serve: Served, data_dir: Path) -> None:
    """Edit a year file in the shared directory; both processes show the new total."""
    for route in ("w0", "w1"):
        assert OLD_TOTAL.encode() in in_thread(overview_text(serve.port, route))[1]
    path = data_dir / YEAR_FILE
    text = path.read_text(encoding="utf-8")
    assert OLD_AMOUNT in text
    path.write_text(text.replace(OLD_AMOUNT, NEW_AMOUNT, 1), encoding="utf-8")
    for route in ("w0", "w1"):
        deadline = time.monotonic() + 30  # each process re-reads the directory every 2 s
        while True:
            served, seen = in_thread(overview_text(serve.port, route))
            assert served == route
            if NEW_TOTAL.encode() in seen:
                assert OLD_TOTAL.encode() not in seen
                break
            assert time.monotonic() < deadline, f"{route} still shows the old total"
            time.sleep(0.5)


# A view not served by then is lost, not late: a bound on a hang, far above a restart's
# few seconds, so a loaded machine does not read as a lost view (bench/ measures the wait).
HANG_S = 120


@pytest.mark.browser
def test_a_killed_worker_loses_no_view(tmp_path: Path) -> None:
    """6 protocol-level sessions and one Chromium tab with filters in the URL; the tab's
    worker is killed. No view is lost, each session on it is served again with the same
    filtered view, and new sessions reach the worker supervisord restarts."""
    out = in_thread(failover(ws_sessions=6, browser_sessions=1, duration=30,
                               kill_after=8, think=1.5, view_timeout=HANG_S,
                               runtime=tmp_path / "serve", pages=select_pages(None)))
    run = out.run
    assert run.lost == []
    assert run.errors == []
    assert run.wrong_view == []
    assert "browser0" in run.victims
    assert set(run.recovered) == run.victims  # each within the view time-out, or lost
    assert out.new_landed >= 1, f"no new session of {out.new_opened} reached the worker"
